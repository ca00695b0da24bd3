// Governance: suspend or restore a member (`POST /{id}?active=`), sign them out everywhere
// (`POST /{id}/logout`), and message members (`POST /me/messages`). Each leaves the audit-log
// event the real service would, acted by the token's user.
import { randomBytes } from 'node:crypto';
import type { TokenRecord } from '../auth';
import { requirePermission } from '../access';
import { graphError, HttpError, json, type ApiCall, type ApiResponse } from '../http-kit';
import type { DemoCommunity } from '../server';
import { userById } from './graph-members';
import type { DemoUser } from '../types';

export function forceLogout(c: DemoCommunity, id: string, token: TokenRecord): ApiResponse {
  // Permission first: a caller without it learns nothing about which ids exist.
  requirePermission(token, 'manage_accounts', 200);
  c.forceLogout(userById(c, id).index, token.actor);
  return json(200, { success: true });
}

export function setActive(c: DemoCommunity, call: ApiCall, u: DemoUser, token: TokenRecord): ApiResponse {
  requirePermission(token, 'manage_accounts', 200);
  const form = new URLSearchParams(call.body);
  const active = call.url.searchParams.get('active') ?? form.get('active');
  if (active !== 'true' && active !== 'false') return graphError(400, 100, '(#100) Param active must be true or false');
  c.setActive(u.index, active === 'true', token.actor);
  return json(200, { success: true });
}

export function sendMessage(c: DemoCommunity, call: ApiCall, token: TokenRecord): ApiResponse {
  requirePermission(token, 'message_any_member', 200);
  let recipient: unknown;
  let message: unknown;
  const ct = call.headers['content-type'] ?? '';
  try {
    if (/json/.test(ct)) {
      const b = JSON.parse(call.body || '{}') as Record<string, unknown>;
      recipient = b.recipient;
      message = b.message;
    } else {
      const f = new URLSearchParams(call.body);
      recipient = JSON.parse(f.get('recipient') ?? call.url.searchParams.get('recipient') ?? 'null');
      message = JSON.parse(f.get('message') ?? call.url.searchParams.get('message') ?? 'null');
    }
  } catch {
    return graphError(400, 100, '(#100) recipient and message must be JSON');
  }
  const r = recipient as { ids?: unknown; id?: unknown } | null;
  const ids = r && Array.isArray(r.ids) ? r.ids.map(String) : r && r.id !== undefined ? [String(r.id)] : [];
  const text = (message as { text?: unknown } | null)?.text;
  if (ids.length === 0) return graphError(400, 100, '(#100) param recipient must be non-empty.');
  if (typeof text !== 'string' || text.length === 0)
    return graphError(400, 100, '(#100) param message[text] must be a non-empty UTF-8 encoded string');
  if (text.length > 2000)
    return graphError(400, 100, '(#100) Length of param message[text] must be less than or equal to 2000');
  const users = ids.map((id) => {
    const i = c.org.usersById.get(id);
    if (i === undefined || c.state(i).deleted)
      throw new HttpError(
        graphError(400, 100, `(#100) No matching user found for recipient ${id}`, { subcode: 2018001 }),
      );
    return c.org.users[i];
  });
  const sender = c.org.users[token.actor];
  const ids2: string[] = [];
  for (const u of users) {
    const id = `m_${randomBytes(12).toString('base64url')}`;
    ids2.push(id);
    c.messages.push({
      id,
      recipientId: u.id,
      recipientEmail: u.email,
      text,
      sentAt: Date.now(),
      senderId: sender.id,
      tokenKind: token.kind,
    });
  }
  return json(
    200,
    users.length === 1
      ? { recipient_id: users[0].id, message_id: ids2[0] }
      : { recipient_ids: users.map((u) => u.id), message_ids: ids2 },
  );
}
