import { isAscii } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { jsonText } from '../../../../main/workplace/json-text';
import { seededRandom } from '../../../support/random';

/** What JSON.parse makes of the body decoded the plain way: the value, or the fact that it fails. */
function plain(bytes: Buffer): { value: unknown } | { error: true } {
  try {
    return { value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return { error: true };
  }
}

function escaped(bytes: Buffer): { value: unknown } | { error: true } {
  try {
    return { value: JSON.parse(jsonText(bytes)) };
  } catch {
    return { error: true };
  }
}

/** Deterministic, so a failure names its seed and replays. */
const rng = seededRandom;

const SAMPLES = ['José', 'Zürich', 'São Paulo', 'Łódź', '東京', 'Ελλάδα', '👩‍💻 ok', '’', '\u00a0', 'a\\b', '"q"', 'x'];

describe('jsonText: a body as ASCII text that JSON.parse reads as the UTF-8 text', () => {
  it('keeps an ASCII body as it is', () => {
    const body = Buffer.from('{"data":[{"id":"1","name":"Ann"}],"paging":{}}');
    expect(jsonText(body)).toBe(body.toString('utf8'));
  });

  it('turns every non-ASCII character into an escape, so the text is ASCII and the values the same', () => {
    const page = {
      data: SAMPLES.map((name, i) => ({ id: String(i), name, city: `${name} ${name}`, ua: 'Mozilla/5.0 '.repeat(80) })),
    };
    const bytes = Buffer.from(JSON.stringify(page));
    const text = jsonText(bytes);
    expect(isAscii(Buffer.from(text, 'latin1'))).toBe(true);
    expect(text).toContain('\\u00e9');
    expect(JSON.parse(text)).toEqual(page);
  });

  it('gives the same values as a plain decode for random pages (runs across block edges, emoji, keys)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const pick = () => SAMPLES[Math.floor(r() * SAMPLES.length)];
      const data = Array.from({ length: 1 + Math.floor(r() * 400) }, (_, i) => ({
        id: String(i),
        [r() < 0.1 ? pick() : 'name']: r() < 0.3 ? pick() : 'plain ascii '.repeat(1 + Math.floor(r() * 40)),
        n: r() * 1e6,
      }));
      const bytes = Buffer.from(JSON.stringify({ data }));
      expect(escaped(bytes), `seed ${seed}`).toEqual(plain(bytes));
    }
  });

  it('replaces invalid UTF-8 exactly as a plain decode does (U+FFFD)', () => {
    const cases = [
      [0xc3], // a lead byte cut short
      [0xe6, 0x9d], // three-byte sequence cut short
      [0xff, 0xfe], // never valid
      [0xed, 0xa0, 0x80], // an encoded surrogate
      [0xc0, 0xaf], // overlong
      [0x80, 0x80, 0x41], // stray continuation bytes, then ASCII
      [0xf0, 0x9f, 0x98], // four-byte sequence cut short
    ];
    for (const bad of cases) {
      const bytes = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from(bad), Buffer.from('z"}')]);
      expect(escaped(bytes), bad.join(',')).toEqual(plain(bytes));
      expect(escaped(bytes)).toHaveProperty('value');
    }
  });

  it('leaves malformed JSON malformed: raw characters outside strings, a byte-order mark, an invalid escape', () => {
    const bodies = [
      Buffer.from('{"a":1}é'),
      Buffer.from('{é:1}'),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]),
      Buffer.from('{"a":"\\é"}'), // backslash then é: not a JSON escape
    ];
    for (const body of bodies) {
      expect(plain(body)).toEqual({ error: true });
      expect(escaped(body), body.toString('utf8')).toEqual({ error: true });
    }
  });

  it('keeps an escaped backslash before a non-ASCII character as it is', () => {
    const bytes = Buffer.from(JSON.stringify({ path: 'C:\\Ünterlagen\\é' }));
    expect(escaped(bytes)).toEqual(plain(bytes));
    expect(escaped(bytes)).toEqual({ value: { path: 'C:\\Ünterlagen\\é' } });
  });

  it('decodes a body that is mostly non-ASCII the plain way, with the same result', () => {
    const page = { data: Array.from({ length: 200 }, (_, i) => ({ id: String(i), name: '東京都渋谷区' })) };
    const bytes = Buffer.from(JSON.stringify(page));
    expect(jsonText(bytes)).toBe(bytes.toString('utf8'));
    expect(JSON.parse(jsonText(bytes))).toEqual(page);
  });

  it('does not carry one body into the next (the scratch buffer is reused)', () => {
    const big = Buffer.from(JSON.stringify({ name: `é${'x'.repeat(100_000)}` }));
    const small = Buffer.from(JSON.stringify({ name: `ü${'y'.repeat(10)}` }));
    expect(JSON.parse(jsonText(big)).name).toHaveLength(100_001);
    expect(JSON.parse(jsonText(small))).toEqual({ name: 'üyyyyyyyyyy' });
    const huge = Buffer.from(JSON.stringify({ name: `ö${'z'.repeat(5 * 1048576)}` }));
    expect(JSON.parse(jsonText(huge)).name).toHaveLength(5 * 1048576 + 1);
    expect(JSON.parse(jsonText(small))).toEqual({ name: 'üyyyyyyyyyy' });
  });
});
