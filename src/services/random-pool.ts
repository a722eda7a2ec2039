// Cryptographically random bytes from a pool refilled 4 KiB at a time. Node's randomBytes costs a call
// into OpenSSL per use; AssumeRole needs several small draws per request (access key id, secret, IV),
// which made them a visible share of its profile. Every byte is handed out once; the pool is never
// exposed, so drawing from it is as unpredictable as calling randomBytes for each draw.
import { randomFillSync } from 'node:crypto';

const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let offset = POOL_SIZE;

/** n fresh random bytes (n ≤ 4096), copied out of the pool. */
export function randomBytesPooled(n: number): Buffer {
  return randomFillPooled(Buffer.allocUnsafe(n));
}

/** Fills `out` with fresh random bytes from the pool (a caller's reused buffer: no allocation). */
export function randomFillPooled(out: Buffer): Buffer {
  const n = out.length;
  if (n > POOL_SIZE) throw new RangeError(`randomBytesPooled: at most ${POOL_SIZE} bytes`);
  if (offset + n > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  pool.copy(out, 0, offset, offset + n);
  // Used bytes are wiped so the pool never holds a value already handed out.
  pool.fill(0, offset, offset + n);
  offset += n;
  return out;
}
