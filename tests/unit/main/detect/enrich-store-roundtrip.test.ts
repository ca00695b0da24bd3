// The enrichment fields survive the store: written with the activity, read back by query and
// get, after a reopen (the partition JSON is the truth), and the lifted details are searchable.
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../../main/store/index';
import { act, T0, tempDir } from '../store/fixtures';
import type { ActivityFilter } from '../../../../preload/contract';

const ALL: ActivityFilter = {} as ActivityFilter;

describe('enriched activities in the store', () => {
  it('keep asn, asOrg, ipTags, device and details across append, reopen and query', async () => {
    const dir = tempDir();
    const enriched = act({
      id: 'enriched-1',
      at: T0 + 1000,
      type: 'file.download',
      event: 'File Downloaded',
      summary: 'alice downloaded a file',
      asn: 15169,
      asOrg: 'Google LLC',
      ipTags: ['hosting', 'corporate', 'tag:egress'],
      device: { browser: 'Chrome', os: 'Windows 10', type: 'desktop', app: null },
      details: { fileName: 'Board deck Zebra.pptx' },
    });
    const plain = act({ id: 'plain-1', at: T0 + 2000, summary: 'bob logged in' });
    let store = await openStore(dir);
    await store.activities.append([enriched, plain]);
    await store.close();

    store = await openStore(dir);
    try {
      const got = await store.activities.get('enriched-1');
      expect(got).toMatchObject({
        asn: 15169,
        asOrg: 'Google LLC',
        ipTags: ['hosting', 'corporate', 'tag:egress'],
        device: { browser: 'Chrome', os: 'Windows 10', type: 'desktop', app: null },
        details: { fileName: 'Board deck Zebra.pptx' },
      });
      const page = await store.activities.query(ALL, null, 10);
      expect(page.items.find((a) => a.id === 'enriched-1')?.details).toEqual({ fileName: 'Board deck Zebra.pptx' });
      const found = await store.activities.query({ text: 'zebra' } as ActivityFilter, null, 10);
      expect(found.items.map((a) => a.id)).toEqual(['enriched-1']);
    } finally {
      await store.close();
    }
  });
});
