// Demo community bench: generation time, events, memory, and serving rate over real HTTP in
// pages of 1,000 (client-side JSON.parse included).
import { performance } from 'node:perf_hooks';
import { startDemoServer } from '../../main/demo/index';

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(0)} MB`;
}

export async function benchDemo(
  report: (line: string) => void,
  opts: { users?: number; days?: number } = {},
): Promise<void> {
  const users = opts.users ?? 10_000;
  const days = opts.days ?? 90;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const server = await startDemoServer({ users, days, seed: 'bench', now: Date.UTC(2026, 4, 1, 12) });
  const startMs = performance.now() - t0;
  gc?.();
  const mem = process.memoryUsage();
  const org = server.groundTruth.organisation;
  report(
    `demo: ${users.toLocaleString('en')} users × ${days} days → ${server.stats.events.toLocaleString('en')} events`,
  );
  report(
    `demo: generated in ${(server.stats.generatedMs / 1000).toFixed(2)} s (server ready in ` +
      `${(startMs / 1000).toFixed(2)} s; target ≤ 60 s)`,
  );
  report(
    `demo: memory heap +${mb(mem.heapUsed - heapBefore)} (heap ${mb(mem.heapUsed)}, rss ${mb(mem.rss)}, columns ` +
      `${mb(org.store.bytes())}, array buffers ${mb(mem.arrayBuffers)})`,
  );
  try {
    const headers = { authorization: `Bearer ${server.integrationToken}`, 'user-agent': 'workplace-guard-bench' };
    let url: string | undefined = `${server.baseUrl}/security_audit_logs?limit=1000`;
    let events = 0;
    let pages = 0;
    let bytes = 0;
    const t1 = performance.now();
    while (url) {
      const res = await fetch(url, { headers });
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
      bytes += text.length;
      const body = JSON.parse(text) as { data: unknown[]; paging?: { next?: string } };
      events += body.data.length;
      pages += 1;
      url = body.paging?.next;
    }
    const secs = (performance.now() - t1) / 1000;
    report(
      `demo: served ${events.toLocaleString('en')} events in ${pages} pages of 1,000 in ${secs.toFixed(2)} s → ` +
        `${Math.round(events / secs).toLocaleString('en')} events/s (target ≥ 20,000), ${mb(bytes)} of JSON`,
    );
    if (events !== server.groundTruth.eventCount())
      report(`demo: WARNING served ${events} events but the ground truth holds ${server.groundTruth.eventCount()}`);
  } finally {
    await server.close();
  }
}
