// The IPC sender check and the app-origin test as pure functions: every refusal, and the one
// case that is trusted.
import { describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl } from '../../../../main/electron/app-origin';
import {
  judgeSender,
  refusalWarning,
  SENDER_REFUSAL_TEXT,
  urlForLog,
  type SenderFacts,
} from '../../../../main/electron/trusted-sender';
import { createRateLimitedLog } from '../../../../main/runtime/rate-limited-log';

const own = { senderId: 7, trustedIds: [7] };

describe('isAppUrl', () => {
  it.each([APP_INDEX_URL, 'app://guard/', 'app://guard/assets/index.js?x=1#y'])('accepts %s', (url) =>
    expect(isAppUrl(url)).toBe(true),
  );
  it.each([
    // Chromium lower-cases a standard scheme's host before it reports a frame URL: anything
    // else did not come from a frame it loaded, so the strict comparison is the safe one.
    'app://GUARD/index.html',
    'app://guard.evil/index.html',
    'app://evil/index.html',
    'app://guard:8080/index.html',
    'https://guard/index.html',
    'file:///app/guard/index.html',
    'http://127.0.0.1/app://guard/',
    'about:blank',
    'data:text/html,app://guard/',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});

describe('judgeSender', () => {
  it('trusts the main frame of an own window on the app origin', () => {
    expect(judgeSender({ ...own, frame: { url: APP_INDEX_URL, isMainFrame: true } })).toEqual({ trusted: true });
  });
  it('refuses when the frame is gone', () => {
    expect(judgeSender({ ...own, frame: null })).toEqual({ trusted: false, reason: 'no_frame' });
  });
  it('refuses an embedded frame even on the app origin', () => {
    expect(judgeSender({ ...own, frame: { url: APP_INDEX_URL, isMainFrame: false } })).toEqual({
      trusted: false,
      reason: 'subframe',
    });
  });
  it('refuses a window that is not one of the app’s own', () => {
    const facts = { senderId: 8, trustedIds: [7], frame: { url: APP_INDEX_URL, isMainFrame: true } };
    expect(judgeSender(facts)).toEqual({ trusted: false, reason: 'unknown_window' });
    expect(judgeSender({ ...facts, trustedIds: [] })).toEqual({ trusted: false, reason: 'unknown_window' });
  });
  it('refuses an own window that navigated to a foreign page', () => {
    expect(judgeSender({ ...own, frame: { url: 'https://example.com/', isMainFrame: true } })).toEqual({
      trusted: false,
      reason: 'foreign_origin',
    });
  });
  it('explains every refusal in words', () => {
    for (const text of Object.values(SENDER_REFUSAL_TEXT)) expect(text.length).toBeGreaterThan(10);
  });
});

describe('urlForLog', () => {
  it('keeps scheme, host and path but never the query or fragment, where secrets travel', () => {
    expect(urlForLog('https://evil.example/page?token=s3cret#secret=abc')).toBe('https://evil.example/page');
    expect(urlForLog('app://guard/index.html#secret=abcdefghijklmnop')).toBe('app://guard/index.html');
  });
  it('does not log the content of host-less URLs, and bounds long ones', () => {
    expect(urlForLog('data:text/html,<script>secret</script>')).toBe('data:…');
    expect(urlForLog('javascript:alert(1)')).toBe('javascript:…');
    expect(urlForLog(`https://a.example/${'x'.repeat(5000)}`).length).toBeLessThanOrEqual(201);
    expect(urlForLog('::not a url::')).toBe('(not a URL)');
  });
});

describe('refusalWarning', () => {
  it('names the operation, page, frame and window, never the secret, and repeats are held back', () => {
    const lines: string[] = [];
    const log = createRateLimitedLog({ intervalMs: 60_000, log: (l) => lines.push(l), now: () => 0 });
    const facts: SenderFacts = {
      senderId: 9,
      trustedIds: [7],
      frame: { url: 'https://evil.example/x?token=s3cret-token#secret=abcdefghijklmnop', isMainFrame: false },
    };
    for (let i = 0; i < 100; i++) {
      const verdict = judgeSender(facts);
      if (verdict.trusted) throw new Error('a foreign subframe must not be trusted');
      const { key, message } = refusalWarning('connector.connectToken', facts, verdict.reason);
      log.warn(key, message);
    }
    expect(lines).toEqual([
      '[ipc] refused connector.connectToken from https://evil.example/x (subframe, window 9): ' +
        SENDER_REFUSAL_TEXT.subframe,
    ]);
    expect(lines.join('\n')).not.toMatch(/s3cret|abcdefghijklmnop/);
  });

  it('says when the frame is gone', () => {
    const { message } = refusalWarning('app.info', { senderId: 3, trustedIds: [], frame: null }, 'no_frame');
    expect(message).toBe(
      `[ipc] refused app.info from (no frame) (frame gone, window 3): ${SENDER_REFUSAL_TEXT.no_frame}`,
    );
  });
});
