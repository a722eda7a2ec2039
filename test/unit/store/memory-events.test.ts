// The memory backend's event log: its per-account cap, its ordering and its copies of the records' bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryEventLog } from '../../../src/store/memory-events.js';
import type { AuditEventInput } from '../../../src/store/types.js';

const ACCOUNT = '111122223333';

function event(n: number, over: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    account: ACCOUNT,
    time: new Date(Date.UTC(2026, 0, 1) + n * 1000),
    id: `id-${String(n).padStart(6, '0')}`,
    name: n % 2 ? 'AssumeRole' : 'GetCallerIdentity',
    source: 'sts.amazonaws.com',
    readOnly: n % 2 === 0,
    resources: n % 2 ? [{ type: 'AWS::IAM::Role', name: `arn:aws:iam::${ACCOUNT}:role/r${n}` }] : [],
    json: JSON.stringify({ eventID: `id-${n}`, n, text: 'é'.repeat(n % 7) }),
    ...over,
  };
}

const all = (log: MemoryEventLog, limit = 10_000) => log.query({ account: ACCOUNT, limit });

test('keeps the newest events of an account up to its cap, newest first, bytes intact', () => {
  const log = new MemoryEventLog(100);
  for (let n = 0; n < 2_500; n += 10) log.append(Array.from({ length: 10 }, (_, i) => event(n + i)));
  const got = all(log);
  assert.equal(got.length, 100);
  assert.deepEqual(
    got.map((e) => e.id),
    Array.from({ length: 100 }, (_, i) => `id-${String(2_499 - i).padStart(6, '0')}`),
  );
  for (const e of got) {
    const n = Number(e.id.slice(3));
    assert.equal(e.json, event(n).json);
    assert.deepEqual(e.resources, event(n).resources);
    assert.equal(e.readOnly, n % 2 === 0);
  }
  // An evicted id may be recorded again; a kept one is not duplicated.
  log.append([event(2_499), event(5)]);
  assert.equal(all(log).filter((e) => e.id === 'id-002499').length, 1);
  assert.equal(all(log).filter((e) => e.id === 'id-000005').length, 1);
});

test('an event older than the newest is inserted in time order, by id within the same time', () => {
  const log = new MemoryEventLog(50);
  log.append([event(10), event(30)]);
  log.append([event(20), event(20, { id: 'id-000020b' }), event(5)]);
  assert.deepEqual(
    all(log).map((e) => e.id),
    ['id-000030', 'id-000020b', 'id-000020', 'id-000010', 'id-000005'],
  );
  const page = log.query({ account: ACCOUNT, limit: 10, before: { time: event(20).time, id: 'id-000020b' } });
  assert.deepEqual(
    page.map((e) => e.id),
    ['id-000020', 'id-000010', 'id-000005'],
  );
});

test("the caller's bytes and the returned events are copies", () => {
  const log = new MemoryEventLog();
  const bytes = Buffer.from('{"a":"x"}');
  log.append([event(1, { json: bytes })]);
  bytes.fill(0x20);
  const [e] = all(log);
  assert.equal(e!.json, '{"a":"x"}');
  e!.resources.push({ type: 'T', name: 'N' });
  assert.equal(all(log)[0]!.resources.length, 1);
});

test('deleteBefore drops old events across the compaction of the columns', () => {
  const log = new MemoryEventLog(1_000);
  for (let n = 0; n < 3_000; n++)
    log.append([event(n, { json: `{"n":${n},"pad":"${'p'.repeat(n % 300)}"}` })]);
  // The cap lets an account run up to 1% over before dropping back to it.
  const kept = all(log).length;
  assert.ok(kept >= 1_000 && kept <= 1_010, String(kept));
  assert.equal(log.deleteBefore(event(2_500).time), kept - 500);
  const got = all(log);
  assert.equal(got.length, 500);
  assert.equal(got.at(-1)!.id, 'id-002500');
  assert.equal(got[0]!.json, `{"n":2999,"pad":"${'p'.repeat(2_999 % 300)}"}`);
  assert.equal(
    log.query({ account: ACCOUNT, limit: 5, attribute: { key: 'EventId', value: 'id-002600' } }).length,
    1,
  );
  assert.equal(log.deleteBefore(event(10_000).time), 500);
  assert.deepEqual(all(log), []);
});

test('a record larger than a slab is kept whole', () => {
  const log = new MemoryEventLog();
  const big = JSON.stringify({ pad: 'z'.repeat(200_000) });
  log.append([event(1), event(2, { json: big }), event(3)]);
  assert.deepEqual(
    all(log).map((e) => e.json.length),
    [event(3).json.length, big.length, event(1).json.length],
  );
});

test('property: the id index agrees with a plain model through appends, duplicates, evictions and deletes', async () => {
  const fc = (await import('fast-check')).default;
  // Ops: append event n at time t (ids repeat across a small range, times go back and forth), or delete
  // everything older than t. The model keeps what the contract says: a kept id is never stored twice, the
  // newest `cap` by (time, id) are kept, and an evicted or deleted id may be stored again.
  const op = fc.oneof(
    {
      weight: 9,
      arbitrary: fc.record({ kind: fc.constant('add' as const), n: fc.nat(1500), t: fc.nat(400) }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('del' as const), n: fc.constant(0), t: fc.nat(400) }),
    },
  );
  fc.assert(
    fc.property(
      fc.array(op, { minLength: 200, maxLength: 1500, size: 'max' }),
      fc.integer({ min: 5, max: 600 }),
      (ops, cap) => {
        const log = new MemoryEventLog(cap);
        let model: { t: number; id: string }[] = [];
        const order = (a: { t: number; id: string }, b: { t: number; id: string }) =>
          a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
        for (const o of ops) {
          const time = new Date(Date.UTC(2026, 0, 1) + o.t * 1000);
          if (o.kind === 'del') {
            log.deleteBefore(time);
            model = model.filter((e) => e.t + Date.UTC(2026, 0, 1) >= time.getTime());
            continue;
          }
          const e = event(o.n, { time });
          const before = all(log).map((s) => s.id);
          log.append([e]);
          if (model.some((m) => m.id === e.id)) {
            // A kept id: the append changes nothing.
            assert.deepEqual(
              all(log).map((s) => s.id),
              before,
            );
          } else {
            model.push({ t: time.getTime() - Date.UTC(2026, 0, 1), id: e.id });
            model.sort(order);
            // A new id is stored (below the cap nothing can push it out at once).
            if (before.length < cap)
              assert.ok(
                all(log).some((s) => s.id === e.id),
                `${e.id} stored`,
              );
          }
          const kept = all(log).map((s) => s.id);
          const keptSet = new Set(kept);
          assert.equal(keptSet.size, kept.length, 'no id is kept twice');
          model = model.filter((m) => keptSet.has(m.id));
          assert.deepEqual(
            kept,
            [...model].reverse().map((m) => m.id),
          );
        }
      },
    ),
    { numRuns: 25 },
  );
});

test('an id dropped from the front (before the columns are compacted) may be stored again', () => {
  const log = new MemoryEventLog(100);
  for (let n = 0; n < 102; n++) log.append([event(n)]);
  const kept = all(log).map((e) => e.id);
  assert.equal(kept.length, 100);
  assert.ok(!kept.includes('id-000000') && !kept.includes('id-000001'));
  // The same ids again, now newer than everything kept: stored, once.
  log.append([
    event(0, { time: new Date(Date.UTC(2026, 0, 2)) }),
    event(1, { time: new Date(Date.UTC(2026, 0, 2)) }),
  ]);
  const again = all(log).map((e) => e.id);
  assert.deepEqual(again.slice(0, 2), ['id-000001', 'id-000000']);
  assert.equal(new Set(again).size, again.length);
  // And deleteBefore frees ids the same way.
  log.deleteBefore(new Date(Date.UTC(2026, 0, 1, 12)));
  log.append([event(50, { time: new Date(Date.UTC(2026, 0, 3)) })]);
  assert.deepEqual(
    all(log).map((e) => e.id),
    ['id-000050', 'id-000001', 'id-000000'],
  );
});
