// CloudTrail event ids: UUIDs (RFC 9562 version 7: a millisecond timestamp, then randomness). They look like
// any UUID to a reader, but consecutive events sort together, so the event log's primary-key index grows at
// its end instead of touching a random page per event (the largest part of an audit append's cost).
import { randomBytesPooled } from '../random-pool.js';

export function eventId(nowMs = Date.now()): string {
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(nowMs, 0, 6);
  randomBytesPooled(10).copy(b, 6);
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
