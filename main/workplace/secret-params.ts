// Query parameters that carry a credential: never stored, logged or replayed from a server's URL.
export const SECRET_PARAMS = ['access_token', 'appsecret_proof', 'appsecret_time', 'client_secret'];

export function redactUrl(url: URL | string): string {
  const u = new URL(String(url));
  for (const p of SECRET_PARAMS) if (u.searchParams.has(p)) u.searchParams.set(p, 'REDACTED');
  if (u.username || u.password) u.username = u.password = 'REDACTED';
  return u.toString();
}
