import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  base32Decode,
  base32Encode,
  hotp,
  matchConsecutiveCodes,
  matchTotpStep,
  totp,
  verifyTotp,
} from '../../../../src/services/iam/mfa/totp.js';

// RFC 6238 appendix B (SHA-1 seed "12345678901234567890"), last 6 of the 8 digits.
const RFC_SEED = base32Encode(Buffer.from('12345678901234567890'));
const RFC6238: [number, string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

test('TOTP matches the RFC 6238 test vectors', () => {
  for (const [t, code] of RFC6238) assert.equal(totp(RFC_SEED, new Date(t * 1000)), code, `T=${t}`);
});

test('HOTP matches the RFC 4226 test vectors', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  const key = Buffer.from('12345678901234567890');
  expected.forEach((code, counter) => assert.equal(hotp(key, counter), code));
});

test('base32 round-trips any bytes, and decodes RFC 4648 vectors', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (b) =>
      assert.deepEqual(base32Decode(base32Encode(b)), Buffer.from(b)),
    ),
  );
  assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
  assert.equal(base32Decode('MZXW6YTBOI======').toString(), 'foobar');
  assert.throws(() => base32Decode('MZ1W'));
});

test('verifyTotp accepts the current code and one step either side, not two', () => {
  const now = new Date(1_700_000_000_000);
  const at = (dSteps: number) => totp(RFC_SEED, new Date(now.getTime() + dSteps * 30_000));
  assert.ok(verifyTotp(RFC_SEED, at(0), now));
  assert.ok(verifyTotp(RFC_SEED, at(-1), now));
  assert.ok(verifyTotp(RFC_SEED, at(1), now));
  assert.equal(verifyTotp(RFC_SEED, at(-3), now), false);
  assert.equal(verifyTotp(RFC_SEED, '12345', now), false);
  assert.equal(verifyTotp(RFC_SEED, 'abcdef', now), false);
});

test('matchTotpStep refuses a step already used (replay)', () => {
  const now = new Date(1_700_000_000_000);
  const step = matchTotpStep(RFC_SEED, totp(RFC_SEED, now), now)!;
  assert.equal(typeof step, 'number');
  assert.equal(matchTotpStep(RFC_SEED, totp(RFC_SEED, now), now, { notAfterOrAt: step }), undefined);
});

test('two consecutive codes match; the same code twice or a reversed pair do not', () => {
  const now = new Date(1_700_000_000_000);
  const prev = totp(RFC_SEED, new Date(now.getTime() - 30_000));
  const cur = totp(RFC_SEED, now);
  assert.ok(matchConsecutiveCodes(RFC_SEED, prev, cur, now, 2) !== undefined);
  assert.equal(matchConsecutiveCodes(RFC_SEED, cur, prev, now, 2), undefined);
  assert.equal(matchConsecutiveCodes(RFC_SEED, cur, cur, now, 2), undefined);
});
