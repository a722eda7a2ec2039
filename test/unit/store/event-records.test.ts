// EventRecords (events encoded one at a time into shared memory, for the events worker): what it writes is
// what parseRecords reads back, field by field and byte for byte, whatever the characters; a full arena
// refuses an event without writing any of it; an invalid event is refused before anything is written; the
// records are stored by the events database as encodeRecords' are.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { EventRecords } from '../../../src/store/event-records.js';
import { encodeRecords, parseRecords, storedEvent } from '../../../src/store/event-batches.js';
import { SqliteEventsDb } from '../../../src/store/sqlite-events-db.js';
import type { AuditEventInput } from '../../../src/store/types.js';

type Event = AuditEventInput & { json: string };

const T0 = Date.UTC(2026, 11, 7, 22, 0, 0);
const keyPart = fc
  .string({ minLength: 1, maxLength: 20, unit: 'binary' })
  .filter((s) => !s.includes('\u0000'));
const event = fc.record({
  account: keyPart,
  time: fc.integer({ min: 0, max: 3_600_000 }).map((ms) => new Date(T0 + ms)),
  id: keyPart,
  name: keyPart,
  source: keyPart,
  username: fc.option(keyPart, { nil: undefined }),
  accessKeyId: fc.option(keyPart, { nil: undefined }),
  readOnly: fc.boolean(),
  resources: fc.array(fc.record({ type: keyPart, name: keyPart }), { maxLength: 3 }),
  json: fc.string({ maxLength: 400, unit: 'binary' }),
}) as fc.Arbitrary<Event>;

/** The event as a stored one reads back (undefined optionals absent; lone surrogates as U+FFFD). */
const utf8 = (s: string): string => Buffer.from(s, 'utf8').toString('utf8');
function expected(e: Event): Record<string, unknown> {
  const out: Record<string, unknown> = {
    account: utf8(e.account),
    time: e.time,
    id: utf8(e.id),
    name: utf8(e.name),
    source: utf8(e.source),
    readOnly: e.readOnly,
    resources: (e.resources ?? []).map((r) => ({ type: utf8(r.type), name: utf8(r.name) })),
    json: utf8(e.json),
  };
  if (e.username !== undefined) out.username = utf8(e.username);
  if (e.accessKeyId !== undefined) out.accessKeyId = utf8(e.accessKeyId);
  return out;
}

/** A small valid event. */
const minimal = (over: Partial<Event>): Event => ({
  account: '1',
  time: new Date(T0),
  id: 'a',
  name: 'n',
  source: 's',
  readOnly: true,
  json: '{}',
  ...over,
});

function encodeAll(events: Event[], keepRefs = false): EventRecords[] {
  const arenas = [EventRecords.take(0, 'records', keepRefs)];
  for (const e of events) {
    if (arenas.at(-1)!.add(e)) continue;
    arenas.push(EventRecords.take(EventRecords.maxBytes(e), 'records', keepRefs));
    assert.ok(arenas.at(-1)!.add(e), 'an arena of maxBytes has room for the event');
  }
  return arenas;
}

describe('EventRecords', () => {
  it('reads back exactly what was added, whatever the characters', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const arenas = encodeAll(events);
        const back = arenas.flatMap((a) => {
          const buf = Buffer.from(a.records());
          const refs = parseRecords(buf);
          assert.equal(refs.length, a.count);
          return refs.map((r) => storedEvent(buf, r));
        });
        for (const a of arenas) a.release();
        assert.deepEqual(back, events.map(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps, if asked, the refs that reading the records back finds', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 30 }), (events) => {
        const arenas = encodeAll(events, true);
        for (const a of arenas) {
          assert.deepEqual(a.refs, parseRecords(Buffer.from(a.records())));
          a.release();
        }
        assert.equal(encodeAll(events)[0]!.refs, undefined);
      }),
      { numRuns: 300 },
    );
  });

  it('pads the length field: each record is encodeRecords’ line with spaces before the length', () => {
    const e: Event = {
      account: '123456789012',
      time: new Date(T0),
      id: 'id-1',
      name: 'AssumeRole',
      source: 'sts.amazonaws.com',
      readOnly: false,
      resources: [{ type: 'AWS::IAM::Role', name: 'arn:aws:iam::123456789012:role/r' }],
      json: '{"é":"\u2028"}',
    };
    const a = EventRecords.take();
    assert.ok(a.add(e));
    const text = Buffer.from(a.records()).toString('utf8');
    const plain = encodeRecords([e]).toString('utf8');
    assert.equal(text.replace(/, +(\d+)\]\n/, ',$1]\n'), plain);
    assert.match(text, /,\s{6}12\]\n/); // 12 bytes of JSON (é 2, U+2028 3), in a field 8 wide
    a.release();
  });

  it('refuses an event that might not fit, writing none of it', () => {
    const a = EventRecords.take();
    // 300,000 bytes, but up to 900,000: a second might not fit in 1 MiB.
    const big = minimal({ id: 'x', json: 'y'.repeat(300_000) });
    assert.ok(a.add({ ...big, id: 'a' }));
    const used = a.used;
    assert.equal(a.add({ ...big, id: 'b' }), false);
    assert.equal(a.used, used);
    assert.equal(a.count, 1);
    assert.equal(parseRecords(Buffer.from(a.records())).length, 1);
    a.release();
    // Larger than a pooled arena: its own memory, sized for it.
    const huge = EventRecords.take(EventRecords.maxBytes({ ...big, json: 'z'.repeat(1_000_000) }));
    assert.ok(huge.add({ ...big, json: 'z'.repeat(1_000_000) }));
    assert.equal(parseRecords(Buffer.from(huge.records()))[0]!.end, huge.used);
  });

  it('refuses an invalid event before writing anything', () => {
    const a = EventRecords.take();
    const ok = minimal({});
    assert.ok(a.add(ok));
    const used = a.used;
    assert.throws(() => a.add({ ...ok, id: 'b', name: 'n\u0000' }), TypeError);
    assert.throws(() => a.add({ ...ok, id: 'c', time: new Date(NaN) }), TypeError);
    assert.throws(() => a.add({ ...ok, id: 'd', resources: [{ type: '', name: 'x' }] }), TypeError);
    assert.equal(a.used, used);
    assert.equal(a.count, 1);
    a.release();
    assert.throws(() => a.add(ok), /not an open arena/);
  });

  describe('stored by the events database', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rolechain-event-records-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('as encodeRecords’ records are, straight from the shared memory', () => {
      const db = new SqliteEventsDb(join(dir, 'e.db'), 'NORMAL');
      try {
        const events = fc.sample(event, { numRuns: 200, seed: 7 }).map((e, i) => ({ ...e, id: `id-${i}` }));
        const arenas = encodeAll(events);
        for (const a of arenas) assert.equal(db.appendRecords(a.records()), a.count);
        for (const a of arenas) a.release();
        const accounts = [...new Set(events.map((e) => e.account))];
        const stored = accounts.flatMap((account) => db.query({ account, limit: 10_000 }));
        const byId = new Map(stored.map((s) => [s.account + '\u0000' + s.id, s]));
        assert.equal(byId.size, events.length);
        for (const e of events) assert.deepEqual(byId.get(utf8(e.account) + '\u0000' + e.id), expected(e));
      } finally {
        db.close();
      }
    });
  });
});
