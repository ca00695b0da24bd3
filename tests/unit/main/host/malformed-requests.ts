// A seeded generator of malformed HTTP requests for the host fuzz test: broken escapes,
// foreign and broken absolute-form targets, bad methods and versions, header abuse, bodies
// that lie about their length, random bytes, and valid requests with bytes flipped.
import { seededRandom } from '../../../support/random';
export interface FuzzTarget {
  port: number;
  secret: string;
}

export { seededRandom };

const BAD_PATHS = [
  '/%C0%AF',
  '/%',
  '/%Z',
  '/%ZZ/x',
  '/%E0%80',
  '/%FF%FE',
  '/%00',
  '/a%00b.js',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/..%5c..%5cwindows',
  '/assets/%C0%AE%C0%AE/',
  '/api/call/app.info%00',
  '/api/call/%61pp.info',
  '/api/events%',
  '//evil.example/x',
  '/?secret=leak#secret=leak',
  '/#%',
  `/${'a'.repeat(3000)}`,
  `/${'%41'.repeat(1000)}`,
];

const BAD_TARGETS = [
  'http://%zz/',
  'http://[::1/',
  'http://evil.example/',
  'https://127.0.0.1/',
  'ftp://127.0.0.1/',
  'http:',
  'http://',
  'http://@/',
  'http://a:b@127.0.0.1:1/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '*',
  'x',
  '',
  'http://127.0.0.1:99999/',
];

const METHODS = [
  'GET',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'TRACE',
  'CONNECT',
  'PATCH',
  'G\x00T',
  'GE T',
  'ÄÖ',
];
const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/9.9', 'HTTP/1.1x', 'HTTP/', '', 'HTTPS/1.1', 'HTTP/1.1\x00'];

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)];
}

function randomBytes(rnd: () => number, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  return b;
}

function headerAbuse(rnd: () => number, t: FuzzTarget): string {
  const host = `Host: 127.0.0.1:${t.port}\r\n`;
  switch (Math.floor(rnd() * 12)) {
    case 0:
      return ''; // no Host at all
    case 1:
      return host + host;
    case 2:
      return host + `X-Pad: ${'p'.repeat(20_000)}\r\n`; // over the header limit
    case 3:
      return host + 'Content-Length: -1\r\n';
    case 4:
      return host + 'Content-Length: 12\r\nContent-Length: 13\r\n';
    case 5:
      return host + 'Transfer-Encoding: chunked\r\nContent-Length: 5\r\n';
    case 6:
      return host + 'Bad Header Name: x\r\n';
    case 7:
      return host + 'X-Nul: a\x00b\r\n';
    case 8:
      return host + 'Origin: null\r\n';
    case 9:
      return host + `Origin: http://127.0.0.1:${t.port}.evil.example\r\n`;
    case 10:
      return `Host: 127.0.0.1:${t.port}\r\n folded: continuation\r\n`;
    default:
      return host + 'Content-Length: abc\r\n';
  }
}

function apiCall(rnd: () => number, t: FuzzTarget): string {
  const body = pick(rnd, ['{"oops":', '{}', 'null', '[]', '{"__proto__":{"x":1}}', '\uFFFD\uD800', 'x'.repeat(5000)]);
  const declared = pick(rnd, [body.length, body.length + 100, 0, 1_000_000]);
  const secret = rnd() < 0.5 ? t.secret : 'wrong-secret-of-some-length';
  const op = pick(rnd, ['app.info', 'users.list', 'nope.nope', 'constructor.name', '__proto__.x']);
  const type = pick(rnd, ['application/json', 'text/plain', 'application/json; charset=utf-7']);
  return (
    `POST /api/call/${op} HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nContent-Type: ${type}\r\n` +
    `X-Guard-Secret: ${secret}\r\nContent-Length: ${declared}\r\n\r\n${body}`
  );
}

function chunkedBody(t: FuzzTarget, rnd: () => number): string {
  const chunks = pick(rnd, ['zz\r\nabc\r\n0\r\n\r\n', '5\r\nab\r\n', 'ffffffffffffffff\r\nx\r\n', '0\r\n', '-1\r\n']);
  return (
    `POST /api/call/app.info HTTP/1.1\r\nHost: 127.0.0.1:${t.port}\r\nX-Guard-Secret: ${t.secret}\r\n` +
    `Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}`
  );
}

/** One malformed request; `seed` chooses it, so the same seed always gives the same bytes. */
export function malformedRequest(rnd: () => number, t: FuzzTarget): Buffer {
  const host = `Host: 127.0.0.1:${t.port}\r\n`;
  switch (Math.floor(rnd() * 9)) {
    case 0:
      return Buffer.from(`GET ${pick(rnd, BAD_PATHS)} HTTP/1.1\r\n${host}\r\n`, 'latin1');
    case 1:
      return Buffer.from(`${pick(rnd, METHODS)} ${pick(rnd, BAD_TARGETS)} HTTP/1.1\r\n${host}\r\n`, 'latin1');
    case 2:
      return Buffer.from(`${pick(rnd, METHODS)} / ${pick(rnd, VERSIONS)}\r\n${host}\r\n`, 'latin1');
    case 3:
      return Buffer.from(
        `GET ${pick(rnd, ['/', '/api/events', '/index.html'])} HTTP/1.1\r\n${headerAbuse(rnd, t)}\r\n`,
        'latin1',
      );
    case 4:
      return Buffer.from(apiCall(rnd, t), 'utf8');
    case 5:
      return Buffer.from(chunkedBody(t, rnd), 'latin1');
    case 6:
      return randomBytes(rnd, 1 + Math.floor(rnd() * 400));
    case 7: {
      // Two requests in one write: pipelining, the second one broken.
      return Buffer.from(`GET / HTTP/1.1\r\n${host}\r\nGET ${pick(rnd, BAD_PATHS)} HTTP/1.1\r\n${host}\r\n`, 'latin1');
    }
    default: {
      // A valid API call with a few bytes flipped.
      const valid = Buffer.from(
        `POST /api/call/app.info HTTP/1.1\r\n${host}X-Guard-Secret: ${t.secret}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
        'latin1',
      );
      for (let i = 0; i < 1 + Math.floor(rnd() * 4); i++)
        valid[Math.floor(rnd() * valid.length)] = Math.floor(rnd() * 256);
      return valid;
    }
  }
}
