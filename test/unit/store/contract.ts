// The store's contract, one suite run against every backend (memory.test.ts, sqlite.test.ts, postgres.test.ts).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ConflictError,
  VersionConflictError,
  type AuditEventInput,
  type Store,
} from '../../../src/store/index.js';

export interface StoreHandle {
  store: Store;
  /** Closes the store and opens a new one on the same data (absent for the memory backend). */
  reopen?: () => Promise<Store>;
}

export interface Backend {
  name: string;
  skip?: string | false;
  /** A new, empty store; closed and removed by the suite's cleanup. */
  fresh(): Promise<StoreHandle>;
  /** Iterations for the model-based property (PostgreSQL round trips are slower). */
  propertyRuns: number;
}

const ACCOUNT = '111111111111';
const OTHER = '222222222222';
const ROLE = 'iam:role';

/** Runs fn with a fresh store, closing it after. */
async function withStore(b: Backend, fn: (h: StoreHandle) => Promise<void>): Promise<void> {
  const h = await b.fresh();
  try {
    await fn(h);
  } finally {
    await h.store.close();
  }
}

function role(
  id: string,
  name?: string,
  data: unknown = { arn: `arn:aws:iam::${ACCOUNT}:role/${name ?? id}` },
) {
  return name === undefined
    ? { kind: ROLE, account: ACCOUNT, id, data }
    : { kind: ROLE, account: ACCOUNT, id, name, data };
}

function event(over: Partial<AuditEventInput> & { id: string; time: Date }): AuditEventInput {
  return {
    account: ACCOUNT,
    name: 'GetRole',
    source: 'iam.amazonaws.com',
    readOnly: true,
    json: JSON.stringify({ eventID: over.id }),
    ...over,
  };
}

const isConflict = (field: 'id' | 'name') => (err: unknown) =>
  err instanceof ConflictError && err.field === field;

export function runContract(b: Backend): void {
  describe(`store contract: ${b.name}`, { skip: b.skip ?? false }, () => {
    it('creates, reads, updates, deletes', () =>
      withStore(b, async ({ store }) => {
        assert.equal(store.get(ROLE, ACCOUNT, 'AROA1'), undefined);
        const created = await store.put(role('AROA1', 'Admin', { path: '/', tags: [{ k: 'a', v: 'b' }] }));
        assert.deepEqual(created, {
          kind: ROLE,
          account: ACCOUNT,
          id: 'AROA1',
          name: 'Admin',
          data: { path: '/', tags: [{ k: 'a', v: 'b' }] },
          version: 1,
        });
        assert.equal(store.get(ROLE, ACCOUNT, 'AROA1'), created);
        assert.equal(store.getByName(ROLE, ACCOUNT, 'admin'), created);
        assert.equal(store.getByName(ROLE, ACCOUNT, 'ADMIN'), created);
        assert.equal(store.getByName(ROLE, OTHER, 'Admin'), undefined);
        assert.equal(store.getByName('iam:user', ACCOUNT, 'Admin'), undefined);

        const updated = await store.put(role('AROA1', 'Admin', { path: '/x/' }));
        assert.equal(updated.version, 2);
        assert.deepEqual(store.get(ROLE, ACCOUNT, 'AROA1')?.data, { path: '/x/' });

        // Renaming frees the old name.
        await store.put(role('AROA1', 'Renamed'));
        assert.equal(store.getByName(ROLE, ACCOUNT, 'Admin'), undefined);
        assert.equal(store.getByName(ROLE, ACCOUNT, 'renamed')?.id, 'AROA1');

        assert.equal(await store.delete(ROLE, ACCOUNT, 'AROA1'), true);
        assert.equal(store.get(ROLE, ACCOUNT, 'AROA1'), undefined);
        assert.equal(store.getByName(ROLE, ACCOUNT, 'Renamed'), undefined);
        assert.equal(await store.delete(ROLE, ACCOUNT, 'AROA1'), false);
        // A re-created entity starts over at version 1.
        assert.equal((await store.put(role('AROA1', 'Renamed'))).version, 1);
      }));

    it('hands out deep-frozen JSON values, independent of the caller’s objects', () =>
      withStore(b, async ({ store }) => {
        const input = { list: [1, 2], nested: { a: 'x' }, gone: undefined, when: new Date(0) };
        const rec = await store.put(role('AROA1', 'R', input));
        input.list.push(3);
        input.nested.a = 'changed';
        assert.deepEqual(rec.data, { list: [1, 2], nested: { a: 'x' }, when: '1970-01-01T00:00:00.000Z' });
        assert.ok(Object.isFrozen(rec) && Object.isFrozen(rec.data));
        assert.throws(() => (rec.data as { list: number[] }).list.push(4), TypeError);
        assert.equal('name' in (await store.put(role('AROA2'))), false);
      }));

    it('enforces unique names case-insensitively, per kind and account', () =>
      withStore(b, async ({ store }) => {
        await store.put(role('AROA1', 'Admin'));
        await assert.rejects(store.put(role('AROA2', 'aDMIN')), isConflict('name'));
        await assert.rejects(store.put(role('AROA2', 'Admin')), isConflict('name'));
        assert.equal(store.get(ROLE, ACCOUNT, 'AROA2'), undefined);
        // The same name is free in another account and another kind; unnamed entities never collide.
        await store.put({ kind: ROLE, account: OTHER, id: 'AROA2', name: 'Admin', data: {} });
        await store.put({ kind: 'iam:user', account: ACCOUNT, id: 'AIDA1', name: 'admin', data: {} });
        await store.put(role('X1'));
        await store.put(role('X2'));
        // An entity may change its own name's case.
        assert.equal((await store.put(role('AROA1', 'ADMIN'))).name, 'ADMIN');
        assert.equal(store.getByName(ROLE, ACCOUNT, 'admin')?.id, 'AROA1');
      }));

    it('ifAbsent rejects an existing id', () =>
      withStore(b, async ({ store }) => {
        await store.put(role('AROA1', 'A'), { ifAbsent: true });
        await assert.rejects(store.put(role('AROA1', 'B'), { ifAbsent: true }), isConflict('id'));
        assert.equal(store.get(ROLE, ACCOUNT, 'AROA1')?.name, 'A');
      }));

    it('32 concurrent creations of one name: exactly one wins', () =>
      withStore(b, async ({ store }) => {
        const results = await Promise.allSettled(
          Array.from({ length: 32 }, (_, i) =>
            store.put(role(`AROA${i}`, i % 2 ? 'Racer' : 'RACER'), { ifAbsent: true }),
          ),
        );
        const won = results.filter((r) => r.status === 'fulfilled');
        assert.equal(won.length, 1);
        for (const r of results)
          if (r.status === 'rejected') assert.ok(isConflict('name')(r.reason), String(r.reason));
        assert.equal(store.list(ROLE, ACCOUNT).length, 1);
        // And 32 concurrent creations of one id.
        const same = await Promise.allSettled(
          Array.from({ length: 32 }, (_, i) => store.put(role('SAME', `Same${i}`), { ifAbsent: true })),
        );
        assert.equal(same.filter((r) => r.status === 'fulfilled').length, 1);
        for (const r of same)
          if (r.status === 'rejected') assert.ok(isConflict('id')(r.reason), String(r.reason));
      }));

    it('optimistic concurrency with expectVersion', () =>
      withStore(b, async ({ store }) => {
        const v1 = await store.put(role('AROA1', 'A'), { expectVersion: 0 });
        assert.equal(v1.version, 1);
        await assert.rejects(store.put(role('AROA1', 'A'), { expectVersion: 0 }), VersionConflictError);
        const v2 = await store.put(role('AROA1', 'A', { n: 2 }), { expectVersion: 1 });
        assert.equal(v2.version, 2);
        await assert.rejects(
          store.put(role('AROA1', 'A', { n: 3 }), { expectVersion: 1 }),
          (err: unknown) => {
            assert.ok(err instanceof VersionConflictError);
            assert.equal(err.expected, 1);
            assert.equal(err.actual, 2);
            return true;
          },
        );
        assert.deepEqual(store.get(ROLE, ACCOUNT, 'AROA1')?.data, { n: 2 });
        await assert.rejects(store.put(role('NOPE', 'N'), { expectVersion: 3 }), VersionConflictError);
        assert.equal(store.get(ROLE, ACCOUNT, 'NOPE'), undefined);
        // Concurrent conditional updates of one version: one wins.
        const racing = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.put(role('AROA1', 'A', { i }), { expectVersion: 2 })),
        );
        assert.equal(racing.filter((r) => r.status === 'fulfilled').length, 1);
        assert.equal(store.get(ROLE, ACCOUNT, 'AROA1')?.version, 3);
        await assert.rejects(
          store.delete(ROLE, ACCOUNT, 'AROA1', { expectVersion: 2 }),
          VersionConflictError,
        );
        assert.ok(store.get(ROLE, ACCOUNT, 'AROA1'));
        assert.equal(await store.delete(ROLE, ACCOUNT, 'AROA1', { expectVersion: 3 }), true);
        assert.equal(await store.delete(ROLE, ACCOUNT, 'AROA1', { expectVersion: 3 }), false);
      }));

    it('lists in a stable order: by name case-insensitively, then id; scoped by account', () =>
      withStore(b, async ({ store }) => {
        for (const [id, name] of [
          ['i5', 'beta'],
          ['i4', 'Alpha'],
          ['i3', 'gamma'],
          ['i2', undefined],
          ['i1', undefined],
          ['i0', 'ALPHA2'],
        ] as const) {
          await store.put(role(id, name));
        }
        await store.put({ kind: ROLE, account: OTHER, id: 'o1', name: 'aardvark', data: {} });
        await store.put({ kind: 'iam:user', account: ACCOUNT, id: 'u1', name: 'aa', data: {} });
        const ids = (recs: { id: string }[]) => recs.map((r) => r.id);
        assert.deepEqual(ids(store.list(ROLE, ACCOUNT)), ['i1', 'i2', 'i4', 'i0', 'i5', 'i3']);
        assert.deepEqual(ids(store.list(ROLE)), ['i1', 'i2', 'o1', 'i4', 'i0', 'i5', 'i3']);
        assert.deepEqual(ids(store.list(ROLE, OTHER)), ['o1']);
        assert.deepEqual(store.list('iam:nothing'), []);
        // A fresh array each time; the cache follows writes.
        const l = store.list(ROLE, ACCOUNT);
        l.pop();
        assert.equal(store.list(ROLE, ACCOUNT).length, 6);
        await store.delete(ROLE, ACCOUNT, 'i1');
        await store.put(role('i9', 'AAA'));
        assert.deepEqual(ids(store.list(ROLE, ACCOUNT)), ['i2', 'i9', 'i4', 'i0', 'i5', 'i3']);
      }));

    it('batch: all or nothing, ops see each other in order', () =>
      withStore(b, async (h) => {
        const { store } = h;
        await store.put(role('AROA1', 'Taken'));
        await assert.rejects(
          store.batch([
            { op: 'put', rec: role('NEW1', 'Fresh') },
            { op: 'delete', kind: ROLE, account: ACCOUNT, id: 'AROA1' },
            { op: 'put', rec: role('NEW2', 'fresh') }, // collides with NEW1, created earlier in the batch
          ]),
          isConflict('name'),
        );
        assert.equal(store.get(ROLE, ACCOUNT, 'NEW1'), undefined);
        assert.ok(store.get(ROLE, ACCOUNT, 'AROA1'));

        // Delete a role and its inline policies, and reuse its name, at once.
        await store.put({ kind: 'iam:role-policy', account: ACCOUNT, id: 'AROA1/p1', data: { doc: '{}' } });
        await store.put({ kind: 'iam:role-policy', account: ACCOUNT, id: 'AROA1/p2', data: { doc: '{}' } });
        await store.batch([
          { op: 'delete', kind: 'iam:role-policy', account: ACCOUNT, id: 'AROA1/p1' },
          { op: 'delete', kind: 'iam:role-policy', account: ACCOUNT, id: 'AROA1/p2' },
          { op: 'delete', kind: ROLE, account: ACCOUNT, id: 'AROA1' },
          { op: 'put', rec: role('AROA2', 'TAKEN'), opts: { ifAbsent: true } },
          { op: 'put', rec: role('AROA2', 'TAKEN', { v: 2 }), opts: { expectVersion: 1 } },
        ]);
        assert.deepEqual(store.list('iam:role-policy'), []);
        assert.equal(store.get(ROLE, ACCOUNT, 'AROA1'), undefined);
        assert.equal(store.getByName(ROLE, ACCOUNT, 'taken')?.version, 2);

        // A version conflict late in a batch undoes the earlier ops.
        await assert.rejects(
          store.batch([
            { op: 'put', rec: role('AROA3', 'Three') },
            { op: 'put', rec: role('AROA2', 'TAKEN'), opts: { expectVersion: 1 } },
          ]),
          VersionConflictError,
        );
        assert.equal(store.get(ROLE, ACCOUNT, 'AROA3'), undefined);
        await store.batch([]);
        if (h.reopen) {
          const again = await h.reopen();
          h.store = again;
          assert.equal(again.get(ROLE, ACCOUNT, 'AROA3'), undefined);
          assert.equal(again.get(ROLE, ACCOUNT, 'NEW1'), undefined);
          assert.equal(again.getByName(ROLE, ACCOUNT, 'Taken')?.version, 2);
          assert.deepEqual(again.list('iam:role-policy'), []);
        }
      }));

    it('settings', () =>
      withStore(b, async ({ store }) => {
        assert.equal(store.getSetting('keyring'), undefined);
        await store.putSetting('keyring', { keys: [{ id: 'k1', created: 1 }] });
        assert.deepEqual(store.getSetting('keyring'), { keys: [{ id: 'k1', created: 1 }] });
        assert.ok(Object.isFrozen(store.getSetting('keyring')));
        await store.putSetting('keyring', { keys: [] });
        await store.putSetting('counter', 41);
        await store.putSetting('flag', false);
        assert.deepEqual(store.getSetting('keyring'), { keys: [] });
        assert.equal(store.getSetting('counter'), 41);
        assert.equal(store.getSetting('flag'), false);
        await assert.rejects(store.putSetting('bad', undefined), TypeError);
      }));

    it('events: append, newest first, filters, paging, retention', () =>
      withStore(b, async ({ store }) => {
        const t = (s: number) => new Date(Date.UTC(2025, 0, 1, 0, 0, s));
        await store.appendEvents([
          event({
            id: 'e1',
            time: t(1),
            name: 'CreateRole',
            readOnly: false,
            username: 'alice',
            accessKeyId: 'AKIA1',
            resources: [{ type: 'AWS::IAM::Role', name: 'Admin' }],
          }),
          event({ id: 'e2', time: t(2), username: 'bob', accessKeyId: 'AKIA2' }),
          event({
            id: 'e3',
            time: t(3),
            name: 'AssumeRole',
            source: 'sts.amazonaws.com',
            username: 'alice',
            resources: [
              { type: 'AWS::IAM::Role', name: 'Admin' },
              { type: 'AWS::STS::AssumedRole', name: 's1' },
            ],
          }),
          event({ id: 'e4b', time: t(4) }),
          event({ id: 'e4a', time: t(4), name: 'DeleteRole', readOnly: false }),
        ]);
        await store.appendEvents([event({ id: 'x1', time: t(2), account: OTHER })]);
        await store.appendEvents([]);
        const ids = async (q: Partial<Parameters<Store['queryEvents']>[0]>) =>
          (await store.queryEvents({ account: ACCOUNT, limit: 50, ...q })).map((e) => e.id);

        assert.deepEqual(await ids({}), ['e4b', 'e4a', 'e3', 'e2', 'e1']);
        const [newest] = await store.queryEvents({
          account: ACCOUNT,
          limit: 1,
          attribute: { key: 'EventId', value: 'e1' },
        });
        assert.deepEqual(newest, {
          account: ACCOUNT,
          time: t(1),
          id: 'e1',
          name: 'CreateRole',
          source: 'iam.amazonaws.com',
          username: 'alice',
          accessKeyId: 'AKIA1',
          readOnly: false,
          resources: [{ type: 'AWS::IAM::Role', name: 'Admin' }],
          json: '{"eventID":"e1"}',
        });
        const e2 = (
          await store.queryEvents({ account: ACCOUNT, limit: 1, attribute: { key: 'EventId', value: 'e2' } })
        )[0];
        assert.deepEqual(e2?.resources, []);
        assert.equal(e2 && 'username' in e2 && e2.username, 'bob');

        assert.deepEqual(await ids({ attribute: { key: 'EventName', value: 'GetRole' } }), ['e4b', 'e2']);
        assert.deepEqual(await ids({ attribute: { key: 'EventSource', value: 'sts.amazonaws.com' } }), [
          'e3',
        ]);
        assert.deepEqual(await ids({ attribute: { key: 'Username', value: 'alice' } }), ['e3', 'e1']);
        assert.deepEqual(await ids({ attribute: { key: 'AccessKeyId', value: 'AKIA2' } }), ['e2']);
        assert.deepEqual(await ids({ attribute: { key: 'ReadOnly', value: 'false' } }), ['e4a', 'e1']);
        assert.deepEqual(await ids({ attribute: { key: 'ReadOnly', value: 'true' } }), ['e4b', 'e3', 'e2']);
        assert.deepEqual(await ids({ attribute: { key: 'ResourceType', value: 'AWS::IAM::Role' } }), [
          'e3',
          'e1',
        ]);
        assert.deepEqual(await ids({ attribute: { key: 'ResourceName', value: 's1' } }), ['e3']);
        assert.deepEqual(await ids({ attribute: { key: 'ResourceName', value: 'nope' } }), []);
        await assert.rejects(
          store.queryEvents({ account: ACCOUNT, limit: 5, attribute: { key: 'Bogus', value: 'x' } }),
          TypeError,
        );
        await assert.rejects(store.queryEvents({ account: ACCOUNT, limit: 0 }), RangeError);

        // Time bounds are inclusive.
        assert.deepEqual(await ids({ start: t(2), end: t(3) }), ['e3', 'e2']);
        assert.deepEqual(await ids({ start: t(4) }), ['e4b', 'e4a']);
        assert.deepEqual(await ids({ end: t(1) }), ['e1']);
        assert.deepEqual(
          await ids({ start: t(2), attribute: { key: 'ResourceType', value: 'AWS::IAM::Role' } }),
          ['e3'],
        );

        // Paging: pages of 2 via the (time, id) cursor, across a tie in time.
        const pages: string[][] = [];
        let before: { time: Date; id: string } | undefined;
        for (;;) {
          const page = await store.queryEvents({ account: ACCOUNT, limit: 2, before });
          if (page.length === 0) break;
          pages.push(page.map((e) => e.id));
          const last = page[page.length - 1] as { time: Date; id: string };
          before = { time: last.time, id: last.id };
        }
        assert.deepEqual(pages, [['e4b', 'e4a'], ['e3', 'e2'], ['e1']]);
        assert.deepEqual(await ids({ before: { time: t(4), id: 'e4b' }, limit: 1 }), ['e4a']);
        assert.deepEqual(
          await ids({
            before: { time: t(3), id: 'e3' },
            attribute: { key: 'ResourceType', value: 'AWS::IAM::Role' },
          }),
          ['e1'],
        );

        // A duplicate id keeps the first event.
        await store.appendEvents([
          event({ id: 'e1', time: t(9), name: 'Changed', resources: [{ type: 'T', name: 'N' }] }),
        ]);
        assert.deepEqual(await ids({ attribute: { key: 'EventId', value: 'e1' } }), ['e1']);
        assert.deepEqual(await ids({ attribute: { key: 'ResourceType', value: 'T' } }), []);
        assert.deepEqual(
          (await store.queryEvents({ account: OTHER, limit: 10 })).map((e) => e.id),
          ['x1'],
        );

        // Retention: strictly before the time, across accounts.
        assert.equal(await store.deleteEventsBefore(t(3)), 3);
        assert.deepEqual(await ids({}), ['e4b', 'e4a', 'e3']);
        assert.deepEqual(await ids({ attribute: { key: 'ResourceName', value: 'Admin' } }), ['e3']);
        assert.deepEqual(await store.queryEvents({ account: OTHER, limit: 10 }), []);
        assert.equal(await store.deleteEventsBefore(t(3)), 0);
      }));

    it('events: a record handed over as UTF-8 bytes reads back as the same text', () =>
      withStore(b, async ({ store }) => {
        const json = JSON.stringify({ eventID: 'u1', userAgent: 'ünïcödé \u2028 "q"' });
        const bytes = Buffer.from(json, 'utf8');
        await store.appendEvents([event({ id: 'u1', time: new Date(Date.UTC(2025, 0, 2)), json: bytes })]);
        bytes.fill(0); // the store keeps its own copy
        const [e] = await store.queryEvents({
          account: ACCOUNT,
          limit: 1,
          attribute: { key: 'EventId', value: 'u1' },
        });
        assert.equal(e?.json, json);
      }));

    it('rejects malformed input before any write', () =>
      withStore(b, async ({ store }) => {
        await assert.rejects(store.put({ kind: ROLE, account: ACCOUNT, id: '', data: {} }), TypeError);
        await assert.rejects(
          store.put({ kind: ROLE, account: ACCOUNT, id: 'a\u0000b', data: {} }),
          TypeError,
        );
        await assert.rejects(
          store.put({ kind: ROLE, account: ACCOUNT, id: 'x'.repeat(1025), data: {} }),
          TypeError,
        );
        await assert.rejects(
          store.put({ kind: ROLE, account: ACCOUNT, id: 'a', data: undefined }),
          TypeError,
        );
        await assert.rejects(store.put(role('a'), { expectVersion: -1 }), TypeError);
        await assert.rejects(store.appendEvents([event({ id: 'e', time: new Date(NaN) })]), TypeError);
        await assert.rejects(
          store.batch([
            { op: 'put', rec: role('ok') },
            { op: 'put', rec: { kind: ROLE, account: ACCOUNT, id: 7 as unknown as string, data: 1 } },
          ]),
          TypeError,
        );
        assert.equal(store.get(ROLE, ACCOUNT, 'ok'), undefined);
      }));

    it(
      'persists across close and open',
      { skip: b.name === 'memory' ? 'nothing persists in memory' : false },
      () =>
        withStore(b, async (h) => {
          const { store } = h;
          await store.put(role('AROA1', 'Admin', { a: 1 }));
          await store.put(role('AROA1', 'Admin', { a: 2, nested: { list: ['x', { y: null }] } }));
          await store.put(role('AROA2'));
          await store.put(role('AROA3', 'Gone'));
          await store.delete(ROLE, ACCOUNT, 'AROA3');
          await store.putSetting('counter', { next: 7 });
          await store.appendEvents([
            event({ id: 'e1', time: new Date(5), resources: [{ type: 'T', name: 'N' }] }),
          ]);
          const before = store.list(ROLE);
          const again = await (h.reopen as () => Promise<Store>)();
          h.store = again;
          assert.deepEqual(again.list(ROLE), before);
          assert.equal(again.get(ROLE, ACCOUNT, 'AROA1')?.version, 2);
          assert.equal(again.getByName(ROLE, ACCOUNT, 'ADMIN')?.id, 'AROA1');
          assert.equal(again.get(ROLE, ACCOUNT, 'AROA3'), undefined);
          assert.ok(Object.isFrozen(again.get(ROLE, ACCOUNT, 'AROA1')?.data));
          assert.deepEqual(again.getSetting('counter'), { next: 7 });
          const evs = await again.queryEvents({
            account: ACCOUNT,
            limit: 10,
            attribute: { key: 'ResourceName', value: 'N' },
          });
          assert.deepEqual(
            evs.map((e) => [e.id, e.time.getTime()]),
            [['e1', 5]],
          );
          // Name uniqueness still holds after the reload, and versions continue.
          await assert.rejects(again.put(role('AROA9', 'admin')), isConflict('name'));
          assert.equal((await again.put(role('AROA1', 'Admin'))).version, 3);
        }),
    );

    it('a closed store rejects writes; close waits for writes in flight', () =>
      withStore(b, async ({ store }) => {
        const pending = Array.from({ length: 10 }, (_, i) => store.put(role(`r${i}`, `n${i}`)));
        await store.close();
        for (const r of await Promise.allSettled(pending)) assert.equal(r.status, 'fulfilled');
        await assert.rejects(store.put(role('late')), /not open/);
        await assert.rejects(store.putSetting('k', 1), /not open/);
        await store.close(); // idempotent
      }));

    it('matches a model under random sequences of writes (property)', () =>
      fc.assert(
        fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), async (ops) => {
          await withStore(b, async ({ store }) => {
            const model = new Map<string, { name?: string; data: unknown; version: number }>();
            for (const op of ops) {
              const expected = modelStep(model, op);
              const actual = await applyOp(store, op).then(
                (v) => ({ ok: v }),
                (err: unknown) => ({ err: errorTag(err) }),
              );
              assert.deepEqual(actual, expected, JSON.stringify(op));
            }
            const listed = store.list(ROLE, ACCOUNT).map((r) => [r.id, r.name ?? null, r.version, r.data]);
            const want = [...model.entries()].map(([id, m]) => [id, m.name ?? null, m.version, m.data]);
            assert.deepEqual(
              new Set(listed.map((x) => JSON.stringify(x))),
              new Set(want.map((x) => JSON.stringify(x))),
            );
            for (const [id, m] of model) {
              if (m.name !== undefined)
                assert.equal(store.getByName(ROLE, ACCOUNT, m.name.toUpperCase())?.id, id);
            }
          });
        }),
        { numRuns: b.propertyRuns },
      ));
  });
}

// --- the model ----------------------------------------------------------------------------------------------

type Op =
  | { t: 'put'; id: string; name?: string; data: number; ifAbsent?: boolean; expectVersion?: number }
  | { t: 'delete'; id: string; expectVersion?: number };

const idArb = fc.constantFrom('a', 'b', 'c');
const nameArb = fc.option(fc.constantFrom('N', 'n', 'M', 'Ω', 'ω'), { nil: undefined });
const versionArb = fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record(
    {
      t: fc.constant('put' as const),
      id: idArb,
      name: nameArb,
      data: fc.integer(),
      ifAbsent: fc.boolean(),
      expectVersion: versionArb,
    },
    { requiredKeys: ['t', 'id', 'data'] },
  ),
  fc.record(
    { t: fc.constant('delete' as const), id: idArb, expectVersion: versionArb },
    { requiredKeys: ['t', 'id'] },
  ),
);

function applyOp(store: Store, op: Op): Promise<unknown> {
  if (op.t === 'delete') return store.delete(ROLE, ACCOUNT, op.id, { expectVersion: op.expectVersion });
  return store
    .put(role(op.id, op.name, op.data), { ifAbsent: op.ifAbsent, expectVersion: op.expectVersion })
    .then((r) => r.version);
}

function errorTag(err: unknown): string {
  if (err instanceof ConflictError) return `conflict:${err.field}`;
  if (err instanceof VersionConflictError) return 'version';
  throw err;
}

function modelStep(
  model: Map<string, { name?: string; data: unknown; version: number }>,
  op: Op,
): { ok: unknown } | { err: string } {
  const cur = model.get(op.id);
  if (op.t === 'delete') {
    if (cur === undefined) return { ok: false };
    if (op.expectVersion !== undefined && cur.version !== op.expectVersion) return { err: 'version' };
    model.delete(op.id);
    return { ok: true };
  }
  if (op.ifAbsent && cur) return { err: 'conflict:id' };
  if (op.expectVersion !== undefined && (cur?.version ?? 0) !== op.expectVersion) return { err: 'version' };
  if (op.name !== undefined) {
    const lower = op.name.toLowerCase();
    for (const [id, m] of model)
      if (id !== op.id && m.name?.toLowerCase() === lower) return { err: 'conflict:name' };
  }
  const version = (cur?.version ?? 0) + 1;
  model.set(op.id, { name: op.name, data: op.data, version });
  return { ok: version };
}
