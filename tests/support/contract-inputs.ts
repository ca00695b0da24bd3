const activityPolicy = {
  id: 'after-hours-admin',
  name: 'Admin activity after hours',
  description: '',
  enabled: true,
  severity: 'Medium',
  filter: { admin: true, hours: { from: 20, to: 6 } },
  mode: { kind: 'every' },
  dailyLimit: 20,
  actions: [],
  template: null,
};

// One valid (minimal) input per contract operation: the base the hostile-input table mutates.
// A test checks that this table names every operation, so a new operation cannot slip past.
export const validInputs: Record<string, unknown> = {
  'app.info': {},
  'app.openExternal': { url: 'https://db-ip.com' },
  'connector.status': {},
  'connector.connectDemo': {},
  'connector.connectToken': { token: 'abcdefgh12345678' },
  'connector.connectAppCredentials': { appId: '123', appSecret: 'abcdefgh12345678' },
  'connector.connectConsent': { appId: '123', appSecret: 'abcdefgh12345678' },
  'connector.disconnect': {},
  'connector.syncNow': {},
  'connector.cancelSync': {},
  'activities.list': { limit: 10 },
  'activities.get': { id: 'x' },
  'activities.countsByDay': {},
  'activities.countsByType': {},
  'activities.exportPage': { format: 'csv' },
  'users.list': {},
  'users.summary': { id: 'x' },
  'alerts.list': {},
  'governance.log': {},
  'policies.list': {},
  'settings.get': {},
  'settings.update': { notifications: true },
  'connector.dataHealth': {},
  'connector.syncHistory': {},
  'connector.permissions': {},
  'governance.preview': { action: 'notify', user: 'ann@bw.example' },
  'governance.run': { action: 'suspend', user: 'ann@bw.example', reason: 'Impossible travel' },
  'governance.retry': { id: 'g1' },
  'governance.revert': { id: 'g1' },
  'governance.cancel': { id: 'g1' },
  'governance.flush': {},
  'governance.export': { format: 'csv' },
  'governance.getSettings': {},
  'governance.updateSettings': { automaticDryRun: true },
  'posture.report': {},
  'posture.setStatus': { id: 'r1', status: 'planned' },
  'alerts.get': { id: 'AL-000001' },
  'alerts.counts': {},
  'alerts.setStatus': { ids: ['AL-000001'], status: 'Resolved' },
  'alerts.tune': { action: 'sensitivity', alertId: 'AL-000001', sensitivity: 'Low' },
  'policies.get': { id: 'impossible-travel' },
  'policies.update': { id: 'impossible-travel' },
  'policies.createActivity': { policy: activityPolicy },
  'policies.updateActivity': { policy: activityPolicy },
  'policies.deleteActivity': { id: 'after-hours-admin' },
  'policies.replay': { policy: activityPolicy },
  'ipRanges.list': {},
  'ipRanges.add': { cidr: '198.51.100.0/24', category: 'VPN' },
  'ipRanges.remove': { id: 'r_1' },
  'dashboard.activityByDay': { since: 0, timeZone: 'UTC' },
  'dashboard.signInsByCountry': { since: 0 },
  'dashboard.totals': {},
  'intel.lists': {},
  'intel.setListSettings': { online: true },
  'intel.refreshLists': {},
};

const fullFilter = {
  user: 'ann@bw.example',
  type: 'login.success',
  admin: false,
  impersonated: false,
  ip: '203.0.113.7',
  country: 'GB',
  text: 'password',
  since: 0,
  until: 8.64e15,
};

/**
 * More inputs each operation must accept beyond `validInputs`: nothing at all where nothing
 * is needed, every optional field, the bounds of every limit. The renderer's own inputs are
 * asserted against the schemas in tests/unit/renderer (it imports the screens' constants).
 */
export const acceptedInputs: Record<string, unknown[]> = {
  'app.info': [undefined],
  'app.openExternal': [{ url: 'https://developers.facebook.com/docs/workplace' }, { url: 'http://example.com/x' }],
  'connector.status': [undefined],
  'connector.connectDemo': [undefined],
  'connector.connectToken': [
    { token: 'x'.repeat(4096), apiBase: 'https://graph.workplace.com' },
    { token: 'abcdefgh', apiBase: 'http://127.0.0.1:8080/' },
  ],
  'connector.connectAppCredentials': [{ appId: '1'.repeat(200), appSecret: 's'.repeat(512), apiBase: 'https://x.com' }],
  'connector.connectConsent': [{ appId: '123', appSecret: 'abcdefgh', apiBase: 'http://127.0.0.1:1/' }],
  'connector.disconnect': [undefined],
  'connector.syncNow': [undefined],
  'connector.cancelSync': [undefined],
  'activities.list': [
    {},
    { limit: 1 },
    { limit: 500 },
    { filter: fullFilter, cursor: 'c'.repeat(256), limit: 200 },
    { filter: {} },
  ],
  'activities.get': [{ id: 'x'.repeat(200) }],
  'activities.countsByDay': [{ filter: fullFilter }, { filter: { since: 0 } }],
  'activities.countsByType': [{ filter: fullFilter }],
  'activities.exportPage': [
    { filter: fullFilter, format: 'json', cursor: 'c'.repeat(256), limit: 2000 },
    { filter: { types: ['login', 'mfa'], country: 'Netherlands', ip: '203.0.113.0/24', asn: 1136 }, format: 'csv' },
    { filter: { ipCategory: 'risky', device: 'mobile' }, format: 'csv', limit: 1 },
  ],
  'users.list': [
    { search: 'ann', cursor: 'c'.repeat(256), limit: 1000 },
    { limit: 1 },
    { status: 'inactive', admin: true, terminated: false, unclaimed: true, authMethod: 'none', openAlerts: true },
    { sort: 'priority', reverse: true },
  ],
  'dashboard.activityByDay': [{ since: 0, until: 8.64e15, timeZone: 'Pacific/Chatham' }],
  'dashboard.signInsByCountry': [{ since: 0, until: 8.64e15 }],
  'dashboard.totals': [undefined],
  'users.summary': [{ id: 'u'.repeat(200) }],
  'alerts.list': [
    { status: 'New' },
    { status: 'In progress' },
    { status: 'Resolved' },
    { open: true, severity: 'High', policy: 'impossible-travel', user: 'ann@bw.example', since: 0, until: 8.64e15 },
    { sort: 'severity', cursor: 'c'.repeat(256), limit: 500 },
    { sort: 'oldest', limit: 1 },
  ],
  'alerts.counts': [undefined],
  'alerts.setStatus': [
    { ids: ['a', 'b'], status: 'Resolved', classification: 'False positive', comment: 'c'.repeat(2000) },
    { ids: ['a'], status: 'In progress' },
  ],
  'alerts.tune': [
    { action: 'excludeUser', alertId: 'AL-1' },
    { action: 'excludeUser', alertId: 'AL-1', user: 'ann@bw.example' },
    { action: 'tagIp', alertId: 'AL-1', cidr: '203.0.113.7', category: 'vpn', name: 'Office VPN' },
  ],
  'policies.update': [
    { id: 'impossible-travel', enabled: false, sensitivity: 'High', includeUsers: [], excludeUsers: ['a'] },
    { id: 'failed-logins', params: { minFailures: 12, other: null } },
  ],
  'policies.replay': [{ policy: activityPolicy, since: 0, until: 8.64e15, limit: 200 }],
  'ipRanges.list': [undefined],
  'ipRanges.add': [{ cidr: '2001:db8::/32', category: 'cloud provider', tags: ['lab'], name: 'Lab' }],
  'intel.lists': [undefined],
  'intel.setListSettings': [
    { online: false, schedule: 'daily', urls: { tor: ['https://mirror.example/tor.txt'], feodo: null } },
  ],
  'intel.refreshLists': [undefined, { ids: ['tor', 'spamhaus-drop'] }],
  'governance.log': [undefined],
  'policies.list': [undefined],
  'settings.get': [undefined],
  'settings.update': [
    {},
    { syncIntervalMinutes: 1, backfillDays: 0, consentMode: 'window', notifications: false },
    { syncIntervalMinutes: 1440, backfillDays: 3650, consentMode: 'system-browser' },
  ],
  'connector.dataHealth': [undefined],
  'connector.syncHistory': [undefined, { limit: 1 }, { limit: 100 }],
  'connector.permissions': [undefined],
  'governance.preview': [
    { action: 'signout', user: 'u'.repeat(320), reason: '', alertId: 'a1', message: 'm'.repeat(4000) },
    { action: 'unsuspend', user: 'u1' },
  ],
  'governance.run': [
    { action: 'suspend', user: 'admin@bw.example', reason: 'r'.repeat(2000), confirmAdmin: 'admin@bw.example' },
    { action: 'notify', user: 'u1', reason: 'Heads up', message: 'Please call the service desk.' },
  ],
  'governance.revert': [{ id: 'g1', confirmAdmin: 'admin@bw.example' }],
  'governance.flush': [undefined],
  'governance.export': [{ format: 'json' }],
  'governance.getSettings': [undefined],
  'governance.updateSettings': [
    {},
    { ownAccount: null, notifyTemplate: 'Hello', automaticDryRun: false, automaticSuspendsPerDay: 0 },
    { ownAccount: 'me@bw.example', automaticSuspendsPerDay: 1000 },
  ],
  'posture.report': [undefined],
  'posture.setStatus': ['to_address', 'risk_accepted', 'resolved_third_party', 'resolved_alternate'].map((status) => ({
    id: 'r1',
    status,
  })),
};

/** Keys the tables above use that are optional, so leaving them out is not hostile. */
const OPTIONAL_KEYS = ['limit', 'notifications', 'automaticDryRun', 'online'];

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Replaces every string leaf with a 10 MB string (or adds one where there is none). */
function withHugeStrings(valid: unknown): unknown {
  if (typeof valid === 'string') return TEN_MB;
  if (valid && typeof valid === 'object') {
    const entries = Object.entries(valid);
    if (!entries.some(([, v]) => typeof v === 'string')) return { ...valid, huge: TEN_MB };
    return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? TEN_MB : v]));
  }
  return TEN_MB;
}

/** Hostile variants for one operation, as [label, JSON text or value]. Each must be refused. */
export function hostileInputs(op: string): { label: string; value?: unknown; json?: string }[] {
  const valid = validInputs[op] as Record<string, unknown>;
  const variants: { label: string; value?: unknown; json?: string }[] = [
    { label: 'number', value: 42 },
    { label: 'string', value: 'hello' },
    { label: 'array', value: [valid] },
    { label: 'boolean', value: true },
    { label: 'null', value: null },
    { label: 'extra field', value: { ...valid, unexpected: 1 } },
    { label: 'huge strings (10 MB)', value: withHugeStrings(valid) },
    {
      label: '__proto__ key',
      json: JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"polluted":true},').replace(',}', '}'),
    },
    {
      label: 'constructor.prototype key',
      json: JSON.stringify({ ...valid, constructor: { prototype: { polluted: true } } }),
    },
  ];
  // Wrong type for each field, and each required field missing.
  for (const [key, v] of Object.entries(valid)) {
    variants.push({
      label: `wrong type for ${key}`,
      value: { ...valid, [key]: typeof v === 'string' ? 12345 : 'not-a-number' },
    });
    const rest = { ...valid };
    delete rest[key];
    if (Object.keys(rest).length < Object.keys(valid).length && !OPTIONAL_KEYS.includes(key)) {
      variants.push({ label: `missing ${key}`, value: rest });
    }
  }
  return variants;
}
