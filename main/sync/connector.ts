// The connector service: connect (token, app credentials, consent), the status machine, and
// one sync at a time on a schedule. It is the only place that turns a connection record and
// secrets into a Workplace client, so every entry point (Electron, host, CLI) behaves alike.
import type { ConnectorStatus, DataHealth } from '../../preload/contract';
import path from 'node:path';
import { openEnricher, type Enricher } from '../detect/enrich';
import type { IpIntel } from '../intel/ip-facts';
import { GuardError, toGuardError } from '../runtime/errors';
import type { GuardEvents } from '../runtime/events';
import type { SecretStore } from '../runtime/secrets';
import type { SettingsStore } from '../runtime/settings';
import type { StoredActivity, Store } from '../store/types';
import { WorkplaceApiError, toGuardErrorFromApi } from '../workplace/api-error';
import { createWorkplaceClient, type WorkplaceClient } from '../workplace/client';
import {
  buildConsentUrl,
  checkState,
  CONSENT_TIMEOUT_MS,
  exchangeConsentCode,
  newConsentState,
  newPkce,
  type ConsentFlow,
} from '../workplace/consent';
import { appCredentials, consentToken, integrationToken, type Credentials } from '../workplace/credentials';
import type { HttpOptions, WaitInfo } from '../workplace/http';
import type { Community } from '../workplace/users-api';
import { resolveUrls, type WorkplaceUrls } from '../workplace/urls';
import {
  CONNECTION_KEY,
  credentialsFor,
  readConnection,
  SECRET_APP_SECRET,
  SECRET_TOKEN,
  type ConnectionMethod,
  type ConnectionRecord,
} from './connection';
import { explainConnectFailure } from './connect-failure';
import { fixFor, StatusMachine } from './connector-status';
import { metaDamage, readDataHealth } from './data-health';
import { forgetWalkCursor } from './checkpoint';
import { DEFAULT_OVERLAP_MS, runSync, type SyncResult } from './engine';
import { IDLE_PROGRESS } from './progress';
import {
  ARCHIVES_DIR,
  archiveDir,
  deleteStore,
  labelArchive,
  moveStoreTo,
  recordStoreOrganisation,
  storeOrganisation,
  type OtherOrganisationChoice,
  type StoreOrganisation,
} from './organisation';
import { SyncScheduler, type SyncReason, type Timers } from './scheduler';
import { StoreWriteError, storeWrite } from './store-failure';
import { recordSync } from './sync-history';
import { isSwitchable } from './switchable-store';

/** How long a consent waits for the admin's archive-or-clear answer before it must be given again. */
const CONSENT_CHOICE_TTL_MS = 10 * 60_000;

export interface ConnectorDeps {
  store: Store;
  secrets: SecretStore;
  settings: SettingsStore;
  events: GuardEvents;
  consentFlow: () => ConsentFlow;
  userAgent: string;
  now?: () => number;
  /**
   * New activities, as committed (the detection pipeline). Awaited, so detection keeps pace;
   * it must therefore not await cancelSync()/disconnect() itself (they wait for this sync).
   */
  onActivitiesCommitted?: (added: StoredActivity[]) => Promise<void> | void;
  /** Test/bench hooks: fetch, injectable sleeps and retry policy. */
  http?: Pick<HttpOptions, 'fetch' | 'sleep' | 'retry' | 'random' | 'onWait' | 'timeoutMs'>;
  timers?: Timers;
  /** Geolocation data directory (default: the bundled one); null disables enrichment. */
  geolocationDir?: string | null;
  /** ASN, network kind, lists and the admin's ranges for each activity (main/intel/open-ip-intel.ts). */
  intel?: IpIntel | null;
  overlapMs?: number;
  onWarning?: (message: string) => void;
}

export interface ConnectOptions {
  apiBase?: string;
  urls?: Partial<WorkplaceUrls>;
  backfillDays?: number;
  /** What to do with the data of the organisation the store holds, when this is another one. */
  otherOrganisation?: OtherOrganisationChoice;
  /** Told where the other organisation's data went (null: cleared). */
  onSetAside?: (info: { organisation: StoreOrganisation; archivedTo: string | null }) => void;
}

export interface Connector {
  status(): ConnectorStatus;
  connectToken(opts: ConnectOptions & { token: string }): Promise<ConnectorStatus>;
  connectAppCredentials(opts: ConnectOptions & { appId: string; appSecret: string }): Promise<ConnectorStatus>;
  /** `demo` labels the connection as the demo community (method 'demo'). */
  connectConsent(opts: ConnectOptions & { appId: string; appSecret: string; demo?: boolean }): Promise<ConnectorStatus>;
  disconnect(): Promise<ConnectorStatus>;
  syncNow(): Promise<ConnectorStatus>;
  cancelSync(): Promise<ConnectorStatus>;
  /** Damaged files and quarantined records, in plain words (status, banner). */
  dataHealth(): DataHealth;
  waitForIdle(): Promise<SyncResult>;
  startScheduler(): void;
  stopScheduler(): void;
  onResume(): void;
  onOnline(): void;
  close(): Promise<void>;
}

interface Prepared {
  credentials: Credentials;
  secrets: Record<string, string>;
  appId: string | null;
}

export function createConnector(deps: ConnectorDeps): Connector {
  const now = deps.now ?? Date.now;
  const { store, events } = deps;
  const machine = new StatusMachine(store, events, now, metaDamage(store));
  let running: { promise: Promise<SyncResult>; abort: AbortController } | null = null;
  let connecting: AbortController | null = null;
  /** Settles when the connect in progress has finished restoring or recording its state. */
  let connectDone: Promise<void> = Promise.resolve();
  let lastResult: SyncResult | null = null;
  let enricher: Promise<Enricher | null> | null = null;
  let closed = false;
  /**
   * What a consent produced for a connect that stopped at the other-organisation choice: the
   * admin's answer (archive or clear) completes that connect with it instead of opening the
   * consent page a second time. In memory only, for one answer, and for a few minutes.
   */
  let consentAwaitingChoice: { key: string; prepared: Prepared; until: number } | null = null;

  const scheduler = new SyncScheduler({
    intervalMs: () => deps.settings.get().syncIntervalMinutes * 60_000,
    now,
    timers: deps.timers,
    trigger: (reason) => void startSync(reason).catch(() => undefined),
    onNextChange: (nextSyncAt) => {
      if (machine.current.nextSyncAt !== nextSyncAt) void machine.set({ nextSyncAt }).catch(() => undefined);
    },
  });

  /** The running sync's listener for the client's waits (reported in its progress). */
  let onWait: ((info: WaitInfo) => void) | null = null;
  const makeClient = (urls: WorkplaceUrls, credentials: Credentials): WorkplaceClient =>
    createWorkplaceClient({
      ...deps.http,
      urls,
      credentials,
      userAgent: deps.userAgent,
      now,
      onWait: (info) => {
        deps.http?.onWait?.(info);
        onWait?.(info);
      },
    });

  const getEnricher = () => {
    if (deps.geolocationDir === null) return Promise.resolve(null);
    enricher ??= openEnricher(deps.geolocationDir, deps.intel ?? null);
    return enricher;
  };

  async function stopRunning(): Promise<void> {
    const r = running;
    if (!r) return;
    r.abort.abort();
    await r.promise.catch(() => undefined);
  }

  async function organisationOf(
    client: WorkplaceClient,
    method: ConnectionMethod,
    appId: string | null,
    signal: AbortSignal,
  ): Promise<Community> {
    try {
      return await client.community(signal);
    } catch (err) {
      // An Admin Center app may not read /community; its app id then names the organisation.
      if (
        method === 'app_credentials' &&
        err instanceof WorkplaceApiError &&
        err.kind !== 'token' &&
        err.kind !== 'transient'
      ) {
        return { id: `app:${appId}`, name: `Admin Center app ${appId}` };
      }
      throw err;
    }
  }

  async function connect(
    method: ConnectionMethod,
    opts: ConnectOptions,
    prepare: (urls: WorkplaceUrls, signal: AbortSignal) => Promise<Prepared>,
    /** For a consent: the app it was given to (the same app and URLs may re-use it, see consentAwaitingChoice). */
    consentFor: string | null = null,
  ): Promise<ConnectorStatus> {
    if (closed) throw new GuardError('unsupported', 'The connector is closed.');
    if (connecting) throw new GuardError('busy', 'A connection is already being set up; finish or cancel it first.');
    const urls = resolveUrls(opts);
    const backfillDays = opts.backfillDays ?? deps.settings.get().backfillDays;
    if (!Number.isInteger(backfillDays) || backfillDays < 0 || backfillDays > 3650) {
      throw new GuardError('invalid_input', 'Back-fill days must be a whole number from 0 to 3650.');
    }
    let before = machine.current;
    const abort = new AbortController();
    connecting = abort;
    let finished!: () => void;
    connectDone = new Promise<void>((r) => (finished = r));
    await machine.set({ state: 'connecting', error: null });
    try {
      // Only a consent is worth keeping for the answer: a token or an app secret is sent again by the form.
      const consentKey = consentFor === null ? null : JSON.stringify([method, urls, consentFor]);
      const kept = consentAwaitingChoice;
      consentAwaitingChoice = null;
      const reuse =
        opts.otherOrganisation && kept && kept.key === consentKey && kept.until > now() ? kept.prepared : null;
      const prepared = reuse ?? (await prepare(urls, abort.signal));
      const client = makeClient(urls, prepared.credentials);
      const org = await organisationOf(client, method, prepared.appId, abort.signal);
      const held = storeOrganisation(store.meta);
      if (held && held.id !== org.id) {
        if (!opts.otherOrganisation && consentKey)
          consentAwaitingChoice = { key: consentKey, prepared, until: now() + CONSENT_CHOICE_TTL_MS };
        await setAside(held, org, opts, ['connected', 'first_sync', 'error'].includes(before.state));
        before = machine.current;
      }
      await stopRunning();
      const existing = readConnection(store.meta);
      await deps.secrets.delete(SECRET_TOKEN);
      await deps.secrets.delete(SECRET_APP_SECRET);
      for (const [name, value] of Object.entries(prepared.secrets)) await deps.secrets.set(name, value);
      const sameOrg = existing?.organisation.id === org.id;
      const record: ConnectionRecord = {
        method,
        credentialKind: prepared.credentials.kind,
        organisation: org,
        urls,
        apiBase: opts.apiBase ?? null,
        appId: prepared.appId,
        backfillDays,
        connectedAt: now(),
        firstSyncDoneAt: sameOrg ? (existing?.firstSyncDoneAt ?? null) : null,
        disconnectedAt: null,
      };
      if (!held || held.id !== org.id) await recordStoreOrganisation(store.meta, org, now());
      await store.meta.set(CONNECTION_KEY, record);
      await machine.set({
        state: record.firstSyncDoneAt ? 'connected' : 'first_sync',
        method,
        organisation: org,
        apiBase: opts.apiBase ?? (urls.graph === urls.audit ? urls.graph : null),
        error: null,
        disabledFeatures: [],
        lastSyncAt: sameOrg ? before.lastSyncAt : null,
        lastActivityAt: store.activities.newestAt(),
      });
    } catch (err) {
      await machine.set({ state: before.state, error: before.error });
      if (abort.signal.aborted) throw new GuardError('refused', 'Connecting was cancelled.');
      // A connect has no status error to carry the fix: it goes in the one line.
      if (err instanceof StoreWriteError) throw new GuardError(err.code, `${err.message} Fix: ${err.fix}`);
      throw explainConnectFailure(method, toGuardErrorFromApi(err));
    } finally {
      connecting = null;
      finished();
    }
    void startSync('connect').catch(() => undefined);
    return machine.current;
  }

  /**
   * The store holds `held`'s data and `org` is another organisation: archive or clear it, as the
   * admin chose — never mix the two. The archive is left disconnected, so opening it (read-only
   * review with --data-dir) never syncs.
   */
  async function setAside(held: StoreOrganisation, org: Community, opts: ConnectOptions, live: boolean): Promise<void> {
    if (!opts.otherOrganisation) {
      throw new GuardError(
        live ? 'already_connected' : 'refused',
        `This data directory holds the data of ${held.name} (${held.id}); ${org.name} (${org.id}) is another ` +
          "organisation, and one organisation's data is never mixed with another's. Choose: archive " +
          `${held.name}'s data (moved aside under ${path.join(store.dataDir, ARCHIVES_DIR)}, still openable ` +
          'read-only) or clear it (deleted) — with the CLI, connect again adding --archive or --clear.',
        { held: { id: held.id, name: held.name }, offered: { id: org.id, name: org.name } },
      );
    }
    if (!isSwitchable(store)) {
      throw new GuardError('unsupported', 'This console cannot set stored data aside while it runs; restart it.');
    }
    await stopRunning();
    scheduler.stop();
    let archivedTo: string | null = null;
    if (opts.otherOrganisation === 'archive') {
      const target = archiveDir(store.dataDir, held, now());
      await storeWrite(store.dataDir, `${held.name}'s data to the archive`, () =>
        store.replace(async () => moveStoreTo(store.dataDir, target)),
      );
      archivedTo = target;
      // Labelled once moved (so a failed move leaves the live store untouched); a label that
      // cannot be written leaves an archive that still opens, and says so.
      try {
        await labelArchive(target, held, org, now());
      } catch (err) {
        deps.onWarning?.(
          `The archive at ${target} could not be marked as disconnected (${err instanceof Error ? err.message : err}).`,
        );
      }
    } else {
      await storeWrite(store.dataDir, `the clearing of ${held.name}'s data`, () =>
        store.replace(async () => deleteStore(store.dataDir, now())),
      );
    }
    lastResult = null;
    machine.reload();
    opts.onSetAside?.({ organisation: held, archivedTo });
  }

  async function finish(record: ConnectionRecord, result: SyncResult): Promise<void> {
    // The history is for the admin's eye: a write that fails must not fail the sync it describes.
    await recordSync(store.meta, result).catch((e: unknown) =>
      deps.onWarning?.(`The sync history could not be saved (${e instanceof Error ? e.message : String(e)}).`),
    );
    const current = readConnection(store.meta);
    const stillOurs =
      current &&
      current.disconnectedAt === null &&
      current.connectedAt === record.connectedAt &&
      machine.current.state !== 'disconnected';
    const lastActivityAt = store.activities.newestAt();
    if (!stillOurs) {
      await machine.set({ progress: { ...result.progress, running: false }, lastActivityAt });
      return;
    }
    const disabledFeatures = result.disabledFeatures.map((f) => ({ feature: f.feature, permission: f.permission }));
    if (result.ok) {
      if (!current.firstSyncDoneAt)
        await store.meta.set(CONNECTION_KEY, { ...current, firstSyncDoneAt: result.finishedAt });
      await machine.set({
        state: 'connected',
        error: null,
        disabledFeatures,
        lastSyncAt: result.finishedAt,
        lastActivityAt,
        progress: result.progress,
      });
    } else if (result.cancelled) {
      await machine.set({ lastActivityAt, progress: result.progress });
    } else {
      const error = result.error ?? { code: 'internal' as const, message: 'The sync failed.' };
      await machine.set({
        state: 'error',
        error: { ...error, fix: result.fix ?? fixFor(error.code) },
        lastActivityAt,
        progress: result.progress,
      });
    }
  }

  function startSync(reason: SyncReason): Promise<SyncResult> {
    if (running) return running.promise;
    if (closed) return Promise.reject(new GuardError('unsupported', 'The connector is closed.'));
    const record = readConnection(store.meta);
    const state = machine.current.state;
    if (
      !record ||
      record.disconnectedAt !== null ||
      state === 'disconnected' ||
      state === 'not_connected' ||
      state === 'connecting'
    ) {
      return Promise.reject(new GuardError('not_connected', 'Not connected to Workplace: connect first.'));
    }
    // A dead token is not retried on a timer (no retry storm); only the admin's Sync now or a reconnect.
    if (
      state === 'error' &&
      machine.current.error?.code === 'token_invalid' &&
      reason !== 'manual' &&
      reason !== 'connect'
    ) {
      return Promise.resolve(lastResult ?? idleResult(now()));
    }
    const abort = new AbortController();
    const promise = (async (): Promise<SyncResult> => {
      const credentials = await credentialsFor(record, deps.secrets, {
        userAgent: deps.userAgent,
        fetch: deps.http?.fetch,
        now,
      });
      let result: SyncResult;
      if (!credentials) {
        result = {
          ...idleResult(now()),
          ok: false,
          error: { code: 'token_invalid', message: 'The saved Workplace credentials are missing or unreadable.' },
          progress: { ...IDLE_PROGRESS, phase: 'failed' },
        };
      } else {
        result = await runSync({
          store,
          client: makeClient(record.urls, credentials),
          orgId: record.organisation.id,
          enricher: await getEnricher(),
          backfillDays: record.backfillDays,
          now,
          signal: abort.signal,
          overlapMs: deps.overlapMs,
          onProgress: (p) => machine.progress(p),
          subscribeWaits: (listener) => (onWait = listener),
          onWarning: deps.onWarning,
          onActivitiesCommitted: async (added) => {
            events.emit('activities.added', { count: added.length });
            await deps.onActivitiesCommitted?.(added);
          },
        });
      }
      await finish(record, result);
      return result;
    })()
      .catch(async (err: unknown) => {
        // Only store failures reach here (the engine reports API failures in its result).
        const g = toGuardError(err);
        const result: SyncResult = {
          ...idleResult(now()),
          ok: false,
          error: g.toJSON(),
          fix: err instanceof StoreWriteError ? err.fix : null,
          progress: { ...IDLE_PROGRESS, phase: 'failed' },
        };
        await finish(record, result).catch(() => undefined);
        return result;
      })
      .then((result) => {
        lastResult = result;
        running = null;
        onWait = null;
        scheduler.armFrom(now());
        return result;
      });
    running = { promise, abort };
    return promise;
  }

  return {
    status: () => machine.current,
    connectToken: (opts) =>
      connect('token', opts, async () => {
        if (typeof opts.token !== 'string' || opts.token.trim().length < 8)
          throw new GuardError('invalid_input', 'The access token looks wrong (too short).');
        const token = opts.token.trim();
        return { credentials: integrationToken(token), secrets: { [SECRET_TOKEN]: token }, appId: null };
      }),
    connectAppCredentials: (opts) =>
      connect('app_credentials', opts, async (urls, signal) => {
        if (!opts.appId || !opts.appSecret)
          throw new GuardError('invalid_input', 'Both the app id and the app secret are needed.');
        const credentials = appCredentials({
          appId: opts.appId,
          appSecret: opts.appSecret,
          auditBase: urls.audit,
          userAgent: deps.userAgent,
          fetch: deps.http?.fetch,
          now,
        });
        await credentials.fetchToken(signal); // fails fast on wrong credentials
        return { credentials, secrets: { [SECRET_APP_SECRET]: opts.appSecret }, appId: opts.appId };
      }),
    connectConsent: (opts) =>
      connect(
        opts.demo ? 'demo' : 'consent',
        opts,
        async (urls, signal) => {
          if (!opts.appId || !opts.appSecret)
            throw new GuardError('invalid_input', 'Both the app id and the app secret are needed.');
          const state = newConsentState();
          const pkce = newPkce();
          const result = await deps.consentFlow().authorize({
            buildUrl: (redirectUri) => buildConsentUrl(urls.dialog, { appId: opts.appId, redirectUri, state, pkce }),
            timeoutMs: CONSENT_TIMEOUT_MS,
            signal,
          });
          checkState(state, result.state);
          const token = await exchangeConsentCode({
            graphBase: urls.graph,
            appId: opts.appId,
            appSecret: opts.appSecret,
            redirectUri: result.redirectUri,
            code: result.code,
            codeVerifier: pkce.verifier,
            userAgent: deps.userAgent,
            fetch: deps.http?.fetch,
            signal,
          });
          return {
            credentials: consentToken(token, opts.appSecret),
            secrets: { [SECRET_TOKEN]: token, [SECRET_APP_SECRET]: opts.appSecret },
            appId: opts.appId,
          };
        },
        opts.appId ?? '',
      ),
    async disconnect() {
      connecting?.abort();
      await connectDone;
      await stopRunning();
      scheduler.stop();
      await deps.secrets.delete(SECRET_TOKEN);
      await deps.secrets.delete(SECRET_APP_SECRET);
      await forgetWalkCursor(store.meta, deps.overlapMs ?? DEFAULT_OVERLAP_MS);
      const record = readConnection(store.meta);
      if (!record) return machine.set({ state: 'not_connected', error: null, nextSyncAt: null });
      await store.meta.set(CONNECTION_KEY, { ...record, disconnectedAt: now() });
      return machine.set({
        state: 'disconnected',
        organisation: record.organisation,
        error: null,
        nextSyncAt: null,
        progress: { ...machine.current.progress, running: false },
      });
    },
    async syncNow() {
      const p = startSync('manual');
      p.catch(() => undefined);
      // Surface "not connected" at once; otherwise return while the sync runs.
      await Promise.race([p, Promise.resolve()]);
      if (!running) await p;
      return machine.current;
    },
    async cancelSync() {
      connecting?.abort();
      await connectDone;
      await stopRunning();
      return machine.current;
    },
    dataHealth: () => readDataHealth(store, now()),
    async waitForIdle() {
      if (running) return running.promise;
      return lastResult ?? idleResult(now());
    },
    startScheduler: () => scheduler.start(),
    stopScheduler: () => scheduler.stop(),
    onResume: () => scheduler.poke('resume'),
    onOnline: () => scheduler.poke('online'),
    async close() {
      closed = true;
      scheduler.stop();
      connecting?.abort();
      await connectDone;
      await stopRunning();
      const e = await enricher?.catch(() => null);
      e?.close();
    },
  };
}

function idleResult(at: number): SyncResult {
  return {
    ok: true,
    cancelled: false,
    error: null,
    fix: null,
    errorKind: null,
    users: 0,
    added: 0,
    duplicates: 0,
    quarantined: 0,
    warnings: [],
    disabledFeatures: [],
    startedAt: at,
    finishedAt: at,
    progress: { ...IDLE_PROGRESS },
  };
}
