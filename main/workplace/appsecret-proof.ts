// Third-party (consent) tokens must prove possession of the app secret on every call.
import crypto from 'node:crypto';

export function appsecretProof(accessToken: string, appSecret: string, timeSec: number): string {
  return crypto.createHmac('sha256', appSecret).update(`${accessToken}|${timeSec}`).digest('hex');
}
