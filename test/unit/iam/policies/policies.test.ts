import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctx as newCtx, call, ACCOUNT } from './env.js';
import { AwsError } from '../../../../src/wire/errors.js';
import CreatePolicy from '../../../../src/services/iam/operations/CreatePolicy.js';
import GetPolicy from '../../../../src/services/iam/operations/GetPolicy.js';
import DeletePolicy from '../../../../src/services/iam/operations/DeletePolicy.js';
import ListPolicies from '../../../../src/services/iam/operations/ListPolicies.js';
import CreatePolicyVersion from '../../../../src/services/iam/operations/CreatePolicyVersion.js';
import GetPolicyVersion from '../../../../src/services/iam/operations/GetPolicyVersion.js';
import ListPolicyVersions from '../../../../src/services/iam/operations/ListPolicyVersions.js';
import DeletePolicyVersion from '../../../../src/services/iam/operations/DeletePolicyVersion.js';
import SetDefaultPolicyVersion from '../../../../src/services/iam/operations/SetDefaultPolicyVersion.js';
import TagPolicy from '../../../../src/services/iam/operations/TagPolicy.js';
import UntagPolicy from '../../../../src/services/iam/operations/UntagPolicy.js';
import ListPolicyTags from '../../../../src/services/iam/operations/ListPolicyTags.js';
import ListEntitiesForPolicy from '../../../../src/services/iam/operations/ListEntitiesForPolicy.js';
import GetAccountAuthorizationDetails from '../../../../src/services/iam/operations/GetAccountAuthorizationDetails.js';
import {
  putRole,
  putUser,
  roleArn,
  userArn,
  KIND,
  type RoleRecord,
  type UserRecord,
} from '../../../../src/services/iam/model.js';
import { setIamQuotas, DEFAULT_IAM_QUOTAS } from '../../../../src/services/iam/quotas.js';

const DOC = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
});
const S3RO = 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess';

async function rejects(
  p: Promise<unknown> | unknown,
  code: string,
  message?: string | RegExp,
): Promise<AwsError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof AwsError, String(e));
    assert.equal(e.code, code, e.message);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected ${code}`);
}

function role(name: string, attached: string[] = [], boundary?: string): RoleRecord {
  return {
    roleName: name,
    roleId: 'AROA' + name.toUpperCase().padEnd(17, 'X').slice(0, 17),
    arn: roleArn(ACCOUNT, '/', name),
    path: '/',
    createDate: new Date().toISOString(),
    assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    maxSessionDuration: 3600,
    tags: [],
    attachedPolicyArns: attached,
    inlinePolicies: { inl: DOC },
    permissionsBoundaryArn: boundary,
  };
}

function user(name: string, attached: string[] = [], boundary?: string): UserRecord {
  return {
    userName: name,
    userId: 'AIDA' + name.toUpperCase().padEnd(17, 'X').slice(0, 17),
    arn: userArn(ACCOUNT, '/dev/', name),
    path: '/dev/',
    createDate: new Date().toISOString(),
    tags: [],
    attachedPolicyArns: attached,
    inlinePolicies: {},
    groups: [],
    permissionsBoundaryArn: boundary,
  };
}

test('CreatePolicy / GetPolicy: ARN with path, v1 default, counts, tags, authz', async () => {
  const ctx = await newCtx();
  const out = await call(CreatePolicy, ctx, {
    PolicyName: 'P1',
    Path: '/team/',
    PolicyDocument: DOC,
    Description: 'd',
    Tags: [{ Key: 'k', Value: 'v' }],
  });
  const p = out.Policy as Record<string, unknown>;
  assert.equal(p.Arn, `arn:aws:iam::${ACCOUNT}:policy/team/P1`);
  assert.match(p.PolicyId as string, /^ANPA[A-Z2-7]{17}$/);
  assert.equal(p.DefaultVersionId, 'v1');
  assert.equal(p.AttachmentCount, 0);
  assert.equal(p.IsAttachable, true);
  assert.deepEqual(p.Tags, [{ Key: 'k', Value: 'v' }]);
  assert.deepEqual(ctx.checks[0], {
    action: 'iam:CreatePolicy',
    resource: `arn:aws:iam::${ACCOUNT}:policy/team/P1`,
    context: { 'aws:TagKeys': ['k'], 'aws:RequestTag/k': 'v' },
  });
  const got = (await call(GetPolicy, ctx, { PolicyArn: p.Arn as string })).Policy as Record<string, unknown>;
  assert.equal(got.Description, 'd');
  assert.equal(got.PolicyId, p.PolicyId);
  await rejects(
    call(CreatePolicy, ctx, { PolicyName: 'p1', PolicyDocument: DOC }),
    'EntityAlreadyExists',
    'A policy called p1 already exists. Duplicate names are not allowed.',
  );
  await rejects(
    call(GetPolicy, ctx, { PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/P1` }),
    'NoSuchEntity',
    `Policy arn:aws:iam::${ACCOUNT}:policy/P1 was not found.`,
  );
});

test('CreatePolicy: managed documents need Version 2012-10-17 and fit 6,144 characters', async () => {
  const ctx = await newCtx();
  await rejects(
    call(CreatePolicy, ctx, {
      PolicyName: 'NoVer',
      PolicyDocument: '{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
    }),
    'MalformedPolicyDocument',
  );
  const big = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: Array.from({ length: 400 }, (_, i) => `s3:Get${'x'.repeat(10)}${i}`),
        Resource: '*',
      },
    ],
  });
  await rejects(
    call(CreatePolicy, ctx, { PolicyName: 'Big', PolicyDocument: big }),
    'LimitExceeded',
    'Cannot exceed quota for PolicySize: 6144',
  );
});

test('32 concurrent CreatePolicy of one name: exactly one succeeds', async () => {
  const ctx = await newCtx();
  const results = await Promise.allSettled(
    Array.from({ length: 32 }, () => call(CreatePolicy, ctx, { PolicyName: 'Race', PolicyDocument: DOC })),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results)
    if (r.status === 'rejected') assert.equal((r.reason as AwsError).code, 'EntityAlreadyExists');
});

test('versions: at most 5, SetAsDefault, no reuse of ids, default undeletable, newest listed first', async () => {
  const ctx = await newCtx();
  const arn = ((await call(CreatePolicy, ctx, { PolicyName: 'V', PolicyDocument: DOC })).Policy as any)
    .Arn as string;
  for (let i = 2; i <= 5; i++) {
    const v = (
      await call(CreatePolicyVersion, ctx, { PolicyArn: arn, PolicyDocument: DOC, SetAsDefault: i === 3 })
    ).PolicyVersion;
    assert.equal(v.VersionId, `v${i}`);
    assert.equal(v.IsDefaultVersion, i === 3);
  }
  await rejects(
    call(CreatePolicyVersion, ctx, { PolicyArn: arn, PolicyDocument: DOC }),
    'LimitExceeded',
    'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
  );
  assert.equal(((await call(GetPolicy, ctx, { PolicyArn: arn })).Policy as any).DefaultVersionId, 'v3');
  const list = await call(ListPolicyVersions, ctx, { PolicyArn: arn });
  assert.deepEqual(
    list.Versions.map((v: any) => v.VersionId),
    ['v5', 'v4', 'v3', 'v2', 'v1'],
  );
  assert.equal(list.Versions.find((v: any) => v.IsDefaultVersion).VersionId, 'v3');
  await rejects(
    call(DeletePolicyVersion, ctx, { PolicyArn: arn, VersionId: 'v3' }),
    'DeleteConflict',
    'Cannot delete the default version of a policy.',
  );
  await call(DeletePolicyVersion, ctx, { PolicyArn: arn, VersionId: 'v5' });
  const v6 = (await call(CreatePolicyVersion, ctx, { PolicyArn: arn, PolicyDocument: DOC })).PolicyVersion;
  assert.equal(v6.VersionId, 'v6');
  await rejects(
    call(GetPolicyVersion, ctx, { PolicyArn: arn, VersionId: 'v5' }),
    'NoSuchEntity',
    `Policy ${arn} version v5 does not exist or is not attachable.`,
  );
  const got = (await call(GetPolicyVersion, ctx, { PolicyArn: arn, VersionId: 'v1' })).PolicyVersion;
  assert.equal(decodeURIComponent(got.Document), DOC);
  await call(SetDefaultPolicyVersion, ctx, { PolicyArn: arn, VersionId: 'v1' });
  assert.equal(((await call(GetPolicy, ctx, { PolicyArn: arn })).Policy as any).DefaultVersionId, 'v1');
  await rejects(call(SetDefaultPolicyVersion, ctx, { PolicyArn: arn, VersionId: 'v9' }), 'NoSuchEntity');
  await rejects(
    call(DeletePolicy, ctx, { PolicyArn: arn }),
    'DeleteConflict',
    "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
  );
});

test('concurrent CreatePolicyVersion never exceeds the quota nor duplicates ids', async () => {
  const ctx = await newCtx();
  const arn = ((await call(CreatePolicy, ctx, { PolicyName: 'C', PolicyDocument: DOC })).Policy as any)
    .Arn as string;
  const rs = await Promise.allSettled(
    Array.from({ length: 10 }, () => call(CreatePolicyVersion, ctx, { PolicyArn: arn, PolicyDocument: DOC })),
  );
  const ok = rs.filter((r) => r.status === 'fulfilled').map((r) => (r as any).value.PolicyVersion.VersionId);
  assert.equal(ok.length, 4);
  assert.equal(new Set(ok).size, 4);
});

test('DeletePolicy: refused while attached or used as a boundary; works after', async () => {
  const ctx = await newCtx();
  const arn = ((await call(CreatePolicy, ctx, { PolicyName: 'D', PolicyDocument: DOC })).Policy as any)
    .Arn as string;
  await putRole(ctx.env.store, ACCOUNT, role('R1', [arn]));
  await putUser(ctx.env.store, ACCOUNT, user('U1', [], arn));
  const p = (await call(GetPolicy, ctx, { PolicyArn: arn })).Policy as any;
  assert.equal(p.AttachmentCount, 1);
  assert.equal(p.PermissionsBoundaryUsageCount, 1);
  await rejects(
    call(DeletePolicy, ctx, { PolicyArn: arn }),
    'DeleteConflict',
    'Cannot delete a policy attached to entities.',
  );
  const ents = await call(ListEntitiesForPolicy, ctx, { PolicyArn: arn });
  assert.deepEqual(
    ents.PolicyRoles.map((r: any) => r.RoleName),
    ['R1'],
  );
  assert.deepEqual(
    ents.PolicyUsers.map((u: any) => u.UserName),
    ['U1'],
  );
  const boundaryOnly = await call(ListEntitiesForPolicy, ctx, {
    PolicyArn: arn,
    PolicyUsageFilter: 'PermissionsBoundary',
  });
  assert.deepEqual(boundaryOnly.PolicyRoles, []);
  assert.equal(boundaryOnly.PolicyUsers.length, 1);
  const rolesOnly = await call(ListEntitiesForPolicy, ctx, { PolicyArn: arn, EntityFilter: 'Role' });
  assert.equal(rolesOnly.PolicyUsers.length, 0);
  assert.equal(
    (await call(ListEntitiesForPolicy, ctx, { PolicyArn: arn, EntityFilter: 'AWSManagedPolicy' })).PolicyRoles
      .length,
    0,
  );
  assert.equal(
    (await call(ListEntitiesForPolicy, ctx, { PolicyArn: arn, PathPrefix: '/dev/' })).PolicyRoles.length,
    0,
  );
  await ctx.env.store.delete(KIND.role, ACCOUNT, role('R1').roleId);
  await ctx.env.store.delete(KIND.user, ACCOUNT, user('U1').userId);
  await call(DeletePolicy, ctx, { PolicyArn: arn });
  await rejects(call(GetPolicy, ctx, { PolicyArn: arn }), 'NoSuchEntity');
  await rejects(call(DeletePolicy, ctx, { PolicyArn: arn }), 'NoSuchEntity');
});

test('ListPolicies: scopes, OnlyAttached, PathPrefix, PolicyUsageFilter, paging', async () => {
  const ctx = await newCtx();
  await call(CreatePolicy, ctx, { PolicyName: 'Local1', Path: '/a/', PolicyDocument: DOC });
  await call(CreatePolicy, ctx, { PolicyName: 'Local2', PolicyDocument: DOC });
  await putRole(ctx.env.store, ACCOUNT, role('R', [S3RO, `arn:aws:iam::${ACCOUNT}:policy/a/Local1`]));
  const local = await call(ListPolicies, ctx, { Scope: 'Local' });
  assert.deepEqual(
    local.Policies.map((p: any) => p.PolicyName),
    ['Local1', 'Local2'],
  );
  assert.equal(local.Policies[0].Description, undefined);
  const aws = await call(ListPolicies, ctx, { Scope: 'AWS', MaxItems: 1000 });
  assert.ok(aws.IsTruncated);
  assert.equal(aws.Policies.length, 1000);
  assert.ok(aws.Policies.every((p: any) => p.Arn.startsWith('arn:aws:iam::aws:policy/')));
  const attached = await call(ListPolicies, ctx, { OnlyAttached: true });
  assert.deepEqual(
    attached.Policies.map((p: any) => p.PolicyName),
    ['AmazonS3ReadOnlyAccess', 'Local1'],
  );
  assert.equal(attached.Policies[0].AttachmentCount, 1);
  assert.deepEqual(
    (await call(ListPolicies, ctx, { PathPrefix: '/a/' })).Policies.map((p: any) => p.PolicyName),
    ['Local1'],
  );
  assert.equal(
    (await call(ListPolicies, ctx, { OnlyAttached: true, PolicyUsageFilter: 'PermissionsBoundary' })).Policies
      .length,
    0,
  );
  // Paging walks everything exactly once.
  const seen: string[] = [];
  let marker: string | undefined;
  do {
    const page = await call(ListPolicies, ctx, { Marker: marker, MaxItems: 300 });
    seen.push(...page.Policies.map((p: any) => p.Arn));
    marker = page.Marker;
    assert.equal(page.IsTruncated, marker !== undefined);
  } while (marker);
  assert.equal(new Set(seen).size, seen.length);
  assert.ok(seen.includes(`arn:aws:iam::${ACCOUNT}:policy/Local2`) && seen.includes(S3RO));
});

test('AWS managed policies: readable, versions listed, unmodifiable', async () => {
  const ctx = await newCtx();
  const p = (await call(GetPolicy, ctx, { PolicyArn: S3RO })).Policy as any;
  assert.equal(p.Arn, S3RO);
  assert.equal(p.Path, '/');
  const v = (await call(GetPolicyVersion, ctx, { PolicyArn: S3RO, VersionId: p.DefaultVersionId }))
    .PolicyVersion;
  assert.equal(v.IsDefaultVersion, true);
  assert.match(decodeURIComponent(v.Document), /s3:Get\*/);
  assert.ok((await call(ListPolicyVersions, ctx, { PolicyArn: S3RO })).Versions.length >= 1);
  const denied = await rejects(call(DeletePolicy, ctx, { PolicyArn: S3RO }), 'AccessDenied');
  assert.equal(denied.status, 403);
  assert.equal(
    denied.message,
    `User: arn:aws:iam::${ACCOUNT}:root is not authorized to perform: iam:DeletePolicy on resource: policy ${S3RO}`,
  );
  await rejects(call(CreatePolicyVersion, ctx, { PolicyArn: S3RO, PolicyDocument: DOC }), 'AccessDenied');
  await rejects(call(SetDefaultPolicyVersion, ctx, { PolicyArn: S3RO, VersionId: 'v1' }), 'AccessDenied');
  await rejects(call(DeletePolicyVersion, ctx, { PolicyArn: S3RO, VersionId: 'v1' }), 'AccessDenied');
  await rejects(
    call(TagPolicy, ctx, { PolicyArn: S3RO, Tags: [{ Key: 'a', Value: 'b' }] }),
    'InvalidInput',
    'Tags not supported for policies in this domain',
  );
  await rejects(
    call(GetPolicy, ctx, { PolicyArn: 'arn:aws:iam::aws:policy/NotAPolicyAtAll' }),
    'NoSuchEntity',
  );
});

test('TagPolicy / UntagPolicy / ListPolicyTags', async () => {
  const ctx = await newCtx();
  const arn = (
    (
      await call(CreatePolicy, ctx, {
        PolicyName: 'T',
        PolicyDocument: DOC,
        Tags: [{ Key: 'a', Value: '1' }],
      })
    ).Policy as any
  ).Arn;
  await call(TagPolicy, ctx, {
    PolicyArn: arn,
    Tags: [
      { Key: 'A', Value: '2' },
      { Key: 'b', Value: '3' },
    ],
  });
  assert.deepEqual((await call(ListPolicyTags, ctx, { PolicyArn: arn })).Tags, [
    { Key: 'A', Value: '2' },
    { Key: 'b', Value: '3' },
  ]);
  await call(UntagPolicy, ctx, { PolicyArn: arn, TagKeys: ['a'] });
  const page = await call(ListPolicyTags, ctx, { PolicyArn: arn, MaxItems: 1 });
  assert.deepEqual(page.Tags, [{ Key: 'b', Value: '3' }]);
  assert.equal(page.IsTruncated, false);
  await rejects(
    call(TagPolicy, ctx, { PolicyArn: arn, Tags: [{ Key: 'aws:x', Value: '1' }] }),
    'InvalidInput',
  );
});

test('GetAccountAuthorizationDetails: entities, policies in use, URL-encoded documents, filter, paging', async () => {
  const ctx = await newCtx();
  setIamQuotas(DEFAULT_IAM_QUOTAS);
  const arn = ((await call(CreatePolicy, ctx, { PolicyName: 'Mine', PolicyDocument: DOC })).Policy as any)
    .Arn;
  await putRole(ctx.env.store, ACCOUNT, role('R', [S3RO]));
  await putUser(ctx.env.store, ACCOUNT, user('U', [arn], arn));
  await ctx.env.store.put({
    kind: KIND.instanceProfile,
    account: ACCOUNT,
    id: 'AIPAAAAAAAAAAAAAAAAAA',
    name: 'IP',
    data: {
      instanceProfileName: 'IP',
      instanceProfileId: 'AIPAAAAAAAAAAAAAAAAAA',
      arn: `arn:aws:iam::${ACCOUNT}:instance-profile/IP`,
      path: '/',
      createDate: new Date().toISOString(),
      roles: ['R'],
      tags: [],
    },
  });
  const all = await call(GetAccountAuthorizationDetails, ctx, {});
  assert.equal(all.IsTruncated, false);
  assert.equal(all.UserDetailList[0].UserName, 'U');
  assert.deepEqual(all.UserDetailList[0].AttachedManagedPolicies, [{ PolicyName: 'Mine', PolicyArn: arn }]);
  assert.equal(all.UserDetailList[0].PermissionsBoundary.PermissionsBoundaryArn, arn);
  const r = all.RoleDetailList[0];
  assert.equal(r.RoleName, 'R');
  assert.equal(r.InstanceProfileList[0].InstanceProfileName, 'IP');
  assert.equal(r.InstanceProfileList[0].Roles[0].RoleName, 'R');
  assert.equal(decodeURIComponent(r.RolePolicyList[0].PolicyDocument), DOC);
  assert.deepEqual(
    all.Policies.map((p: any) => p.PolicyName),
    ['AmazonS3ReadOnlyAccess', 'Mine'],
  );
  const mine = all.Policies[1];
  assert.equal(mine.AttachmentCount, 1);
  assert.equal(mine.PermissionsBoundaryUsageCount, 1);
  assert.equal(decodeURIComponent(mine.PolicyVersionList[0].Document), DOC);
  const onlyRoles = await call(GetAccountAuthorizationDetails, ctx, { Filter: ['Role'] });
  assert.equal(onlyRoles.UserDetailList.length + onlyRoles.Policies.length, 0);
  assert.equal(onlyRoles.RoleDetailList.length, 1);
  const p1 = await call(GetAccountAuthorizationDetails, ctx, { MaxItems: 2 });
  assert.equal(p1.IsTruncated, true);
  const p2 = await call(GetAccountAuthorizationDetails, ctx, { MaxItems: 2, Marker: p1.Marker });
  assert.equal(p1.UserDetailList.length + p1.RoleDetailList.length + p2.Policies.length, 4);
});
