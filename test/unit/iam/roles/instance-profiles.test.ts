import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCtx, call, rejects, EC2_TRUST, ACCOUNT } from './helpers.js';
import CreateRole from '../../../../src/services/iam/operations/CreateRole.js';
import CreateInstanceProfile from '../../../../src/services/iam/operations/CreateInstanceProfile.js';
import GetInstanceProfile from '../../../../src/services/iam/operations/GetInstanceProfile.js';
import ListInstanceProfiles from '../../../../src/services/iam/operations/ListInstanceProfiles.js';
import DeleteInstanceProfile from '../../../../src/services/iam/operations/DeleteInstanceProfile.js';
import AddRoleToInstanceProfile from '../../../../src/services/iam/operations/AddRoleToInstanceProfile.js';
import RemoveRoleFromInstanceProfile from '../../../../src/services/iam/operations/RemoveRoleFromInstanceProfile.js';
import ListInstanceProfilesForRole from '../../../../src/services/iam/operations/ListInstanceProfilesForRole.js';
import TagInstanceProfile from '../../../../src/services/iam/operations/TagInstanceProfile.js';
import UntagInstanceProfile from '../../../../src/services/iam/operations/UntagInstanceProfile.js';
import ListInstanceProfileTags from '../../../../src/services/iam/operations/ListInstanceProfileTags.js';

type Profile = { InstanceProfile: Record<string, unknown> & { Roles: Record<string, unknown>[] } };

test('instance profile lifecycle: create, add role, get, list for role, remove, delete', async () => {
  const ctx = await newCtx();
  await call(CreateRole, ctx, { RoleName: 'RoleABC', AssumeRolePolicyDocument: EC2_TRUST });
  const created = (await call(CreateInstanceProfile, ctx, {
    InstanceProfileName: 'IPA',
    Path: '/web/',
    Tags: [{ Key: 't', Value: '1' }],
  })) as Profile;
  assert.match(String(created.InstanceProfile.InstanceProfileId), /^AIPA[A-Z2-7]{17}$/);
  assert.equal(created.InstanceProfile.Arn, `arn:aws:iam::${ACCOUNT}:instance-profile/web/IPA`);
  assert.deepEqual(created.InstanceProfile.Roles, []);
  assert.deepEqual(created.InstanceProfile.Tags, [{ Key: 't', Value: '1' }]);
  await rejects(
    ctx,
    CreateInstanceProfile,
    { InstanceProfileName: 'ipa' },
    'EntityAlreadyExists',
    'Instance Profile ipa already exists.',
    409,
  );

  await call(AddRoleToInstanceProfile, ctx, { InstanceProfileName: 'IPA', RoleName: 'RoleABC' });
  const checks = ctx.checks.slice(-2);
  assert.equal(checks[0]!.action, 'iam:AddRoleToInstanceProfile');
  assert.equal(checks[0]!.resource, `arn:aws:iam::${ACCOUNT}:instance-profile/web/IPA`);
  assert.equal(checks[1]!.action, 'iam:PassRole');
  assert.equal(checks[1]!.resource, `arn:aws:iam::${ACCOUNT}:role/RoleABC`);

  const got = (await call(GetInstanceProfile, ctx, { InstanceProfileName: 'IPA' })) as Profile;
  assert.equal(got.InstanceProfile.Roles.length, 1);
  assert.equal(got.InstanceProfile.Roles[0]!.RoleName, 'RoleABC');
  assert.equal(got.InstanceProfile.Roles[0]!.Tags, undefined);

  // A role may be in several profiles; a profile holds one role.
  await call(CreateInstanceProfile, ctx, { InstanceProfileName: 'IPB' });
  await call(AddRoleToInstanceProfile, ctx, { InstanceProfileName: 'IPB', RoleName: 'RoleABC' });
  await call(CreateRole, ctx, { RoleName: 'Other', AssumeRolePolicyDocument: EC2_TRUST });
  await rejects(
    ctx,
    AddRoleToInstanceProfile,
    { InstanceProfileName: 'IPA', RoleName: 'Other' },
    'LimitExceeded',
    'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
    409,
  );
  const forRole = (await call(ListInstanceProfilesForRole, ctx, { RoleName: 'RoleABC' })) as {
    InstanceProfiles: { InstanceProfileName: string; Tags?: unknown }[];
  };
  assert.deepEqual(
    forRole.InstanceProfiles.map((p) => p.InstanceProfileName),
    ['IPA', 'IPB'],
  );
  assert.equal(forRole.InstanceProfiles[0]!.Tags, undefined, 'listings omit tags');

  await rejects(
    ctx,
    DeleteInstanceProfile,
    { InstanceProfileName: 'IPA' },
    'DeleteConflict',
    'Cannot delete entity, must remove roles from instance profile first.',
    409,
  );
  await rejects(
    ctx,
    RemoveRoleFromInstanceProfile,
    { InstanceProfileName: 'IPA', RoleName: 'Other' },
    'NoSuchEntity',
  );
  await call(RemoveRoleFromInstanceProfile, ctx, { InstanceProfileName: 'IPA', RoleName: 'roleabc' });
  await call(DeleteInstanceProfile, ctx, { InstanceProfileName: 'IPA' });
  await rejects(
    ctx,
    GetInstanceProfile,
    { InstanceProfileName: 'IPA' },
    'NoSuchEntity',
    'Instance Profile IPA cannot be found.',
    404,
  );
  await rejects(
    ctx,
    AddRoleToInstanceProfile,
    { InstanceProfileName: 'IPB', RoleName: 'Ghost' },
    'NoSuchEntity',
  );
});

test('AddRoleToInstanceProfile: concurrent adds of 8 roles → exactly one succeeds', async () => {
  const ctx = await newCtx();
  await call(CreateInstanceProfile, ctx, { InstanceProfileName: 'P' });
  for (let i = 0; i < 8; i++)
    await call(CreateRole, ctx, { RoleName: `r${i}`, AssumeRolePolicyDocument: EC2_TRUST });
  const res = await Promise.allSettled(
    Array.from({ length: 8 }, (_, i) =>
      call(AddRoleToInstanceProfile, ctx, { InstanceProfileName: 'P', RoleName: `r${i}` }),
    ),
  );
  assert.equal(res.filter((r) => r.status === 'fulfilled').length, 1);
  const got = (await call(GetInstanceProfile, ctx, { InstanceProfileName: 'P' })) as Profile;
  assert.equal(got.InstanceProfile.Roles.length, 1);
});

test('ListInstanceProfiles: PathPrefix and paging; tags on profiles', async () => {
  const ctx = await newCtx();
  for (let i = 0; i < 5; i++)
    await call(CreateInstanceProfile, ctx, { InstanceProfileName: `p${i}`, Path: i < 2 ? '/a/' : '/b/' });
  const a = (await call(ListInstanceProfiles, ctx, { PathPrefix: '/a/' })) as {
    InstanceProfiles: { InstanceProfileName: string }[];
  };
  assert.deepEqual(
    a.InstanceProfiles.map((p) => p.InstanceProfileName),
    ['p0', 'p1'],
  );
  const page1 = (await call(ListInstanceProfiles, ctx, { MaxItems: 3 })) as {
    InstanceProfiles: unknown[];
    IsTruncated: boolean;
    Marker?: string;
  };
  assert.equal(page1.InstanceProfiles.length, 3);
  assert.equal(page1.IsTruncated, true);
  const page2 = (await call(ListInstanceProfiles, ctx, { MaxItems: 3, Marker: page1.Marker })) as {
    InstanceProfiles: unknown[];
    IsTruncated: boolean;
  };
  assert.equal(page2.InstanceProfiles.length, 2);
  assert.equal(page2.IsTruncated, false);

  await call(TagInstanceProfile, ctx, {
    InstanceProfileName: 'p0',
    Tags: [
      { Key: 'k', Value: 'v' },
      { Key: 'j', Value: 'w' },
    ],
  });
  await call(UntagInstanceProfile, ctx, { InstanceProfileName: 'p0', TagKeys: ['K'] });
  const tags = (await call(ListInstanceProfileTags, ctx, { InstanceProfileName: 'p0' })) as {
    Tags: unknown[];
  };
  assert.deepEqual(tags.Tags, [{ Key: 'j', Value: 'w' }]);
  await rejects(
    ctx,
    TagInstanceProfile,
    { InstanceProfileName: 'zz', Tags: [{ Key: 'k', Value: 'v' }] },
    'NoSuchEntity',
  );
});
