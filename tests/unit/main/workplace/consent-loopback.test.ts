import { describe, expect, it } from 'vitest';
import { GuardError } from '../../../../main/runtime/errors';
import { createLoopbackConsentFlow } from '../../../../main/workplace/consent-loopback';

/** Plays the system browser: "shows" the dialog and follows the redirect the admin's answer produces. */
function browser(answer: (redirectUri: string, state: string) => string) {
  const opened: string[] = [];
  return {
    opened,
    open: async (url: string) => {
      opened.push(url);
      const u = new URL(url);
      const res = await fetch(answer(u.searchParams.get('redirect_uri')!, u.searchParams.get('state')!));
      await res.text();
    },
  };
}

const buildUrl = (state: string) => (redirectUri: string) =>
  `https://work.example/dialog/work/app_install/?app_id=1&redirect_uri=${encodeURIComponent(redirectUri)}&state=${state}`;

describe('loopback consent (RFC 8252)', () => {
  it('listens on 127.0.0.1 at an ephemeral port and returns the code and state', async () => {
    const b = browser((r, s) => `${r}?code=THE-CODE&state=${s}`);
    const result = await createLoopbackConsentFlow(b.open).authorize({ buildUrl: buildUrl('S1'), timeoutMs: 10_000 });
    expect(result.code).toBe('THE-CODE');
    expect(result.state).toBe('S1');
    expect(result.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/workplace-guard\/callback\/[0-9a-f]{16}$/);
    // The listener is gone once the redirect arrived.
    await expect(fetch(result.redirectUri)).rejects.toThrow();
  });

  it('refuses on access_denied', async () => {
    const b = browser((r) => `${r}?error=access_denied&error_description=Permissions+error`);
    await expect(
      createLoopbackConsentFlow(b.open).authorize({ buildUrl: buildUrl('S'), timeoutMs: 10_000 }),
    ).rejects.toMatchObject({
      code: 'refused',
      message: expect.stringMatching(/declined/),
    });
  });

  it('ignores other paths on the port (only the exact callback counts)', async () => {
    const b = browser((r, s) => r.replace(/callback\/.*/, 'other') + `?code=X&state=${s}`);
    const ac = new AbortController();
    const pending = createLoopbackConsentFlow(async (url) => {
      await b.open(url);
      ac.abort();
    }).authorize({ buildUrl: buildUrl('S'), timeoutMs: 10_000, signal: ac.signal });
    await expect(pending).rejects.toMatchObject({ code: 'refused', message: 'Consent was cancelled.' });
  });

  it('times out as a refusal', async () => {
    const err = await createLoopbackConsentFlow(async () => undefined)
      .authorize({ buildUrl: buildUrl('S'), timeoutMs: 20 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GuardError);
    expect((err as GuardError).message).toMatch(/timed out/);
  });
});
