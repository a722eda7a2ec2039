// Identifiers in AWS's formats. AWS unique ids are a 4-letter prefix and 17 characters of [A-Z2-7]
// (access keys: 16); secrets are 40 characters of base64's alphabet.
import { randomInt } from 'node:crypto';
import { randomBytesPooled } from './random-pool.js';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function randomFrom(alphabet: string, n: number): string {
  const bytes = randomBytesPooled(n);
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i]! % alphabet.length];
  return s;
}

export type UniqueIdPrefix = 'AIDA' | 'AROA' | 'ANPA' | 'AGPA' | 'AIPA' | 'ASCA' | 'APKA';

/** An IAM unique id: AIDA… (user), AROA… (role), ANPA… (policy), AGPA… (group), AIPA… (instance profile). */
export function uniqueId(prefix: UniqueIdPrefix): string {
  return prefix + randomFrom(BASE32, 17);
}

/** A long-term (AKIA) or temporary (ASIA) access key id: 20 characters. */
export function accessKeyId(prefix: 'AKIA' | 'ASIA'): string {
  return prefix + randomFrom(BASE32, 16);
}

export function secretAccessKey(): string {
  // 30 random bytes are exactly 40 base64 characters, no padding.
  return randomBytesPooled(30).toString('base64');
}

export function accountId(): string {
  // AWS account ids are 12 digits and do not start with 0 in practice.
  return String(randomInt(1, 10)) + String(randomInt(0, 1e11)).padStart(11, '0');
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Organizations ids: o-<10>, r-<4>, ou-<4>-<8>, p-<8>, car-<32>. */
export function orgId(): string {
  return 'o-' + randomFrom(LOWER_ALNUM, 10);
}
export function rootId(): string {
  return 'r-' + randomFrom(LOWER_ALNUM, 4);
}
export function ouId(rootIdValue: string): string {
  return `ou-${rootIdValue.slice(2)}-${randomFrom(LOWER_ALNUM, 8)}`;
}
export function orgPolicyId(): string {
  return 'p-' + randomFrom(LOWER_ALNUM, 8);
}
export function createAccountRequestId(): string {
  return 'car-' + randomFrom(LOWER_ALNUM, 32);
}

export const ACCOUNT_ID_RE = /^\d{12}$/;
