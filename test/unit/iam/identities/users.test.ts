import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opContext, rejectsAws, run, testEnv } from './helpers.js';
import CreateUser from '../../../../src/services/iam/operations/CreateUser.js';
import GetUser from '../../../../src/services/iam/operations/GetUser.js';
import ListUsers from '../../../../src/services/iam/operations/ListUsers.js';
import UpdateUser from '../../../../src/services/iam/operations/UpdateUser.js';
import DeleteUser from '../../../../src/services/iam/operations/DeleteUser.js';
import TagUser from '../../../../src/services/iam/operations/TagUser.js';
import UntagUser from '../../../../src/services/iam/operations/UntagUser.js';
import ListUserTags from '../../../../src/services/iam/operations/ListUserTags.js';
import CreateAccessKey from '../../../../src/services/iam/operations/CreateAccessKey.js';
import ListAccessKeys from '../../../../src/services/iam/operations/ListAccessKeys.js';
import CreateGroup from '../../../../src/services/iam/operations/CreateGroup.js';
import AddUserToGroup from '../../../../src/services/iam/operations/AddUserToGroup.js';
import ListGroupsForUser from '../../../../src/services/iam/operations/ListGroupsForUser.js';
import PutUserPermissionsBoundary from '../../../../src/services/iam/operations/PutUserPermissionsBoundary.js';
import DeleteUserPermissionsBoundary from '../../../../src/services/iam/operations/DeleteUserPermissionsBoundary.js';
import { getAccessKey } from '../../../../src/services/accounts/access-keys.js';
import { setIamQuotas, DEFAULT_IAM_QUOTAS } from '../../../../src/services/iam/quotas.js';
import type { Caller } from '../../../../src/services/caller.js';

const ACCT = '123456789012';
const S3RO = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

test('CreateUser returns the user with an AIDA id, and GetUser reads it back', async () => {
  const env = await testEnv();
  const ctx = opContext(env);
  const out = await run(CreateUser, ctx, {
    UserName: 'Alice',
    Path: '/eng/',
    Tags: [{ Key: 'team', Value: 'x' }],
  });
  assert.match(out.User.UserId, /^AIDA[A-Z2-7]{17}$/);
  assert.equal(out.User.Arn, `arn:aws:iam::${ACCT}:user/eng/Alice`);
  assert.equal(out.User.Path, '/eng/');
  assert.ok(out.User.CreateDate instanceof Date);
  assert.deepEqual(out.User.Tags, [{ Key: 'team', Value: 'x' }]);
  assert.deepEqual(ctx.checks[0], {
    action: 'iam:CreateUser',
    resource: `arn:aws:iam::${ACCT}:user/eng/Alice`,
    context: { 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'x', 'iam:PermissionsBoundary': undefined },
  });
  const got = await run(GetUser, opContext(env), { UserName: 'alice' });
  assert.equal(got.User.UserName, 'Alice');
  assert.equal(got.User.UserId, out.User.UserId);
});

test('CreateUser of a taken name (any case) is EntityAlreadyExists; 32 concurrent creations → one wins', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'bob' });
  await rejectsAws(
    run(CreateUser, opContext(env), { UserName: 'BOB' }),
    'EntityAlreadyExists',
    'User with name BOB already exists.',
    409,
  );
  const results = await Promise.allSettled(
    Array.from({ length: 32 }, () => run(CreateUser, opContext(env), { UserName: 'race' })),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) if (r.status === 'rejected') assert.equal(r.reason.code, 'EntityAlreadyExists');
});

test('GetUser without UserName: the calling user; root gets its account id and root ARN; roles must name one', async () => {
  const env = await testEnv();
  const created = (await run(CreateUser, opContext(env), { UserName: 'me' })).User;
  const userCaller: Caller = {
    type: 'IAMUser',
    accountId: ACCT,
    arn: created.Arn,
    userId: created.UserId,
    userName: 'me',
  };
  assert.equal((await run(GetUser, opContext(env, userCaller))).User.UserName, 'me');
  const root = (await run(GetUser, opContext(env))).User;
  assert.equal(root.UserId, ACCT);
  assert.equal(root.Arn, `arn:aws:iam::${ACCT}:root`);
  assert.equal(root.UserName, undefined);
  const roleCaller: Caller = {
    type: 'AssumedRole',
    accountId: ACCT,
    arn: `arn:aws:sts::${ACCT}:assumed-role/r/s`,
    userId: 'AROAX:s',
  };
  await rejectsAws(
    () => run(GetUser, opContext(env, roleCaller)),
    'ValidationError',
    'Must specify userName when calling with non-User credentials',
  );
  await rejectsAws(
    run(GetUser, opContext(env), { UserName: 'nobody' }),
    'NoSuchEntity',
    'The user with name nobody cannot be found.',
    404,
  );
});

test('ListUsers: by name, PathPrefix, paging with Marker/MaxItems, no Tags in listings', async () => {
  const env = await testEnv();
  for (const [n, p] of [
    ['carol', '/a/'],
    ['Bob', '/'],
    ['alice', '/a/b/'],
    ['dave', '/z/'],
  ] as const) {
    await run(CreateUser, opContext(env), { UserName: n, Path: p, Tags: [{ Key: 'k', Value: 'v' }] });
  }
  const all = await run(ListUsers, opContext(env));
  assert.deepEqual(
    all.Users.map((u: any) => u.UserName),
    ['alice', 'Bob', 'carol', 'dave'],
  );
  assert.equal(all.Users[0].Tags, undefined);
  assert.equal(all.IsTruncated, false);
  const a = await run(ListUsers, opContext(env), { PathPrefix: '/a/' });
  assert.deepEqual(
    a.Users.map((u: any) => u.UserName),
    ['alice', 'carol'],
  );
  const p1 = await run(ListUsers, opContext(env), { MaxItems: 3 });
  assert.equal(p1.IsTruncated, true);
  const p2 = await run(ListUsers, opContext(env), { MaxItems: 3, Marker: p1.Marker });
  assert.deepEqual(
    [...p1.Users, ...p2.Users].map((u: any) => u.UserName),
    ['alice', 'Bob', 'carol', 'dave'],
  );
  assert.equal(p2.IsTruncated, false);
  assert.equal(p2.Marker, undefined);
});

test('UpdateUser renames and moves, keeping id, groups and access keys (which still authenticate)', async () => {
  const env = await testEnv();
  const u = (await run(CreateUser, opContext(env), { UserName: 'old' })).User;
  await run(CreateGroup, opContext(env), { GroupName: 'devs' });
  await run(AddUserToGroup, opContext(env), { GroupName: 'devs', UserName: 'old' });
  const key = (await run(CreateAccessKey, opContext(env), { UserName: 'old' })).AccessKey;
  const ctx = opContext(env);
  await run(UpdateUser, ctx, { UserName: 'old', NewUserName: 'new', NewPath: '/moved/' });
  assert.deepEqual(
    ctx.checks.map((c) => c.resource),
    [`arn:aws:iam::${ACCT}:user/old`, `arn:aws:iam::${ACCT}:user/moved/new`],
  );
  const got = (await run(GetUser, opContext(env), { UserName: 'new' })).User;
  assert.equal(got.UserId, u.UserId);
  assert.equal(got.Arn, `arn:aws:iam::${ACCT}:user/moved/new`);
  await rejectsAws(run(GetUser, opContext(env), { UserName: 'old' }), 'NoSuchEntity');
  assert.deepEqual(
    (await run(ListGroupsForUser, opContext(env), { UserName: 'new' })).Groups.map((g: any) => g.GroupName),
    ['devs'],
  );
  assert.equal(getAccessKey(env.store, key.AccessKeyId)?.userName, 'new');
  assert.deepEqual(
    (await run(ListAccessKeys, opContext(env), { UserName: 'new' })).AccessKeyMetadata.map(
      (k: any) => k.AccessKeyId,
    ),
    [key.AccessKeyId],
  );
  await run(CreateUser, opContext(env), { UserName: 'other' });
  await rejectsAws(
    run(UpdateUser, opContext(env), { UserName: 'new', NewUserName: 'OTHER' }),
    'EntityAlreadyExists',
    'User with name OTHER already exists.',
  );
  await run(UpdateUser, opContext(env), { UserName: 'new', NewUserName: 'New' }); // case-only rename
  assert.equal((await run(GetUser, opContext(env), { UserName: 'new' })).User.UserName, 'New');
});

test('DeleteUser refuses while the user has policies, groups, keys; then deletes', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'd' });
  await run(CreateGroup, opContext(env), { GroupName: 'g' });
  await run(AddUserToGroup, opContext(env), { GroupName: 'g', UserName: 'd' });
  await rejectsAws(
    run(DeleteUser, opContext(env), { UserName: 'd' }),
    'DeleteConflict',
    'Cannot delete entity, must remove users from group first.',
    409,
  );
  const u = env.store.getByName<any>('iam.user', ACCT, 'd')!;
  await env.store.put({ ...u, data: { ...u.data, groups: [] } });
  const key = (await run(CreateAccessKey, opContext(env), { UserName: 'd' })).AccessKey;
  await rejectsAws(
    run(DeleteUser, opContext(env), { UserName: 'd' }),
    'DeleteConflict',
    'Cannot delete entity, must delete access keys first.',
  );
  await env.store.delete('accessKey', 'global', key.AccessKeyId);
  await run(DeleteUser, opContext(env), { UserName: 'd' });
  await rejectsAws(
    run(DeleteUser, opContext(env), { UserName: 'd' }),
    'NoSuchEntity',
    'The user with name d cannot be found.',
  );
});

test('TagUser merges case-insensitively, UntagUser removes, ListUserTags pages; aws: keys refused', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 't' });
  await run(TagUser, opContext(env), {
    UserName: 't',
    Tags: [
      { Key: 'Env', Value: 'dev' },
      { Key: 'a', Value: '1' },
    ],
  });
  const ctx = opContext(env);
  await run(TagUser, ctx, { UserName: 't', Tags: [{ Key: 'env', Value: 'prod' }] });
  assert.equal(ctx.checks[0]!.context!['aws:RequestTag/env'], 'prod');
  assert.equal(ctx.checks[0]!.context!['aws:ResourceTag/Env'], 'dev');
  assert.deepEqual((await run(ListUserTags, opContext(env), { UserName: 't' })).Tags, [
    { Key: 'a', Value: '1' },
    { Key: 'env', Value: 'prod' },
  ]);
  await run(UntagUser, opContext(env), { UserName: 't', TagKeys: ['A', 'missing'] });
  const page = await run(ListUserTags, opContext(env), { UserName: 't', MaxItems: 1 });
  assert.deepEqual(page.Tags, [{ Key: 'env', Value: 'prod' }]);
  assert.equal(page.IsTruncated, false);
  await rejectsAws(
    run(TagUser, opContext(env), { UserName: 't', Tags: [{ Key: 'aws:x', Value: '1' }] }),
    'InvalidInput',
  );
  await rejectsAws(
    run(TagUser, opContext(env), { UserName: 'nope', Tags: [{ Key: 'k', Value: '1' }] }),
    'NoSuchEntity',
  );
});

test('users per account quota → LimitExceeded', async () => {
  const env = await testEnv();
  setIamQuotas({ usersPerAccount: 2 });
  try {
    await run(CreateUser, opContext(env), { UserName: 'q1' });
    await run(CreateUser, opContext(env), { UserName: 'q2' });
    await rejectsAws(
      run(CreateUser, opContext(env), { UserName: 'q3' }),
      'LimitExceeded',
      'Cannot exceed quota for UsersPerAccount: 2',
      409,
    );
  } finally {
    setIamQuotas(DEFAULT_IAM_QUOTAS);
  }
});

test('permissions boundary: on create and with Put/Delete; the policy must exist', async () => {
  const env = await testEnv();
  const created = await run(CreateUser, opContext(env), { UserName: 'b', PermissionsBoundary: S3RO });
  assert.deepEqual(created.User.PermissionsBoundary, {
    PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
    PermissionsBoundaryArn: S3RO,
  });
  await rejectsAws(
    run(CreateUser, opContext(env), {
      UserName: 'b2',
      PermissionsBoundary: 'arn:aws:iam::aws:policy/NoSuchPolicyAtAll',
    }),
    'NoSuchEntity',
    'Scope ARN: arn:aws:iam::aws:policy/NoSuchPolicyAtAll does not exist or is not attachable.',
  );
  const ctx = opContext(env);
  await run(DeleteUserPermissionsBoundary, ctx, { UserName: 'b' });
  assert.equal(ctx.checks[0]!.context!['iam:PermissionsBoundary'], S3RO);
  assert.equal((await run(GetUser, opContext(env), { UserName: 'b' })).User.PermissionsBoundary, undefined);
  await run(PutUserPermissionsBoundary, opContext(env), { UserName: 'b', PermissionsBoundary: S3RO });
  assert.equal(
    (await run(GetUser, opContext(env), { UserName: 'b' })).User.PermissionsBoundary.PermissionsBoundaryArn,
    S3RO,
  );
  await rejectsAws(
    run(PutUserPermissionsBoundary, opContext(env), { UserName: 'b', PermissionsBoundary: 'nope' }),
    'InvalidInput',
  );
});
