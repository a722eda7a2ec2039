// CloudTrail event ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eventId } from '../../../src/services/cloudtrail/event-id.js';

test('eventId: version-7 UUIDs in CloudTrail form, unique, sorting by time', () => {
  const ids = Array.from({ length: 2000 }, (_, i) => eventId(1_700_000_000_000 + Math.floor(i / 10)));
  for (const id of ids)
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
  const firstOfEachMs = ids.filter((_, i) => i % 10 === 0);
  assert.deepEqual(firstOfEachMs, [...firstOfEachMs].sort());
});

test('eventId: the first 48 bits are the millisecond timestamp', () => {
  for (const ms of [0, 1, 0xffff, 0x10000, 1_700_000_123_456, 2 ** 48 - 1]) {
    const id = eventId(ms);
    assert.equal(parseInt(id.slice(0, 8) + id.slice(9, 13), 16), ms, id);
  }
});

test('eventId: ids made within one millisecond sort in the order they were made', () => {
  for (const ms of [1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_001 + 60_000]) {
    const ids = Array.from({ length: 1500 }, () => eventId(ms));
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(new Set(ids).size, ids.length);
  }
});
