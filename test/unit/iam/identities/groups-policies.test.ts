import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opContext, rejectsAws, run, testEnv } from './helpers.js';
import CreateUser from '../../../../src/services/iam/operations/CreateUser.js';
import CreateGroup from '../../../../src/services/iam/operations/CreateGroup.js';
import GetGroup from '../../../../src/services/iam/operations/GetGroup.js';
import ListGroups from '../../../../src/services/iam/operations/ListGroups.js';
import UpdateGroup from '../../../../src/services/iam/operations/UpdateGroup.js';
import DeleteGroup from '../../../../src/services/iam/operations/DeleteGroup.js';
import AddUserToGroup from '../../../../src/services/iam/operations/AddUserToGroup.js';
import RemoveUserFromGroup from '../../../../src/services/iam/operations/RemoveUserFromGroup.js';
import ListGroupsForUser from '../../../../src/services/iam/operations/ListGroupsForUser.js';
import PutUserPolicy from '../../../../src/services/iam/operations/PutUserPolicy.js';
import GetUserPolicy from '../../../../src/services/iam/operations/GetUserPolicy.js';
import DeleteUserPolicy from '../../../../src/services/iam/operations/DeleteUserPolicy.js';
import ListUserPolicies from '../../../../src/services/iam/operations/ListUserPolicies.js';
import PutGroupPolicy from '../../../../src/services/iam/operations/PutGroupPolicy.js';
import GetGroupPolicy from '../../../../src/services/iam/operations/GetGroupPolicy.js';
import DeleteGroupPolicy from '../../../../src/services/iam/operations/DeleteGroupPolicy.js';
import ListGroupPolicies from '../../../../src/services/iam/operations/ListGroupPolicies.js';
import AttachUserPolicy from '../../../../src/services/iam/operations/AttachUserPolicy.js';
import DetachUserPolicy from '../../../../src/services/iam/operations/DetachUserPolicy.js';
import ListAttachedUserPolicies from '../../../../src/services/iam/operations/ListAttachedUserPolicies.js';
import AttachGroupPolicy from '../../../../src/services/iam/operations/AttachGroupPolicy.js';
import DetachGroupPolicy from '../../../../src/services/iam/operations/DetachGroupPolicy.js';
import ListAttachedGroupPolicies from '../../../../src/services/iam/operations/ListAttachedGroupPolicies.js';
import DeleteUser from '../../../../src/services/iam/operations/DeleteUser.js';
import { KIND, type ManagedPolicyRecord } from '../../../../src/services/iam/model.js';
import { userPolicies } from '../../../../src/services/iam/principal-policies.js';

const ACCT = '123456789012';
const S3RO = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';
const DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});

async function customerPolicy(env: Awaited<ReturnType<typeof testEnv>>, name: string): Promise<string> {
  const arn = `arn:aws:iam::${ACCT}:policy/${name}`;
  const rec: ManagedPolicyRecord = {
    policyName: name,
    policyId: 'ANPA' + name.toUpperCase().padEnd(17, 'X').slice(0, 17),
    arn,
    path: '/',
    createDate: new Date().toISOString(),
    updateDate: new Date().toISOString(),
    defaultVersionId: 'v1',
    versions: [
      { versionId: 'v1', document: DOC, isDefaultVersion: true, createDate: new Date().toISOString() },
    ],
    nextVersion: 2,
    tags: [],
  };
  await env.store.put({ kind: KIND.policy, account: ACCT, id: rec.policyId, name, data: rec });
  return arn;
}

test('groups: create, get with users (paged), list, rename keeps members, delete conflicts', async () => {
  const env = await testEnv();
  const g = (await run(CreateGroup, opContext(env), { GroupName: 'Admins', Path: '/ops/' })).Group;
  assert.match(g.GroupId, /^AGPA[A-Z2-7]{17}$/);
  assert.equal(g.Arn, `arn:aws:iam::${ACCT}:group/ops/Admins`);
  await rejectsAws(
    run(CreateGroup, opContext(env), { GroupName: 'admins' }),
    'EntityAlreadyExists',
    'Group with name admins already exists.',
  );
  for (const u of ['u1', 'u2', 'u3']) {
    await run(CreateUser, opContext(env), { UserName: u });
    await run(AddUserToGroup, opContext(env), { GroupName: 'admins', UserName: u });
  }
  await run(AddUserToGroup, opContext(env), { GroupName: 'Admins', UserName: 'u1' }); // idempotent
  const p1 = await run(GetGroup, opContext(env), { GroupName: 'Admins', MaxItems: 2 });
  assert.deepEqual(
    p1.Users.map((u: any) => u.UserName),
    ['u1', 'u2'],
  );
  assert.equal(p1.IsTruncated, true);
  const p2 = await run(GetGroup, opContext(env), { GroupName: 'Admins', Marker: p1.Marker });
  assert.deepEqual(
    p2.Users.map((u: any) => u.UserName),
    ['u3'],
  );
  await run(CreateGroup, opContext(env), { GroupName: 'b' });
  assert.deepEqual(
    (await run(ListGroups, opContext(env))).Groups.map((x: any) => x.GroupName),
    ['Admins', 'b'],
  );
  assert.deepEqual(
    (await run(ListGroups, opContext(env), { PathPrefix: '/ops' })).Groups.map((x: any) => x.GroupName),
    ['Admins'],
  );
  const ctx = opContext(env);
  await run(UpdateGroup, ctx, { GroupName: 'Admins', NewGroupName: 'Operators', NewPath: '/' });
  assert.deepEqual(
    ctx.checks.map((c) => c.resource),
    [`arn:aws:iam::${ACCT}:group/ops/Admins`, `arn:aws:iam::${ACCT}:group/Operators`],
  );
  assert.deepEqual(
    (await run(ListGroupsForUser, opContext(env), { UserName: 'u2' })).Groups.map((x: any) => x.GroupName),
    ['Operators'],
  );
  assert.equal((await run(GetGroup, opContext(env), { GroupName: 'operators' })).Users.length, 3);
  await rejectsAws(
    run(UpdateGroup, opContext(env), { GroupName: 'Operators', NewGroupName: 'B' }),
    'EntityAlreadyExists',
  );
  await rejectsAws(
    run(DeleteGroup, opContext(env), { GroupName: 'Operators' }),
    'DeleteConflict',
    'Cannot delete entity, must remove users from group first.',
  );
  for (const u of ['u1', 'u2', 'u3'])
    await run(RemoveUserFromGroup, opContext(env), { GroupName: 'Operators', UserName: u });
  await rejectsAws(
    run(RemoveUserFromGroup, opContext(env), { GroupName: 'Operators', UserName: 'u1' }),
    'NoSuchEntity',
  );
  await run(DeleteGroup, opContext(env), { GroupName: 'Operators' });
  await rejectsAws(
    run(GetGroup, opContext(env), { GroupName: 'Operators' }),
    'NoSuchEntity',
    'The group with name Operators cannot be found.',
  );
  await rejectsAws(
    run(AddUserToGroup, opContext(env), { GroupName: 'Operators', UserName: 'u1' }),
    'NoSuchEntity',
  );
});

test('AddUserToGroup races DeleteGroup without leaving a dangling membership', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'r' });
  for (let i = 0; i < 20; i++) {
    await run(CreateGroup, opContext(env), { GroupName: `g${i}` });
    await Promise.allSettled([
      run(AddUserToGroup, opContext(env), { GroupName: `g${i}`, UserName: 'r' }),
      run(DeleteGroup, opContext(env), { GroupName: `g${i}` }),
    ]);
  }
  const u = env.store.getByName<any>(KIND.user, ACCT, 'r')!.data;
  for (const g of u.groups) assert.ok(env.store.getByName(KIND.group, ACCT, g), `dangling ${g}`);
});

test('inline user policies: put/get (URL-encoded)/list/delete, aggregate 2,048 quota, malformed documents', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'p' });
  await run(PutUserPolicy, opContext(env), { UserName: 'p', PolicyName: 'b', PolicyDocument: DOC });
  await run(PutUserPolicy, opContext(env), { UserName: 'p', PolicyName: 'A', PolicyDocument: DOC });
  const got = await run(GetUserPolicy, opContext(env), { UserName: 'P', PolicyName: 'b' });
  assert.deepEqual(got, { UserName: 'p', PolicyName: 'b', PolicyDocument: encodeURIComponent(DOC) });
  assert.deepEqual((await run(ListUserPolicies, opContext(env), { UserName: 'p' })).PolicyNames, ['A', 'b']);
  // The engine sees the policy.
  assert.equal(userPolicies(env.store, ACCT, 'p').identity.length, 2);
  const big = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::' + 'x'.repeat(1900) }],
  });
  await rejectsAws(
    run(PutUserPolicy, opContext(env), { UserName: 'p', PolicyName: 'big', PolicyDocument: big }),
    'LimitExceeded',
    'Maximum policy size of 2048 bytes exceeded for user p',
    409,
  );
  await rejectsAws(
    run(PutUserPolicy, opContext(env), {
      UserName: 'p',
      PolicyName: 'bad',
      PolicyDocument: '{"Statement":[]',
    }),
    'MalformedPolicyDocument',
    undefined,
    400,
  );
  await rejectsAws(
    run(DeleteUser, opContext(env), { UserName: 'p' }),
    'DeleteConflict',
    'Cannot delete entity, must delete policies first.',
  );
  await run(DeleteUserPolicy, opContext(env), { UserName: 'p', PolicyName: 'A' });
  await rejectsAws(
    run(DeleteUserPolicy, opContext(env), { UserName: 'p', PolicyName: 'A' }),
    'NoSuchEntity',
    'The user policy with name A cannot be found.',
  );
  await rejectsAws(run(GetUserPolicy, opContext(env), { UserName: 'p', PolicyName: 'A' }), 'NoSuchEntity');
});

test('inline group policies: 5,120 characters in total for a group', async () => {
  const env = await testEnv();
  await run(CreateGroup, opContext(env), { GroupName: 'g' });
  const mid = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::' + 'x'.repeat(2000) }],
  });
  await run(PutGroupPolicy, opContext(env), { GroupName: 'g', PolicyName: 'one', PolicyDocument: mid });
  await run(PutGroupPolicy, opContext(env), { GroupName: 'g', PolicyName: 'two', PolicyDocument: mid });
  await run(PutGroupPolicy, opContext(env), { GroupName: 'g', PolicyName: 'two', PolicyDocument: mid }); // replace: same total
  await rejectsAws(
    run(PutGroupPolicy, opContext(env), { GroupName: 'g', PolicyName: 'three', PolicyDocument: mid }),
    'LimitExceeded',
    'Maximum policy size of 5120 bytes exceeded for group g',
  );
  assert.equal(
    (await run(GetGroupPolicy, opContext(env), { GroupName: 'g', PolicyName: 'one' })).PolicyDocument,
    encodeURIComponent(mid),
  );
  assert.deepEqual((await run(ListGroupPolicies, opContext(env), { GroupName: 'g' })).PolicyNames, [
    'one',
    'two',
  ]);
  await rejectsAws(
    run(DeleteGroup, opContext(env), { GroupName: 'g' }),
    'DeleteConflict',
    'Cannot delete entity, must delete policies first.',
  );
  await run(DeleteGroupPolicy, opContext(env), { GroupName: 'g', PolicyName: 'one' });
  await rejectsAws(
    run(DeleteGroupPolicy, opContext(env), { GroupName: 'g', PolicyName: 'one' }),
    'NoSuchEntity',
    'The group policy with name one cannot be found.',
  );
});

test('attached policies: AWS and customer managed, idempotent, 10 per entity, detach, context keys', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'a' });
  await run(CreateGroup, opContext(env), { GroupName: 'g' });
  const mine = await customerPolicy(env, 'Mine');
  const ctx = opContext(env);
  await run(AttachUserPolicy, ctx, { UserName: 'a', PolicyArn: S3RO });
  assert.equal(ctx.checks[0]!.context!['iam:PolicyARN'], S3RO);
  await run(AttachUserPolicy, opContext(env), { UserName: 'a', PolicyArn: S3RO });
  await run(AttachUserPolicy, opContext(env), { UserName: 'a', PolicyArn: mine });
  assert.deepEqual(
    (await run(ListAttachedUserPolicies, opContext(env), { UserName: 'a' })).AttachedPolicies,
    [
      { PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3RO },
      { PolicyName: 'Mine', PolicyArn: mine },
    ],
  );
  assert.equal(userPolicies(env.store, ACCT, 'a').identity.length, 2);
  await rejectsAws(
    run(AttachUserPolicy, opContext(env), { UserName: 'a', PolicyArn: `arn:aws:iam::${ACCT}:policy/Nope` }),
    'NoSuchEntity',
    `Policy arn:aws:iam::${ACCT}:policy/Nope does not exist or is not attachable.`,
  );
  await rejectsAws(
    run(AttachUserPolicy, opContext(env), { UserName: 'a', PolicyArn: 'not-an-arn' }),
    'InvalidInput',
  );
  await rejectsAws(
    run(DeleteUser, opContext(env), { UserName: 'a' }),
    'DeleteConflict',
    'Cannot delete entity, must detach all policies first.',
  );
  await run(DetachUserPolicy, opContext(env), { UserName: 'a', PolicyArn: S3RO });
  await rejectsAws(
    run(DetachUserPolicy, opContext(env), { UserName: 'a', PolicyArn: S3RO }),
    'NoSuchEntity',
    `Policy ${S3RO} was not found.`,
  );

  const arns = [];
  for (let i = 0; i < 11; i++) arns.push(await customerPolicy(env, `P${i}`));
  for (let i = 0; i < 10; i++)
    await run(AttachGroupPolicy, opContext(env), { GroupName: 'g', PolicyArn: arns[i] });
  await rejectsAws(
    run(AttachGroupPolicy, opContext(env), { GroupName: 'g', PolicyArn: arns[10] }),
    'LimitExceeded',
    'Cannot exceed quota for PoliciesPerGroup: 10',
  );
  const page = await run(ListAttachedGroupPolicies, opContext(env), { GroupName: 'g', MaxItems: 4 });
  assert.equal(page.AttachedPolicies.length, 4);
  assert.equal(page.IsTruncated, true);
  await run(DetachGroupPolicy, opContext(env), { GroupName: 'g', PolicyArn: arns[0] });
  assert.equal(
    (await run(ListAttachedGroupPolicies, opContext(env), { GroupName: 'g' })).AttachedPolicies.length,
    9,
  );
  await rejectsAws(
    run(DeleteGroup, opContext(env), { GroupName: 'g' }),
    'DeleteConflict',
    'Cannot delete entity, must detach all policies first.',
  );
});

test('concurrent attaches to one user are all kept (no lost update)', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'c' });
  const arns = [];
  for (let i = 0; i < 8; i++) arns.push(await customerPolicy(env, `C${i}`));
  await Promise.all(
    arns.map((arn) => run(AttachUserPolicy, opContext(env), { UserName: 'c', PolicyArn: arn })),
  );
  assert.equal(
    (await run(ListAttachedUserPolicies, opContext(env), { UserName: 'c' })).AttachedPolicies.length,
    8,
  );
});
