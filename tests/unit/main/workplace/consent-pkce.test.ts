// PKCE S256 through the real consent flows against the real demo community: the dialog URL the
// connector builds carries the challenge, the code comes back through each flow, and only the
// matching verifier turns it into a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../../../main/demo/index';
import {
  buildConsentUrl,
  exchangeConsentCode,
  newConsentState,
  newPkce,
  pkceChallenge,
  type ConsentFlow,
} from '../../../../main/workplace/consent';
import { createDemoAutoConsentFlow, fillConsentForm, parseForms } from '../../../../main/workplace/consent-auto';
import { createLoopbackConsentFlow } from '../../../../main/workplace/consent-loopback';
import { GuardEvents } from '../../../../main/runtime/events';
import { MemorySecretStore } from '../../../../main/runtime/secrets';
import { FileSettingsStore } from '../../../../main/runtime/settings';
import { createConnector } from '../../../../main/sync/connector';
import { openStore, tempDir } from '../sync/fixtures/temp-store';

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ users: 40, days: 10, seed: 'pkce', now: Date.UTC(2026, 4, 15, 12) });
});
afterAll(() => server.close());

/** Plays the system browser for the loopback flow: fills the demo's dialog and follows its redirect. */
async function systemBrowser(url: string): Promise<void> {
  const page = await fetch(url);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`dialog answered ${page.status}: ${html.slice(0, 200)}`);
  const [form] = parseForms(html);
  const submitted = await fetch(new URL(form.action || url, url), {
    method: 'POST',
    body: fillConsentForm(form),
    redirect: 'manual',
  });
  const location = submitted.headers.get('location');
  if (!location) throw new Error(`the dialog did not redirect (HTTP ${submitted.status})`);
  await (await fetch(location)).text();
}

const flows: [string, () => ConsentFlow][] = [
  ['demo auto-consent', () => createDemoAutoConsentFlow()],
  ['system browser + loopback', () => createLoopbackConsentFlow(systemBrowser)],
];

/** What the connector does up to the exchange: state + PKCE on the URL, the flow, the code. */
async function consentWithPkce(flow: ConsentFlow) {
  const state = newConsentState();
  const pkce = newPkce();
  const urls: string[] = [];
  const result = await flow.authorize({
    buildUrl: (redirectUri) => {
      const url = buildConsentUrl(server.baseUrl, { appId: server.appId, redirectUri, state, pkce });
      urls.push(url);
      return url;
    },
    timeoutMs: 10_000,
  });
  return { result, pkce, dialogUrl: new URL(urls[0]) };
}

function exchange(result: { code: string; redirectUri: string }, codeVerifier?: string) {
  return exchangeConsentCode({
    graphBase: server.baseUrl,
    appId: server.appId,
    appSecret: server.appSecret,
    redirectUri: result.redirectUri,
    code: result.code,
    codeVerifier,
    userAgent: 'workplace-guard-tests/1.0',
  });
}

describe('PKCE S256', () => {
  it('derives the challenge as RFC 7636 Appendix B does, and makes fresh 43-character verifiers', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
    const a = newPkce();
    const b = newPkce();
    expect(a.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.verifier).not.toBe(b.verifier);
    expect(a.challenge).toBe(pkceChallenge(a.verifier));
  });

  it('puts the challenge and S256 on the dialog URL, never the verifier', () => {
    const pkce = newPkce();
    const u = new URL(buildConsentUrl('https://work.example', { appId: '1', redirectUri: 'r', state: 's', pkce }));
    expect(u.searchParams.get('code_challenge')).toBe(pkce.challenge);
    expect(u.searchParams.get('code_challenge_method')).toBe('S256');
    expect(u.toString()).not.toContain(pkce.verifier);
  });

  for (const [name, flow] of flows) {
    describe(name, () => {
      it('exchanges the code with the right verifier', async () => {
        const { result, pkce, dialogUrl } = await consentWithPkce(flow());
        expect(dialogUrl.searchParams.get('code_challenge')).toBe(pkce.challenge);
        const token = await exchange(result, pkce.verifier);
        expect(token).toMatch(/^DQVJ/);
      });

      it('refuses a wrong verifier', async () => {
        const { result } = await consentWithPkce(flow());
        await expect(exchange(result, newPkce().verifier)).rejects.toThrow(
          /did not accept the consent code: .*code_verifier does not match/,
        );
      });

      it('refuses a missing verifier, and the code still works with the right one afterwards', async () => {
        const { result, pkce } = await consentWithPkce(flow());
        await expect(exchange(result)).rejects.toThrow(/code_verifier is required/);
        expect(await exchange(result, pkce.verifier)).toMatch(/^DQVJ/);
      });
    });
  }

  it('is what the connector does: challenge on the dialog URL, verifier on the exchange the demo accepts', async () => {
    const dir = tempDir('guard-pkce-');
    const store = await openStore(dir);
    const dialogUrls: string[] = [];
    const auto = createDemoAutoConsentFlow();
    const connector = createConnector({
      store,
      secrets: new MemorySecretStore(),
      settings: new FileSettingsStore(dir),
      events: new GuardEvents(),
      // The real demo flow, watched: the URL it is given is the one the connector built.
      consentFlow: () => ({
        authorize: (opts) =>
          auto.authorize({ ...opts, buildUrl: (r) => dialogUrls[dialogUrls.push(opts.buildUrl(r)) - 1] }),
      }),
      userAgent: 'workplace-guard-tests/1.0',
      http: { sleep: async () => undefined },
      geolocationDir: null,
    });
    try {
      const status = await connector.connectConsent({
        appId: server.appId,
        appSecret: server.appSecret,
        apiBase: server.baseUrl,
        demo: true,
      });
      expect(status.state).not.toBe('error');
      const url = new URL(dialogUrls[0]);
      expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      await connector.waitForIdle();
    } finally {
      await connector.close();
      await store.close();
    }
  });
});
