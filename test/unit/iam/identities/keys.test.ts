import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opContext, rejectsAws, run, testEnv } from './helpers.js';
import CreateUser from '../../../../src/services/iam/operations/CreateUser.js';
import DeleteUser from '../../../../src/services/iam/operations/DeleteUser.js';
import CreateAccessKey from '../../../../src/services/iam/operations/CreateAccessKey.js';
import ListAccessKeys from '../../../../src/services/iam/operations/ListAccessKeys.js';
import UpdateAccessKey from '../../../../src/services/iam/operations/UpdateAccessKey.js';
import DeleteAccessKey from '../../../../src/services/iam/operations/DeleteAccessKey.js';
import GetAccessKeyLastUsed from '../../../../src/services/iam/operations/GetAccessKeyLastUsed.js';
import { getAccessKey } from '../../../../src/services/accounts/access-keys.js';
import { Authenticator } from '../../../../src/server/authenticate.js';
import type { Caller } from '../../../../src/services/caller.js';

const ACCT = '123456789012';

test('CreateAccessKey: AKIA id, 40-char secret sealed at rest, authenticates as the user', async () => {
  const env = await testEnv();
  const u = (await run(CreateUser, opContext(env), { UserName: 'k' })).User;
  const key = (await run(CreateAccessKey, opContext(env), { UserName: 'k' })).AccessKey;
  assert.match(key.AccessKeyId, /^AKIA[A-Z2-7]{16}$/);
  assert.equal(key.SecretAccessKey.length, 40);
  assert.equal(key.Status, 'Active');
  assert.equal(key.UserName, 'k');
  const stored = getAccessKey(env.store, key.AccessKeyId)!;
  assert.ok(stored, 'stored where the authenticator looks (the access-key scope)');
  assert.ok(!JSON.stringify(stored).includes(key.SecretAccessKey), 'secret not stored in clear');
  const resolved = new Authenticator(env).resolve(key.AccessKeyId, undefined);
  assert.equal(resolved.secretAccessKey, key.SecretAccessKey);
  assert.equal(resolved.caller.arn, u.Arn);
});

test('2 keys per user: 32 concurrent creations → exactly 2 succeed, the rest LimitExceeded', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'many' });
  const rs = await Promise.allSettled(
    Array.from({ length: 32 }, () => run(CreateAccessKey, opContext(env), { UserName: 'many' })),
  );
  assert.equal(rs.filter((r) => r.status === 'fulfilled').length, 2);
  for (const r of rs) {
    if (r.status === 'rejected') {
      assert.equal(r.reason.code, 'LimitExceeded');
      assert.equal(r.reason.message, 'Cannot exceed quota for AccessKeysPerUser: 2');
    }
  }
  assert.equal((await run(ListAccessKeys, opContext(env), { UserName: 'many' })).AccessKeyMetadata.length, 2);
});

test('without UserName: the calling user; role sessions must name a user; root acts on its own keys', async () => {
  const env = await testEnv();
  const u = (await run(CreateUser, opContext(env), { UserName: 'self' })).User;
  const me: Caller = { type: 'IAMUser', accountId: ACCT, arn: u.Arn, userId: u.UserId, userName: 'self' };
  const key = (await run(CreateAccessKey, opContext(env, me))).AccessKey;
  assert.equal(key.UserName, 'self');
  const listed = await run(ListAccessKeys, opContext(env, me));
  assert.deepEqual(
    listed.AccessKeyMetadata.map((k: any) => k.AccessKeyId),
    [key.AccessKeyId],
  );
  const role: Caller = {
    type: 'AssumedRole',
    accountId: ACCT,
    arn: `arn:aws:sts::${ACCT}:assumed-role/r/s`,
    userId: 'AROAX:s',
  };
  await rejectsAws(
    () => run(CreateAccessKey, opContext(env, role)),
    'ValidationError',
    'Must specify userName when calling with non-User credentials',
  );
  const rootKeys = await run(ListAccessKeys, opContext(env));
  assert.equal(rootKeys.AccessKeyMetadata.length, 1, 'the bootstrap root key');
  assert.equal(rootKeys.AccessKeyMetadata[0].UserName, undefined);
});

test("UpdateAccessKey deactivates (the key stops authenticating); DeleteAccessKey; other users' keys are not found", async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'x' });
  await run(CreateUser, opContext(env), { UserName: 'y' });
  const key = (await run(CreateAccessKey, opContext(env), { UserName: 'x' })).AccessKey;
  await run(UpdateAccessKey, opContext(env), {
    UserName: 'x',
    AccessKeyId: key.AccessKeyId,
    Status: 'Inactive',
  });
  assert.equal(
    (await run(ListAccessKeys, opContext(env), { UserName: 'x' })).AccessKeyMetadata[0].Status,
    'Inactive',
  );
  assert.throws(() => new Authenticator(env).resolve(key.AccessKeyId, undefined), /security token/);
  await rejectsAws(
    run(UpdateAccessKey, opContext(env), { UserName: 'y', AccessKeyId: key.AccessKeyId, Status: 'Active' }),
    'NoSuchEntity',
    `The Access Key with id ${key.AccessKeyId} cannot be found.`,
  );
  await rejectsAws(
    run(DeleteAccessKey, opContext(env), { UserName: 'y', AccessKeyId: key.AccessKeyId }),
    'NoSuchEntity',
  );
  await run(DeleteAccessKey, opContext(env), { UserName: 'x', AccessKeyId: key.AccessKeyId });
  assert.equal(getAccessKey(env.store, key.AccessKeyId), undefined);
  await run(DeleteUser, opContext(env), { UserName: 'x' });
});

test('GetAccessKeyLastUsed: N/A until used; the owner', async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 'lu' });
  const key = (await run(CreateAccessKey, opContext(env), { UserName: 'lu' })).AccessKey;
  const ctx = opContext(env);
  const out = await run(GetAccessKeyLastUsed, ctx, { AccessKeyId: key.AccessKeyId });
  assert.deepEqual(out, { UserName: 'lu', AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } });
  assert.equal(ctx.checks[0]!.resource, `arn:aws:iam::${ACCT}:user/lu`);
  await rejectsAws(
    run(GetAccessKeyLastUsed, opContext(env), { AccessKeyId: 'AKIAAAAAAAAAAAAAAAAA' }),
    'NoSuchEntity',
  );
});
