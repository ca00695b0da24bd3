// One valid (minimal) input per contract operation: the base the hostile-input table mutates.
// A test checks that this table names every operation, so a new operation cannot slip past.
export const validInputs: Record<string, unknown> = {
  'app.info': {},
  'app.openExternal': { url: 'https://db-ip.com' },
  'connector.status': {},
  'connector.connectDemo': {},
  'connector.connectToken': { token: 'abcdefgh12345678' },
  'connector.connectAppCredentials': { appId: '123', appSecret: 'abcdefgh12345678' },
  'connector.connectConsent': { appId: '123', appSecret: 'abcdefgh12345678' },
  'connector.disconnect': {},
  'connector.syncNow': {},
  'connector.cancelSync': {},
  'activities.list': { limit: 10 },
  'activities.get': { id: 'x' },
  'activities.countsByDay': {},
  'activities.countsByType': {},
  'users.list': {},
  'users.summary': { id: 'x' },
  'alerts.list': {},
  'governance.log': {},
  'policies.list': {},
  'posture.list': {},
  'settings.get': {},
  'settings.update': { notifications: true },
};

const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

/** Replaces every string leaf with a 10 MB string (or adds one where there is none). */
function withHugeStrings(valid: unknown): unknown {
  if (typeof valid === 'string') return TEN_MB;
  if (valid && typeof valid === 'object') {
    const entries = Object.entries(valid);
    if (!entries.some(([, v]) => typeof v === 'string')) return { ...valid, huge: TEN_MB };
    return Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? TEN_MB : v]));
  }
  return TEN_MB;
}

/** Hostile variants for one operation, as [label, JSON text or value]. Each must be refused. */
export function hostileInputs(op: string): { label: string; value?: unknown; json?: string }[] {
  const valid = validInputs[op] as Record<string, unknown>;
  const variants: { label: string; value?: unknown; json?: string }[] = [
    { label: 'number', value: 42 },
    { label: 'string', value: 'hello' },
    { label: 'array', value: [valid] },
    { label: 'boolean', value: true },
    { label: 'null', value: null },
    { label: 'extra field', value: { ...valid, unexpected: 1 } },
    { label: 'huge strings (10 MB)', value: withHugeStrings(valid) },
    {
      label: '__proto__ key',
      json: JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"polluted":true},').replace(',}', '}'),
    },
    {
      label: 'constructor.prototype key',
      json: JSON.stringify({ ...valid, constructor: { prototype: { polluted: true } } }),
    },
  ];
  // Wrong type for each field, and each required field missing.
  for (const [key, v] of Object.entries(valid)) {
    variants.push({
      label: `wrong type for ${key}`,
      value: { ...valid, [key]: typeof v === 'string' ? 12345 : 'not-a-number' },
    });
    const rest = { ...valid };
    delete rest[key];
    if (Object.keys(rest).length < Object.keys(valid).length && !['limit', 'notifications'].includes(key)) {
      variants.push({ label: `missing ${key}`, value: rest });
    }
  }
  return variants;
}
