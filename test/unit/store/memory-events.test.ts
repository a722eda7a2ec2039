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
