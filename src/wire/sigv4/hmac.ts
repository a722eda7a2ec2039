// HMAC-SHA256 (RFC 2104) over Node's one-shot crypto.hash, for a key used over and over (a cached SigV4
// signing key). Why not createHmac: on Node 20 with OpenSSL 3 each createHmac fetches the algorithm and
// builds a MAC context; two one-shot hashes over pre-padded key blocks cost less.
import * as crypto from 'node:crypto';

const BLOCK = 64;
const DIGEST = 32;

type OneShot = (alg: string, data: Uint8Array, enc: 'latin1' | 'hex') => string;
/** crypto.hash exists from Node 20.12; before that the HMAC falls back to createHmac. */
const oneShot = (crypto as unknown as { hash?: OneShot }).hash;

/**
 * Where messages are laid out after the inner key block. HMACs run synchronously, so one buffer serves every
 * key. `exact` is a view of the last length used: strings to sign of one scope all have the same length,
 * so the view is made once, not per call (a new view is an ArrayBuffer view allocation each time).
 */
let scratch = Buffer.allocUnsafe(BLOCK + 1024);
let exact = scratch.subarray(0, 0);

/**
 * Compares a computed MAC (hex) with the client's text in constant time: no branch or early exit depends on
 * where they differ (crypto.timingSafeEqual's guarantee, without copying both into buffers). Equal UTF-16
 * units throughout means equal text, so upper case or non-hex never match a lower-case hex MAC.
 */
export function macTextEqual(expected: string, given: string): boolean {
  if (given.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

export class HmacSha256 {
  /** key ⊕ ipad, one block. */
  private readonly inner: Buffer;
  /** key ⊕ opad, one block, followed by room for the inner digest. */
  private readonly outer: Buffer;

  constructor(readonly key: Buffer) {
    const k = key.length > BLOCK ? crypto.createHash('sha256').update(key).digest() : key;
    this.inner = Buffer.alloc(BLOCK, 0x36);
    this.outer = Buffer.alloc(BLOCK + DIGEST, 0x5c);
    for (let i = 0; i < k.length; i++) {
      this.inner[i]! ^= k[i]!;
      this.outer[i]! ^= k[i]!;
    }
  }

  /** The MAC of a UTF-8 message, as lower-case hex (what SigV4 signatures are). */
  hex(message: string): string {
    if (!oneShot) return crypto.createHmac('sha256', this.key).update(message).digest('hex');
    const most = BLOCK + message.length * 3;
    if (scratch.length < most) {
      scratch = Buffer.allocUnsafe(Math.max(most, scratch.length * 2));
      exact = scratch.subarray(0, 0);
    }
    this.inner.copy(scratch, 0);
    const n = BLOCK + scratch.write(message, BLOCK, 'utf8');
    if (exact.length !== n) exact = scratch.subarray(0, n);
    // The inner digest comes back as a binary string, not a Buffer: a string is far cheaper to make.
    this.outer.write(oneShot('sha256', exact, 'latin1'), BLOCK, 'latin1');
    return oneShot('sha256', this.outer, 'hex');
  }
}
