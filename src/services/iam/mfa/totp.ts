// TOTP (RFC 6238) as virtual MFA apps compute it: HMAC-SHA-1 over the 30-second step counter (RFC 4226),
// 6 digits. Seeds travel as RFC 4648 Base32 (what AWS returns as Base32StringSeed and apps scan).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes Base32 (case-insensitive, padding and spaces ignored); throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new Error('invalid base32 character');
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP with SHA-1 and dynamic truncation. */
export function hotp(key: Uint8Array, counter: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(msg).digest();
  const off = mac[mac.length - 1]! & 0x0f;
  const bin = ((mac[off]! & 0x7f) << 24) | (mac[off + 1]! << 16) | (mac[off + 2]! << 8) | mac[off + 3]!;
  return String(bin % 10 ** TOTP_DIGITS).padStart(TOTP_DIGITS, '0');
}

/** The 30-second step that contains `now`. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code for a Base32 seed at a time (or at an explicit step). */
export function totp(seedBase32: string, now: Date, step = totpStep(now)): string {
  return hotp(base32Decode(seedBase32), step);
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface TotpMatchOptions {
  /** Steps accepted either side of now (default 1: clocks drift, users type slowly). */
  window?: number;
  /** Steps at or before this one are refused (a code is good once). */
  notAfterOrAt?: number;
}

/**
 * The step whose code is `code`, searching now ± window (nearest first), or undefined. Every candidate
 * is compared, so the time taken does not reveal which step matched.
 */
export function matchTotpStep(
  seedBase32: string,
  code: string,
  now: Date,
  opts: TotpMatchOptions = {},
): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const key = base32Decode(seedBase32);
  const center = totpStep(now);
  const w = opts.window ?? 1;
  let found: number | undefined;
  for (const d of nearestFirst(w)) {
    const step = center + d;
    const ok = sameCode(hotp(key, step), code);
    if (ok && found === undefined && (opts.notAfterOrAt === undefined || step > opts.notAfterOrAt))
      found = step;
  }
  return found;
}

/** Whether `code` is the seed's current code (± one step). STS verifies SerialNumber/TokenCode with it. */
export function verifyTotp(
  seedBase32: string,
  code: string,
  now: Date,
  opts: TotpMatchOptions = {},
): boolean {
  return matchTotpStep(seedBase32, code, now, opts) !== undefined;
}

/**
 * Two consecutive codes (EnableMFADevice, ResyncMFADevice): the step of the second code, if code1 is
 * the code of some step s within now ± window and code2 that of s + 1.
 */
export function matchConsecutiveCodes(
  seedBase32: string,
  code1: string,
  code2: string,
  now: Date,
  window: number,
): number | undefined {
  if (!/^\d{6}$/.test(code1) || !/^\d{6}$/.test(code2)) return undefined;
  const key = base32Decode(seedBase32);
  const center = totpStep(now);
  let found: number | undefined;
  for (const d of nearestFirst(window)) {
    const s = center + d;
    const ok = sameCode(hotp(key, s), code1) && sameCode(hotp(key, s + 1), code2);
    if (ok && found === undefined) found = s + 1;
  }
  return found;
}

function nearestFirst(w: number): number[] {
  const out = [0];
  for (let i = 1; i <= w; i++) out.push(-i, i);
  return out;
}
