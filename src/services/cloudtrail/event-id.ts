// CloudTrail event ids: UUIDs (RFC 9562 version 7: a millisecond timestamp, then randomness). They look like
// any UUID to a reader, but consecutive events sort together, so the event log's primary-key index grows at
// its end instead of touching a random page per event (the largest part of an audit append's cost).
import { randomFillPooled } from '../random-pool.js';

/** Two hex digits per byte value: every request makes an id, and Buffer#toString('hex') plus slicing cost more. */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Read right after it is filled, every call: ids are made synchronously, one at a time. */
const r = Buffer.alloc(10);

/** The timestamp part for the last millisecond seen: a busy server makes many ids per millisecond. */
let lastMs = NaN;
let lastTs = '';
/**
 * rand_a (the 12 bits after the version) as a counter within the millisecond (RFC 9562 §6.2, method 1),
 * starting at a random value below 2048: ids made in one millisecond sort in the order they were made, so
 * each event is appended at the end of the log instead of being inserted among its millisecond's others.
 */
let counter = 0;

export function eventId(nowMs = Date.now()): string {
  randomFillPooled(r);
  if (nowMs !== lastMs) {
    const hi = Math.floor(nowMs / 0x10000); // the 48-bit timestamp: its top 32 bits, then its low 16
    const lo = nowMs % 0x10000;
    lastTs =
      HEX[(hi >>> 24) & 0xff]! +
      HEX[(hi >>> 16) & 0xff]! +
      HEX[(hi >>> 8) & 0xff]! +
      HEX[hi & 0xff]! +
      '-' +
      HEX[lo >>> 8]! +
      HEX[lo & 0xff]!;
    lastMs = nowMs;
    counter = ((r[0]! << 8) | r[1]!) & 0x7ff;
  } else if (counter < 0xfff) counter++;
  const ts = lastTs;
  return (
    ts +
    '-' +
    HEX[0x70 | (counter >>> 8)]! + // version 7, then the counter
    HEX[counter & 0xff]! +
    '-' +
    HEX[(r[2]! & 0x3f) | 0x80]! + // variant 10
    HEX[r[3]!]! +
    '-' +
    HEX[r[4]!]! +
    HEX[r[5]!]! +
    HEX[r[6]!]! +
    HEX[r[7]!]! +
    HEX[r[8]!]! +
    HEX[r[9]!]!
  );
}
