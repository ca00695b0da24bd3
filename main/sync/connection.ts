// The connection record (store.meta, never secrets) and the credentials built from it plus
// the secrets interface.
import type { SecretStore } from '../runtime/secrets';
import type { MetaStore } from '../store/types';
import { appCredentials, consentToken, integrationToken, type Credentials } from '../workplace/credentials';
import type { WorkplaceUrls } from '../workplace/urls';

export const CONNECTION_KEY = 'connection';
export const SECRET_TOKEN = 'workplace.accessToken';
export const SECRET_APP_SECRET = 'workplace.appSecret';

export type ConnectionMethod = 'consent' | 'token' | 'app_credentials' | 'demo';

export interface ConnectionRecord {
  method: ConnectionMethod;
  /** How the credentials work ('demo' connects through consent). */
  credentialKind: 'consent' | 'token' | 'app_credentials';
  organisation: { id: string; name: string };
  urls: WorkplaceUrls;
  apiBase: string | null;
  appId: string | null;
  backfillDays: number;
  connectedAt: number;
  firstSyncDoneAt: number | null;
  disconnectedAt: number | null;
}

export function readConnection(meta: MetaStore): ConnectionRecord | null {
  const c = meta.get<ConnectionRecord>(CONNECTION_KEY);
  return c && typeof c === 'object' && c.organisation && c.urls ? c : null;
}

export async function credentialsFor(
  record: ConnectionRecord,
  secrets: SecretStore,
  opts: { userAgent: string; fetch?: typeof fetch; now?: () => number },
): Promise<Credentials | null> {
  if (record.credentialKind === 'app_credentials') {
    const secret = await secrets.get(SECRET_APP_SECRET);
    if (!secret || !record.appId) return null;
    return appCredentials({
      appId: record.appId,
      appSecret: secret,
      auditBase: record.urls.audit,
      userAgent: opts.userAgent,
      fetch: opts.fetch,
      now: opts.now,
    });
  }
  const token = await secrets.get(SECRET_TOKEN);
  if (!token) return null;
  if (record.credentialKind === 'consent') {
    const secret = await secrets.get(SECRET_APP_SECRET);
    return secret ? consentToken(token, secret) : null;
  }
  return integrationToken(token);
}
