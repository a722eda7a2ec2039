// CloudTrail event ids: UUIDs (RFC 9562 version 7: a millisecond timestamp, then randomness). They look like
// any UUID to a reader, but consecutive events sort together, so the event log's primary-key index grows at
// its end instead of touching a random page per event (the largest part of an audit append's cost).
import { randomFillSync } from 'node:crypto';

/** Hex digits as character codes. */
const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * Random bytes for ids, read where they are (10 an id) and refilled when used up: copied out of the shared
 * random pool and wiped there (./random-pool.ts), each id's bytes cost two native calls. Event ids are not
 * secrets (every record shows its own), so these bytes need not be wiped once used.
 */
const RANDOM = Buffer.alloc(4000);
let at = RANDOM.length;

/**
 * The id's characters are written here and read out as one string: built by concatenating twenty pieces,
 * each id left ~600 bytes of intermediate strings for the garbage collector, on every request.
 */
const text = Buffer.alloc(36, '-', 'latin1');

/** The timestamp part for the last millisecond seen: a busy server makes many ids per millisecond. */
let lastMs = NaN;
/**
 * rand_a (the 12 bits after the version) as a counter within the millisecond (RFC 9562 §6.2, method 1),
 * starting at a random value below 2048: ids made in one millisecond sort in the order they were made, so
 * each event is appended at the end of the log instead of being inserted among its millisecond's others.
 */
let counter = 0;

/** Writes `byte` as two hex digits at `at`. */
function hex2(at: number, byte: number): void {
  text[at] = HEX[byte >>> 4]!;
  text[at + 1] = HEX[byte & 0x0f]!;
}

export function eventId(nowMs = Date.now()): string {
  if (at + 10 > RANDOM.length) {
    randomFillSync(RANDOM);
    at = 0;
  }
  const r = at;
  at += 10;
  if (nowMs !== lastMs) {
    const hi = Math.floor(nowMs / 0x10000); // the 48-bit timestamp: its top 32 bits, then its low 16
    const lo = nowMs % 0x10000;
    hex2(0, (hi >>> 24) & 0xff);
    hex2(2, (hi >>> 16) & 0xff);
    hex2(4, (hi >>> 8) & 0xff);
    hex2(6, hi & 0xff);
    hex2(9, lo >>> 8);
    hex2(11, lo & 0xff);
    lastMs = nowMs;
    counter = ((RANDOM[r]! << 8) | RANDOM[r + 1]!) & 0x7ff;
  } else if (counter < 0xfff) counter++;
  hex2(14, 0x70 | (counter >>> 8)); // version 7, then the counter
  hex2(16, counter & 0xff);
  hex2(19, (RANDOM[r + 2]! & 0x3f) | 0x80); // variant 10
  hex2(21, RANDOM[r + 3]!);
  for (let i = 0; i < 6; i++) hex2(24 + 2 * i, RANDOM[r + 4 + i]!);
  return text.toString('latin1', 0, 36);
}
