import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  findManagedPolicy,
  listAwsManagedPolicies,
  awsManagedPolicyVersions,
  customerPolicyArn,
} from '../../../../src/services/iam/managed-policies.js';
import { KIND, type ManagedPolicyRecord } from '../../../../src/services/iam/model.js';
import { testEnv, UNIT_ACCOUNT } from '../../../helpers/op-context.js';

test('AWS managed policies: listed, sorted, with paths and stable ANPA ids', () => {
  const t = performance.now();
  const all = listAwsManagedPolicies();
  const ms = performance.now() - t;
  assert.ok(all.length > 1000, `${all.length}`);
  assert.ok(ms < 1000, `indexing took ${ms} ms`);
  const names = all.map((p) => p.policyName.toLowerCase());
  assert.deepEqual(names, [...names].sort());
  const lambda = all.find((p) => p.policyName === 'AWSLambdaBasicExecutionRole');
  assert.equal(lambda?.arn, 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
  assert.equal(lambda?.path, '/service-role/');
  for (const p of all) assert.match(p.policyId, /^ANPA[A-Z2-7]{17}$/);
});

test('findManagedPolicy resolves AWS managed policies with their real default document', async () => {
  const env = await testEnv();
  const p = findManagedPolicy(env.store, UNIT_ACCOUNT, 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess');
  assert.ok(p);
  assert.equal(p.awsManaged, true);
  assert.equal(p.serviceRolePolicy, false);
  assert.equal(p.path, '/');
  const doc = JSON.parse(p.defaultDocument());
  assert.equal(doc.Version, '2012-10-17');
  assert.ok(JSON.stringify(doc).includes('s3:Get*'));
  assert.equal(p.defaultDocument(), p.defaultDocument());
  // Wrong path, unknown name, other partition-ish forms: not found.
  assert.equal(
    findManagedPolicy(env.store, UNIT_ACCOUNT, 'arn:aws:iam::aws:policy/x/AmazonS3ReadOnlyAccess'),
    undefined,
  );
  assert.equal(
    findManagedPolicy(env.store, UNIT_ACCOUNT, 'arn:aws:iam::aws:policy/NoSuchPolicyXyz'),
    undefined,
  );
  const slr = listAwsManagedPolicies().find((x) => x.path === '/aws-service-role/');
  assert.equal(findManagedPolicy(env.store, UNIT_ACCOUNT, slr!.arn)?.serviceRolePolicy, true);
});

test('AWS managed policy versions: the default is the latest', () => {
  const vs = awsManagedPolicyVersions('arn:aws:iam::aws:policy/PowerUserAccess');
  assert.ok(vs && vs.length >= 2);
  const def = vs.filter((v) => v.isDefaultVersion);
  assert.equal(def.length, 1);
  assert.match(def[0]!.document(), /NotAction/);
});

test('findManagedPolicy resolves customer managed policies in their own account, exact path only', async () => {
  const env = await testEnv();
  const arn = customerPolicyArn(UNIT_ACCOUNT, '/team/', 'MyPolicy');
  const now = new Date().toISOString();
  const rec: ManagedPolicyRecord = {
    policyName: 'MyPolicy',
    policyId: 'ANPAAAAAAAAAAAAAAAAAA',
    arn,
    path: '/team/',
    createDate: now,
    updateDate: now,
    defaultVersionId: 'v1',
    versions: [
      {
        versionId: 'v1',
        document: '{"Version":"2012-10-17","Statement":[]}',
        isDefaultVersion: true,
        createDate: now,
      },
    ],
    nextVersion: 2,
    tags: [],
  };
  await env.store.put({
    kind: KIND.policy,
    account: UNIT_ACCOUNT,
    id: rec.policyId,
    name: rec.policyName,
    data: rec,
  });
  const p = findManagedPolicy(env.store, UNIT_ACCOUNT, arn);
  assert.equal(p?.awsManaged, false);
  assert.equal(p?.defaultDocument(), rec.versions[0]!.document);
  assert.equal(
    findManagedPolicy(env.store, UNIT_ACCOUNT, customerPolicyArn(UNIT_ACCOUNT, '/', 'MyPolicy')),
    undefined,
  );
  assert.equal(findManagedPolicy(env.store, '210987654321', arn), undefined);
});
