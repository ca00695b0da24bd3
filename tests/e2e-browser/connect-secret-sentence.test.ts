// Issue 8 req 9 in Debian Chromium over the real browser host: the connect form says where a
// secret typed into it is kept, in the words of the host's own secret store (app.info) — the
// encrypted file and its key file in this data directory, no keyring — never "system keyring".
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../main/runtime/secrets';
import { ROOT, tempDir } from '../support/cli';
import { browserAvailable, startHostAndBrowser, type HostAndBrowser } from './helpers';

const SHOTS = path.join(ROOT, 'docs', 'screenshots');

describe.skipIf(!browserAvailable())('the connect form’s secret sentence', () => {
  let h: HostAndBrowser;
  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    h = await startHostAndBrowser({ dataDir: tempDir('wg-e2e-secret-sentence-') });
    await h.page.getByRole('heading', { name: 'Workplace Guard' }).first().waitFor();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
  });

  it('names the file and key the browser host really uses, on every secret field', async () => {
    const expected = `${new FileSecretStore(h.dataDir).status().sentence} Never shown again.`;
    await h.page.locator('nav [data-nav="connector"]').click();
    await h.page.getByRole('heading', { level: 1, name: 'Connector', exact: true }).waitFor();
    await h.page.getByRole('tab', { name: 'Custom integration token' }).click();
    const token = h.page.getByText(expected, { exact: true });
    await token.waitFor();
    await h.page.getByRole('tab', { name: /app credentials/i }).click();
    await h.page.getByText(expected, { exact: true }).waitFor();
    expect(await h.page.getByText(/system keyring/i).count()).toBe(0);
    await h.page.getByRole('tab', { name: 'Custom integration token' }).click();
    await token.waitFor();
    await h.page.screenshot({ path: path.join(SHOTS, 'connect-secret-sentence.png'), fullPage: false });
    expect(h.consoleErrors).toEqual([]);
  }, 120_000);
});
