import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser } from './helpers';

describe.skipIf(!browserAvailable())('browser console shell', () => {
  let h: HostAndBrowser;
  beforeAll(async () => {
    h = await startHostAndBrowser();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads the shell with window.guard and no console errors', async () => {
    await h.page.getByText('Workplace Guard').first().waitFor();
    expect(await h.page.evaluate(() => typeof (window as unknown as { guard: unknown }).guard)).toBe('object');
    expect(h.consoleErrors).toEqual([]);
  });

  it('removes the secret from the address bar once read', async () => {
    expect(h.page.url()).not.toContain('secret=');
  });

  it('a contract call round-trips from the page through the host to main and back', async () => {
    const info = await h.page.evaluate(async () =>
      (window as unknown as { guard: { app: { info(): Promise<unknown> } } }).guard.app.info(),
    );
    expect(info).toMatchObject({ ok: true, value: { name: 'Workplace Guard', shell: 'browser', dataDir: h.dataDir } });
    const bad = await h.page.evaluate(async () =>
      (window as unknown as { guard: { settings: { update(i: unknown): Promise<unknown> } } }).guard.settings.update({
        syncIntervalMinutes: 'often',
      }),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('a request without the secret is refused, even from the page itself', async () => {
    const status = await h.page.evaluate(
      async () =>
        (
          await fetch('./api/call/app.info', {
            method: 'POST',
            body: '{}',
            headers: { 'content-type': 'application/json' },
          })
        ).status,
    );
    expect(status).toBe(401);
  });

  it('events stream from main to the page', async () => {
    const got = h.page.evaluate(
      () =>
        new Promise((resolve) => {
          const g = (window as unknown as { guard: { events: { on(n: string, f: (p: unknown) => void): () => void } } })
            .guard;
          const off = g.events.on('connector.status', (p) => {
            off();
            resolve(p);
          });
        }),
    );
    // Connecting to the demo community moves the connector through its states, pushed as events.
    await h.page.evaluate(() =>
      (
        window as unknown as { guard: { connector: { connectDemo(): Promise<unknown> } } }
      ).guard.connector.connectDemo(),
    );
    expect(await got).toMatchObject({ state: expect.stringMatching(/connecting|first_sync|connected/) });
  });
});
