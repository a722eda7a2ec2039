// EC2 in-process: id formats, filters, the state machine, IMDSv2 token rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testEnv, opContext } from '../../helpers/op-context.js';
import { ec2 } from '../../../src/services/ec2/index.js';
import {
  newAssociationId,
  newInstanceId,
  newReservationId,
  type InstanceRecord,
} from '../../../src/services/ec2/model.js';
import { instanceFilter } from '../../../src/services/ec2/filters.js';
import { ImdsTokens, parseTokenTtl } from '../../../src/services/ec2/imds/tokens.js';
import { isAwsError } from '../../../src/wire/errors.js';

const op = (name: string) => ec2.operations.get(name)!;

test('ids: i- / r- / iip-assoc- followed by 17 hex digits', () => {
  for (let i = 0; i < 50; i++) {
    assert.match(newInstanceId(), /^i-[0-9a-f]{17}$/);
    assert.match(newReservationId(), /^r-[0-9a-f]{17}$/);
    assert.match(newAssociationId(), /^iip-assoc-[0-9a-f]{17}$/);
  }
});

const inst = (over: Partial<InstanceRecord>): InstanceRecord =>
  ({
    instanceId: 'i-0123456789abcdef0',
    state: 'running',
    instanceType: 't3.micro',
    tags: [],
    metadataOptions: { httpTokens: 'optional' },
    ...over,
  }) as InstanceRecord;

test('filters: AND across filters, OR across values, wildcards, tag:Key, tag-key; unknown names refused', () => {
  const a = inst({ tags: [{ Key: 'Name', Value: 'web-1' }] });
  const b = inst({
    instanceId: 'i-0123456789abcdef1',
    state: 'stopped',
    tags: [{ Key: 'env', Value: 'prod' }],
  });
  const sel = (f: { Name: string; Values: string[] }[]) =>
    [a, b].filter(instanceFilter(f)).map((r) => r.instanceId);
  assert.deepEqual(sel([{ Name: 'instance-state-name', Values: ['running', 'stopped'] }]).length, 2);
  assert.deepEqual(sel([{ Name: 'tag:Name', Values: ['web-*'] }]), [a.instanceId]);
  assert.deepEqual(sel([{ Name: 'tag-key', Values: ['env'] }]), [b.instanceId]);
  assert.deepEqual(sel([{ Name: 'instance-id', Values: ['i-0123456789abcdef?'] }]).length, 2);
  assert.deepEqual(
    sel([
      { Name: 'tag:Name', Values: ['web-?'] },
      { Name: 'instance-state-name', Values: ['stopped'] },
    ]),
    [],
  );
  assert.throws(
    () => instanceFilter([{ Name: 'bogus', Values: ['x'] }]),
    (e) => isAwsError(e) && e.code === 'InvalidParameterValue',
  );
});

test('state machine: run → stop → start → terminate, and IncorrectInstanceState', async () => {
  const env = await testEnv();
  const ctx = opContext(env);
  const run = await op('RunInstances').handler(ctx, {
    ImageId: 'ami-0123456789abcdef0',
    MinCount: 2,
    MaxCount: 2,
  });
  assert.equal(run.Instances.length, 2);
  assert.equal(run.Instances[0].State.Name, 'pending');
  const id = run.Instances[0].InstanceId as string;
  const d = await op('DescribeInstances').handler(ctx, { InstanceIds: [id] });
  assert.equal(d.Reservations[0].Instances[0].State.Name, 'running');
  const stop = await op('StopInstances').handler(ctx, { InstanceIds: [id] });
  assert.deepEqual(stop.StoppingInstances[0].CurrentState, { Code: 64, Name: 'stopping' });
  const stop2 = await op('StopInstances').handler(ctx, { InstanceIds: [id] });
  assert.deepEqual(stop2.StoppingInstances[0].PreviousState, { Code: 80, Name: 'stopped' });
  const start = await op('StartInstances').handler(ctx, { InstanceIds: [id] });
  assert.deepEqual(start.StartingInstances[0].CurrentState, { Code: 0, Name: 'pending' });
  const term = await op('TerminateInstances').handler(ctx, { InstanceIds: [id] });
  assert.deepEqual(term.TerminatingInstances[0].CurrentState, { Code: 32, Name: 'shutting-down' });
  await assert.rejects(
    Promise.resolve().then(() => op('StartInstances').handler(ctx, { InstanceIds: [id] })),
    (e) => isAwsError(e) && e.code === 'IncorrectInstanceState',
  );
  await assert.rejects(
    Promise.resolve().then(() => op('StopInstances').handler(ctx, { InstanceIds: ['i-0000000000000000f'] })),
    (e) => isAwsError(e) && e.code === 'InvalidInstanceID.NotFound',
  );
  await assert.rejects(
    Promise.resolve().then(() => op('StopInstances').handler(ctx, { InstanceIds: ['i-xyz'] })),
    (e) => isAwsError(e) && e.code === 'InvalidInstanceID.Malformed',
  );
  // Paging: 1 running + 1 terminated, MaxResults below 5 is refused.
  await assert.rejects(
    Promise.resolve().then(() => op('DescribeInstances').handler(ctx, { MaxResults: 3 })),
    (e) => isAwsError(e) && e.code === 'InvalidParameterValue',
  );
  await op('RunInstances').handler(ctx, { ImageId: 'ami-0123456789abcdef0', MinCount: 6, MaxCount: 6 });
  const p1 = await op('DescribeInstances').handler(ctx, { MaxResults: 5 });
  const p2 = await op('DescribeInstances').handler(ctx, { MaxResults: 5, NextToken: p1.NextToken });
  const count = (p: { Reservations: { Instances: unknown[] }[] }) =>
    p.Reservations.flatMap((r) => r.Instances).length;
  assert.equal(count(p1), 5);
  assert.equal(count(p2), 3);
  assert.equal(p2.NextToken, undefined);
});

test('IMDSv2 tokens: TTL 1..21600, bound to instance and run, expire', () => {
  assert.equal(parseTokenTtl(undefined), undefined);
  assert.equal(parseTokenTtl('0'), undefined);
  assert.equal(parseTokenTtl('21601'), undefined);
  assert.equal(parseTokenTtl('abc'), undefined);
  assert.equal(parseTokenTtl('1'), 1);
  assert.equal(parseTokenTtl('21600'), 21600);
  const t = new ImdsTokens();
  const now = 1_700_000_000_000;
  const tok = t.issue('i-1', 1, 60, now);
  assert.equal(t.verify(tok, 'i-1', 1, now), 60);
  assert.equal(t.verify(tok, 'i-2', 1, now), undefined);
  assert.equal(t.verify(tok, 'i-1', 2, now), undefined);
  assert.equal(t.verify(tok, 'i-1', 1, now + 61_000), undefined);
  assert.equal(t.verify(tok.slice(0, -2) + 'AA', 'i-1', 1, now), undefined);
  assert.equal(new ImdsTokens().verify(tok, 'i-1', 1, now), undefined);
});
