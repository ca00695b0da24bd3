import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appsecretProof } from '../../../../main/workplace/appsecret-proof';

describe('appsecret_proof', () => {
  it('is hex HMAC-SHA256 of "token|time" keyed by the app secret', () => {
    const expected = crypto.createHmac('sha256', 'secret').update('tok|1700000000').digest('hex');
    expect(appsecretProof('tok', 'secret', 1700000000)).toBe(expected);
    expect(appsecretProof('tok', 'secret', 1700000000)).toMatch(/^[0-9a-f]{64}$/);
  });
});
