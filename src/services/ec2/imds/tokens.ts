// IMDSv2 session tokens: PUT /latest/api/token with a TTL of 1..21600 seconds. A token is bound to
// one instance and one run of it (a stop/start invalidates it) and carries its own expiry, sealed with
// an HMAC under a key that lives only in this process (like AWS's, tokens do not survive the service).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const MIN_TOKEN_TTL_S = 1;
export const MAX_TOKEN_TTL_S = 21600;
/** Longer inputs are not tokens: refuse them before any work. */
const MAX_TOKEN_CHARS = 256;

/** The TTL header's value when valid, undefined otherwise (AWS answers 400). */
export function parseTokenTtl(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d{1,6}$/.test(header.trim())) return undefined;
  const n = Number(header.trim());
  return n >= MIN_TOKEN_TTL_S && n <= MAX_TOKEN_TTL_S ? n : undefined;
}

export class ImdsTokens {
  constructor(private readonly key: Buffer = randomBytes(32)) {}

  private mac(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }

  issue(instanceId: string, bootCount: number, ttlSeconds: number, nowMs: number): string {
    const payload = `${instanceId}.${bootCount}.${nowMs + ttlSeconds * 1000}`;
    return `${Buffer.from(payload).toString('base64url')}.${this.mac(payload).toString('base64url')}`;
  }

  /** Seconds the token has left, or undefined when it is not valid for this instance run now. */
  verify(token: string, instanceId: string, bootCount: number, nowMs: number): number | undefined {
    if (token.length > MAX_TOKEN_CHARS) return undefined;
    const dot = token.indexOf('.');
    if (dot < 0) return undefined;
    const payload = Buffer.from(token.slice(0, dot), 'base64url').toString('utf8');
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = this.mac(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    const [id, boot, exp] = payload.split('.');
    if (id !== instanceId || Number(boot) !== bootCount) return undefined;
    const left = Math.floor((Number(exp) - nowMs) / 1000);
    return left > 0 ? left : undefined;
  }
}
