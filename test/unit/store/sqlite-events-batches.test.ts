// events.db schema 2 (events in batches, found through key rows): checked against a plain model of the event
// log (first record of an id wins; newest first by time then id; every lookup attribute; time bounds; paging
// cursor; retention), with appends and queries drawn at random, and on the cases the layout makes special:
// batches split at the minute and at their size, many batches behind one key, ids shared with the batch
// before, a schema-1 file converted at open.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { SqliteEventsDb } from '../../../src/store/sqlite-events-db.js';
import { BATCH_RECORD_BYTES, BATCH_SPAN_MS } from '../../../src/store/event-batches.js';
import { eventTablesV1 } from '../../../src/store/migrations/001-initial.js';
import { SQLITE } from '../../../src/store/migrations/index.js';
import type { AuditEventInput, EventQuery, StoredEvent } from '../../../src/store/types.js';

const root = mkdtempSync(join(tmpdir(), 'rolechain-event-batches-'));
after(() => rmSync(root, { recursive: true, force: true }));
let files = 0;
const newDb = (): SqliteEventsDb => new SqliteEventsDb(join(root, `e${files++}.db`), 'NORMAL');

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);
const ACCOUNTS = ['111111111111', '222222222222'];

/** The plain model: a list, first record of an (account, id) kept. */
class Model {
  events: StoredEvent[] = [];
  append(list: readonly AuditEventInput[]): void {
    for (const e of list) {
      if (this.events.some((s) => s.account === e.account && s.id === e.id)) continue;
      const s: StoredEvent = {
        account: e.account,
        time: new Date(e.time.getTime()),
        id: e.id,
        name: e.name,
        source: e.source,
        readOnly: e.readOnly,
        resources: (e.resources ?? []).map((r) => ({ ...r })),
        json: e.json as string,
      };
      if (e.username !== undefined) s.username = e.username;
      if (e.accessKeyId !== undefined) s.accessKeyId = e.accessKeyId;
      this.events.push(s);
    }
  }
  query(q: EventQuery): StoredEvent[] {
    const a = q.attribute;
    const matches = (e: StoredEvent): boolean => {
      if (e.account !== q.account) return false;
      if (q.start && e.time < q.start) return false;
      if (q.end && e.time > q.end) return false;
      const b = q.before;
      if (b && (e.time > b.time || (e.time.getTime() === b.time.getTime() && e.id >= b.id))) return false;
      if (a === undefined) return true;
      const v = a.value;
      return {
        EventId: e.id === v,
        EventName: e.name === v,
        EventSource: e.source === v,
        Username: e.username === v,
        AccessKeyId: e.accessKeyId === v,
        ReadOnly: e.readOnly === (v === 'true'),
        ResourceType: e.resources.some((r) => r.type === v),
        ResourceName: e.resources.some((r) => r.name === v),
      }[a.key]!;
    };
    return this.events
      .filter(matches)
      .sort((x, y) => y.time.getTime() - x.time.getTime() || (x.id < y.id ? 1 : x.id > y.id ? -1 : 0))
      .slice(0, q.limit);
  }
  deleteBefore(t: number): number {
    const before = this.events.length;
    this.events = this.events.filter((e) => e.time.getTime() >= t);
    return before - this.events.length;
  }
}

/** A UUIDv7-shaped id; ids n and m share their time key when n / 10 and m / 10 round down alike. */
const uuid7 = (n: number): string =>
  `0190000${Math.floor(n / 10)}-000${n % 10}-7000-8000-${String(n).padStart(12, '0')}`;

const eventArb = fc.record({
  account: fc.constantFrom(...ACCOUNTS),
  // Times clustered within a few minutes (batches split at the minute), some at the same millisecond.
  time: fc.integer({ min: 0, max: 4 * BATCH_SPAN_MS }).map((t) => new Date(T0 + t - (t % 7))),
  // Few distinct ids, so that repeats (within an append and across appends) are common.
  id: fc.oneof(
    // UUIDv7-shaped, ten to a time key (their first 12 characters), as rolechain makes them.
    fc.integer({ min: 0, max: 60 }).map((n) => uuid7(n)),
    fc.constantFrom('e1', 'e2', 'e10', 'x'),
  ),
  name: fc.constantFrom('AssumeRole', 'GetRole', 'CreateUser'),
  source: fc.constantFrom('sts.amazonaws.com', 'iam.amazonaws.com'),
  username: fc.option(fc.constantFrom('alice', 'bob'), { nil: undefined }),
  accessKeyId: fc.option(fc.constantFrom('AKIA1', 'ASIA2'), { nil: undefined }),
  readOnly: fc.boolean(),
  resources: fc.array(
    fc.record({
      type: fc.constantFrom('AWS::IAM::Role', 'AWS::IAM::User'),
      name: fc.constantFrom('r1', 'r2'),
    }),
    { maxLength: 2 },
  ),
  json: fc.string({ maxLength: 40, unit: 'binary' }).map((s) => JSON.stringify({ s, nl: '\n' }) + '\n'),
}) as fc.Arbitrary<AuditEventInput>;

const queryArb = (account: string): fc.Arbitrary<EventQuery> =>
  fc
    .record({
      attribute: fc.option(
        fc.oneof(
          fc.record({
            key: fc.constant('EventId'),
            value: fc.constantFrom('e1', 'x', uuid7(3), uuid7(13), uuid7(60)),
          }),
          fc.record({ key: fc.constant('EventName'), value: fc.constantFrom('AssumeRole', 'GetRole') }),
          fc.record({ key: fc.constant('EventSource'), value: fc.constant('iam.amazonaws.com') }),
          fc.record({ key: fc.constant('Username'), value: fc.constantFrom('alice', 'carol') }),
          fc.record({ key: fc.constant('AccessKeyId'), value: fc.constant('ASIA2') }),
          fc.record({ key: fc.constant('ReadOnly'), value: fc.constantFrom('true', 'false', 'other') }),
          fc.record({ key: fc.constant('ResourceType'), value: fc.constant('AWS::IAM::User') }),
          fc.record({ key: fc.constant('ResourceName'), value: fc.constant('r2') }),
        ),
        { nil: undefined },
      ),
      start: fc.option(fc.integer({ min: 0, max: 4 * BATCH_SPAN_MS }), { nil: undefined }),
      end: fc.option(fc.integer({ min: 0, max: 4 * BATCH_SPAN_MS }), { nil: undefined }),
      limit: fc.integer({ min: 1, max: 30 }),
    })
    .map(({ attribute, start, end, limit }) => {
      const q: EventQuery = { account, limit };
      if (attribute !== undefined) q.attribute = attribute;
      if (start !== undefined) q.start = new Date(T0 + start);
      if (end !== undefined) q.end = new Date(T0 + end);
      return q;
    });

/** Every page of a query, following the (time, id) cursor as LookupEvents does. */
function pages(query: (q: EventQuery) => StoredEvent[], q: EventQuery): StoredEvent[] {
  const out: StoredEvent[] = [];
  let before: EventQuery['before'];
  for (let i = 0; i < 1000; i++) {
    const page = query(before ? { ...q, before } : q);
    out.push(...page);
    if (page.length < q.limit) return out;
    const last = page[page.length - 1]!;
    before = { time: last.time, id: last.id };
  }
  throw new Error('paging did not end');
}

describe('events.db schema 2 (batches)', () => {
  it('answers like the plain model: appends with repeated ids, every lookup, paging, retention', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(eventArb, { maxLength: 25 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.constantFrom(...ACCOUNTS).chain(queryArb), fc.boolean()), { maxLength: 6 }),
        fc.option(fc.integer({ min: 0, max: 4 * BATCH_SPAN_MS }), { nil: undefined }),
        (appends, queries, cutoff) => {
          const db = newDb();
          const model = new Model();
          try {
            for (const list of appends) {
              db.append(list);
              model.append(list);
            }
            const check = (): void => {
              for (const acct of ACCOUNTS) {
                assert.deepEqual(
                  db.query({ account: acct, limit: 10_000 }),
                  model.query({ account: acct, limit: 10_000 }),
                );
              }
              for (const [q, paged] of queries) {
                if (paged)
                  assert.deepEqual(
                    pages((x) => db.query(x), q),
                    pages((x) => model.query(x), q),
                  );
                else assert.deepEqual(db.query(q), model.query(q));
              }
            };
            check();
            if (cutoff !== undefined) {
              assert.equal(db.deleteBefore(T0 + cutoff), model.deleteBefore(T0 + cutoff));
              check();
              // What was deleted may be recorded again.
              db.append(appends[0]!);
              model.append(appends[0]!);
              check();
            }
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('splits batches at their size and finds the newest across many batches of one key', () => {
    const db = newDb();
    try {
      const big = 'b'.repeat(Math.floor(BATCH_RECORD_BYTES / 3));
      const events: AuditEventInput[] = [];
      // 200 appends of 3 events in the same minute (200 batches behind the key of every event and of
      // EventName, more than one page of key rows), then 7 events of a third of a batch each.
      for (let i = 0; i < 200; i++) {
        const list = [0, 1, 2].map((j) => ({
          account: ACCOUNTS[0]!,
          time: new Date(T0 + i * 10 + j),
          id: `id${String(i * 3 + j).padStart(5, '0')}`,
          name: i === 3 ? 'Rare' : 'AssumeRole',
          source: 'sts.amazonaws.com',
          readOnly: false,
          json: '{}',
        }));
        db.append(list);
        events.push(...list);
      }
      const bigs = Array.from({ length: 7 }, (_, j) => ({
        account: ACCOUNTS[0]!,
        time: new Date(T0 + 5_000 + j),
        id: `big${j}`,
        name: 'Big',
        source: 'iam.amazonaws.com',
        readOnly: true,
        json: JSON.stringify({ big }),
      }));
      db.append(bigs);
      const byName = (value: string, limit: number) =>
        db.query({ account: ACCOUNTS[0]!, limit, attribute: { key: 'EventName', value } });
      assert.deepEqual(
        byName('AssumeRole', 3).map((e) => e.id),
        ['id00599', 'id00598', 'id00597'],
      );
      assert.deepEqual(
        byName('Rare', 5).map((e) => e.id),
        ['id00011', 'id00010', 'id00009'],
      );
      const bigGot = byName('Big', 10);
      assert.deepEqual(
        bigGot.map((e) => e.id),
        ['big6', 'big5', 'big4', 'big3', 'big2', 'big1', 'big0'],
      );
      assert.equal(bigGot[0]!.json, bigs[6]!.json);
      assert.equal(db.query({ account: ACCOUNTS[0]!, limit: 10_000 }).length, 607);
      // A batch is closed at its size: 7 events of a third of it make at least 3 batches.
      const raw = (db as unknown as { db: Database.Database }).db;
      const bigBatches = raw
        .prepare("SELECT count(*) AS n FROM event_keys WHERE attribute = 'EventName' AND value = 'Big'")
        .get() as { n: number };
      assert.ok(bigBatches.n >= 3, String(bigBatches.n));
      // The first of these ids again (sharing the batch before's id keys): not stored twice.
      db.append([
        { ...events[0]!, json: '{"second":true}' },
        { ...events[599]!, json: '{"second":true}' },
      ]);
      assert.equal(db.query({ account: ACCOUNTS[0]!, limit: 10_000 }).length, 607);
      assert.equal(
        db.query({ account: ACCOUNTS[0]!, limit: 1, attribute: { key: 'EventId', value: 'id00599' } })[0]!
          .json,
        '{}',
      );
    } finally {
      db.close();
    }
  });

  it('orders equal times across batches by id, and keeps a cutoff batch newest event', () => {
    const db = newDb();
    const ev = (id: string, dt: number): AuditEventInput => ({
      account: ACCOUNTS[0]!,
      time: new Date(T0 + dt),
      id,
      name: 'GetRole',
      source: 'iam.amazonaws.com',
      readOnly: true,
      json: `{"id":"${id}"}`,
    });
    try {
      // Two batches whose newest events share a time: the later batch is read first, but the newest event
      // (by id) is in the earlier one.
      db.append([ev('z', 50)]);
      db.append([ev('a', 50), ev('b', 10)]);
      const ids = (limit: number) => db.query({ account: ACCOUNTS[0]!, limit }).map((e) => e.id);
      assert.deepEqual(ids(1), ['z']);
      assert.deepEqual(ids(2), ['z', 'a']);
      // Cut at the second batch's newest time: its older event goes, the one at the cutoff stays.
      assert.equal(db.deleteBefore(T0 + 50), 1);
      assert.deepEqual(ids(10), ['z', 'a']);
    } finally {
      db.close();
    }
  });

  it('keys UUIDv7 ids by their time part and any other id whole', () => {
    const db = newDb();
    try {
      const ev = (id: string, dt: number): AuditEventInput => ({
        account: ACCOUNTS[0]!,
        time: new Date(T0 + dt),
        id,
        name: 'GetRole',
        source: 'iam.amazonaws.com',
        readOnly: true,
        json: '{}',
      });
      // 30 UUIDv7 ids in three time keys; 30 ids sharing a long prefix that is not a time.
      db.append(Array.from({ length: 30 }, (_, n) => ev(uuid7(n), n)));
      db.append(Array.from({ length: 30 }, (_, n) => ev(`request-0000000${String(n).padStart(2, '0')}`, n)));
      const raw = (db as unknown as { db: Database.Database }).db;
      const keys = raw
        .prepare("SELECT value FROM event_keys WHERE attribute = 'EventId' ORDER BY value")
        .all()
        .map((r) => (r as { value: string }).value);
      assert.equal(keys.length, 33);
      assert.deepEqual(keys.slice(0, 3), ['01900000-000', '01900001-000', '01900002-000']);
      assert.equal(keys[3], 'request-000000000');
      for (const id of [uuid7(17), 'request-000000017'])
        assert.deepEqual(
          db
            .query({ account: ACCOUNTS[0]!, limit: 5, attribute: { key: 'EventId', value: id } })
            .map((e) => e.id),
          [id],
        );
    } finally {
      db.close();
    }
  });

  it('converts a schema-1 file (a row per event) at open, in one go', () => {
    const path = join(root, `v1-${files++}.db`);
    const v1 = new Database(path);
    v1.exec(eventTablesV1(SQLITE));
    const ins = v1.prepare(
      `INSERT INTO events (account, id, time_ms, name, source, username, access_key_id, read_only, resources, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const N = 2_500; // more than one copy step
    v1.transaction(() => {
      for (let i = 0; i < N; i++)
        ins.run(
          ACCOUNTS[i % 2],
          `ev${i}`,
          T0 + i * 100,
          'GetRole',
          'iam.amazonaws.com',
          i === 7 ? 'alice' : null,
          null,
          1,
          JSON.stringify([{ type: 'AWS::IAM::Role', name: `role${i}` }]),
          `{"i":${i}}`,
        );
    })();
    v1.pragma('user_version = 1');
    v1.close();
    const db = new SqliteEventsDb(path, 'FULL');
    try {
      assert.equal(db.query({ account: ACCOUNTS[0]!, limit: 10_000 }).length, N / 2);
      assert.deepEqual(
        db.query({ account: ACCOUNTS[1]!, limit: 5, attribute: { key: 'Username', value: 'alice' } }),
        [
          {
            account: ACCOUNTS[1],
            time: new Date(T0 + 700),
            id: 'ev7',
            name: 'GetRole',
            source: 'iam.amazonaws.com',
            username: 'alice',
            readOnly: true,
            resources: [{ type: 'AWS::IAM::Role', name: 'role7' }],
            json: '{"i":7}',
          },
        ],
      );
    } finally {
      db.close();
    }
    const after = new Database(path, { readonly: true });
    try {
      assert.equal(after.pragma('user_version', { simple: true }), 2);
      const tables = after.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
      assert.deepEqual(tables, [{ name: 'event_batches' }, { name: 'event_keys' }]);
    } finally {
      after.close();
    }
  });
});
