// CloudTrail event ids: UUIDs (RFC 9562 version 7: a millisecond timestamp, then randomness). They look like
// any UUID to a reader, but consecutive events sort together, so the event log's primary-key index grows at
// its end instead of touching a random page per event (the largest part of an audit append's cost).
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(10 * 256);
let used = pool.length;

export function eventId(nowMs = Date.now()): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(nowMs, 0, 6);
  pool.copy(b, 6, used, used + 10);
  used += 10;
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
