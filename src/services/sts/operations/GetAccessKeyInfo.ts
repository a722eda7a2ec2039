// sts:GetAccessKeyInfo — the account an access key id belongs to, for any key, even one of another
// account or one that no longer exists. AWS encodes the account in the key id itself (bits 1..40 of
// the base32-decoded characters after the 4-letter prefix); rolechain's long-term keys are looked up in
// the store first, then the AWS encoding is decoded, so ids minted with encodeAccessKeyId answer statelessly.
import { randomBytes } from 'node:crypto';
import { defineOperation } from '../../types.js';
import { AwsError } from '../../../wire/errors.js';
import { getAccessKey } from '../../accounts/access-keys.js';

interface Input {
  AccessKeyId: string;
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const KEY_RE = /^(AKIA|ASIA|ABIA|ACCA|AIDA|AROA)[A-Z2-7]{16}$/;

function b32decode(s: string): bigint {
  let v = 0n;
  for (const ch of s) v = (v << 5n) | BigInt(B32.indexOf(ch));
  return v;
}

/** The account AWS's key-id format encodes, or undefined when the id is not in that format. */
export function accountOfAccessKeyId(id: string): string | undefined {
  if (!KEY_RE.test(id)) return undefined;
  // The first 10 characters after the prefix are 50 bits; the first 48 of them are 6 bytes, in which
  // bits 46..7 (mask 0x7fffffffff80) hold the account id.
  const six = b32decode(id.slice(4, 14)) >> 2n;
  const account = (six & 0x7fffffffff80n) >> 7n;
  return account.toString().padStart(12, '0');
}

/** An access key id (20 characters) that encodes `account` as AWS's ids do; the other bits are random. */
export function encodeAccessKeyId(prefix: 'AKIA' | 'ASIA', account: string): string {
  const r = randomBytes(16);
  // Bit 47 is 0 in AWS's ids; bits 46..7 are the account; bits 6..0 are random.
  const six = (BigInt(account) << 7n) | BigInt(r[1]! & 0x7f);
  // 48 bits + 2 random bits = the first 10 base32 characters; 6 more random characters follow.
  let v = (six << 2n) | BigInt(r[2]! & 3);
  let head = '';
  for (let i = 0; i < 10; i++) {
    head = B32[Number(v & 31n)] + head;
    v >>= 5n;
  }
  let tail = '';
  for (let i = 0; i < 6; i++) tail += B32[r[3 + i]! & 31];
  return prefix + head + tail;
}

export default defineOperation<Input, { Account: string }>({
  name: 'GetAccessKeyInfo',
  readOnly: true,
  authz: () => ({ action: 'sts:GetAccessKeyInfo', resource: '*' }),
  handler(ctx, input) {
    const id = input.AccessKeyId;
    if (ctx.caller.accessKeyId === id) return { Account: ctx.caller.accountId };
    const key = getAccessKey(ctx.env.store, id);
    if (key) return { Account: key.accountId };
    const account = accountOfAccessKeyId(id);
    if (account === undefined) {
      throw new AwsError('InvalidParameterValue', 'The specified access key id is not valid.');
    }
    return { Account: account };
  },
});
