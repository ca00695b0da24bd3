// The "Add to Workplace" consent page: plain HTML with inline CSS, a form that posts back
// (works without JavaScript, in a sandboxed BrowserWindow, and for a plain HTTP client).
import { PERMISSIONS, type Permission } from './auth';

export const DEMO_GROUPS = [
  { id: '2011000000001', name: 'Announcements' },
  { id: '2011000000002', name: 'IT Help Desk' },
  { id: '2011000000003', name: 'Operations — Depots' },
  { id: '2011000000004', name: 'Sales EMEA' },
  { id: '2011000000005', name: 'Security Champions' },
];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;background:#f0f2f5;
color:#1c1e21}
header{background:#1877f2;color:#fff;padding:14px 24px;display:flex;align-items:center;gap:12px}
header .logo{width:30px;height:30px;border-radius:7px;background:#fff;color:#1877f2;font-weight:800;display:flex;
align-items:center;justify-content:center;font-size:18px}
header .brand{font-weight:700;font-size:17px;letter-spacing:.2px}
header .demo{margin-left:auto;font-size:12px;background:rgba(255,255,255,.2);padding:3px 8px;border-radius:10px}
main{max-width:560px;margin:32px auto;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.15);
padding:28px 32px}
h1{font-size:21px;margin:0 0 6px}p.sub{color:#606770;margin:0 0 20px}
.app{display:flex;gap:12px;align-items:center;margin-bottom:18px}
.app .icon{width:44px;height:44px;border-radius:10px;background:#e7f0fd;color:#1877f2;display:flex;align-items:center;
justify-content:center;font-weight:800}
label.field{display:block;font-weight:600;margin:16px 0 6px}
select{width:100%;padding:8px 10px;border:1px solid #ccd0d5;border-radius:6px;font-size:15px;background:#fff}
ul.perms{margin:6px 0 0;padding:0;list-style:none}
ul.perms li{padding:7px 0 7px 26px;position:relative;border-bottom:1px solid #f0f2f5}
ul.perms li:before{content:"\\2713";position:absolute;left:4px;color:#42b72a;font-weight:700}
fieldset{border:1px solid #dddfe2;border-radius:8px;padding:10px 14px;margin:16px 0 0}
legend{font-weight:600;padding:0 4px}
.choice{display:block;padding:4px 0}.groups{margin:4px 0 0 24px}
.groups label{display:block;font-size:14px;color:#444950}
.error{background:#ffebe8;border:1px solid #dd3c10;color:#8a1f0a;padding:8px 12px;border-radius:6px;
margin-bottom:14px}
.actions{display:flex;flex-direction:row-reverse;justify-content:flex-start;gap:10px;margin-top:24px}
button{font:inherit;font-weight:600;border-radius:6px;padding:8px 18px;cursor:pointer;border:1px solid transparent}
button.primary{background:#1877f2;color:#fff}button.primary:hover{background:#166fe5}
button.secondary{background:#e4e6eb;color:#1c1e21}button.secondary:hover{background:#d8dadf}
footer{text-align:center;color:#8d949e;font-size:12px;margin:0 0 32px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<header><div class="logo">W</div><div class="brand">Workplace</div>
<div class="demo">Demo community</div></header>
${body}
<footer>Workplace Guard demo community — a local stand-in for Workplace from Meta.
No data leaves this computer.</footer>
</body></html>`;
}

export interface ConsentPageModel {
  requestId: string;
  appName: string;
  community: { id: string; name: string };
  permissions: Permission[];
  error?: string;
}

export function renderConsentPage(m: ConsentPageModel): string {
  const perms = m.permissions
    .map((p) => `<li>${escapeHtml(PERMISSIONS[p])} <small style="color:#8d949e">(${p})</small></li>`)
    .join('');
  const groups = DEMO_GROUPS.map(
    (g) => `<label><input type="checkbox" name="group_ids" value="${g.id}"> ${escapeHtml(g.name)}</label>`,
  ).join('');
  return page(
    `Add ${m.appName} to Workplace`,
    `<main>
<!-- Enter submits the first button: "Add to Workplace" comes first in the DOM, shown on the right. -->
<form method="post" action="/dialog/work/app_install/">
<input type="hidden" name="request_id" value="${escapeHtml(m.requestId)}">
${m.error ? `<div class="error" role="alert">${escapeHtml(m.error)}</div>` : ''}
<div class="app"><div class="icon">WG</div><div><h1>Add ${escapeHtml(m.appName)} to Workplace</h1>
<p class="sub" style="margin:0">${escapeHtml(m.appName)} is requesting access to your organisation.</p></div></div>
<label class="field" for="community">Organisation</label>
<select id="community" name="community">
<option value="${escapeHtml(m.community.id)}" selected>${escapeHtml(m.community.name)}</option></select>
<label class="field">This app will be able to:</label>
<ul class="perms">${perms}</ul>
<fieldset><legend>Group access</legend>
<label class="choice"><input type="radio" name="groups" value="all" checked> All groups</label>
<label class="choice"><input type="radio" name="groups" value="selected"> Selected groups</label>
<div class="groups">${groups}</div>
</fieldset>
<div class="actions">
<button type="submit" class="primary" name="action" value="install">Add to Workplace</button>
<button type="submit" class="secondary" name="action" value="cancel">Cancel</button>
</div>
</form>
</main>`,
  );
}

export function renderErrorPage(title: string, message: string): string {
  return page(title, `<main><h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(message)}</p></main>`);
}
