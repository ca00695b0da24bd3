import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { describeRequest, pathOnly, printable } from '../../../../main/host/request-trace';

const request = (method: string, url: string, headers: Record<string, string>) =>
  ({ method, url, headers }) as unknown as IncomingMessage;

describe('request trace', () => {
  it('names method, path, Origin and Host; never the secret header, the query or the fragment', () => {
    const line = describeRequest(
      request('POST', '/api/call/app.info?launch=abc#secret=def', {
        host: '127.0.0.1:9',
        origin: 'http://evil.example',
        'x-guard-secret': 'the-secret',
      }),
    );
    expect(line).toBe('POST /api/call/app.info (Origin: http://evil.example, Host: 127.0.0.1:9)');
  });

  it('says "none" for missing headers', () => {
    expect(describeRequest(request('GET', '/', {}))).toBe('GET / (Origin: none, Host: none)');
  });

  it('escapes control and non-ASCII characters, so a request cannot forge or garble log lines', () => {
    expect(printable('a\r\nfake: line\u0001é')).toBe('a\\x0d\\x0afake: line\\x01\\xe9');
  });

  it('bounds every field', () => {
    expect(printable('x'.repeat(1000), 10)).toBe(`${'x'.repeat(10)}…`);
    expect(describeRequest(request('GET', `/${'a'.repeat(5000)}`, {})).length).toBeLessThan(200);
  });

  it('cuts the query and the fragment off a raw target', () => {
    expect(pathOnly('/a?b#c')).toBe('/a');
    expect(pathOnly('/a#c?b')).toBe('/a');
    expect(pathOnly(undefined)).toBe('(none)');
  });
});
