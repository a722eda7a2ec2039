import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCtx, call, rejects, trust, EC2_TRUST, ACCOUNT, S3_READ } from './helpers.js';
import CreateRole from '../../../../src/services/iam/operations/CreateRole.js';
import GetRole from '../../../../src/services/iam/operations/GetRole.js';
import ListRoles from '../../../../src/services/iam/operations/ListRoles.js';
import UpdateRole from '../../../../src/services/iam/operations/UpdateRole.js';
import UpdateRoleDescription from '../../../../src/services/iam/operations/UpdateRoleDescription.js';
import UpdateAssumeRolePolicy from '../../../../src/services/iam/operations/UpdateAssumeRolePolicy.js';
import DeleteRole from '../../../../src/services/iam/operations/DeleteRole.js';
import TagRole from '../../../../src/services/iam/operations/TagRole.js';
import UntagRole from '../../../../src/services/iam/operations/UntagRole.js';
import ListRoleTags from '../../../../src/services/iam/operations/ListRoleTags.js';
import PutRolePolicy from '../../../../src/services/iam/operations/PutRolePolicy.js';
import AttachRolePolicy from '../../../../src/services/iam/operations/AttachRolePolicy.js';
import CreateInstanceProfile from '../../../../src/services/iam/operations/CreateInstanceProfile.js';
import AddRoleToInstanceProfile from '../../../../src/services/iam/operations/AddRoleToInstanceProfile.js';
import { setIamQuotas, DEFAULT_IAM_QUOTAS } from '../../../../src/services/iam/quotas.js';
import { putUser, userArn } from '../../../../src/services/iam/model.js';

const decode = (s: unknown) => JSON.parse(decodeURIComponent(String(s))) as unknown;

test('CreateRole then GetRole: AWS ids, ARN with path, URL-encoded trust, RoleLastUsed empty', async () => {
  const ctx = await newCtx();
  const created = (await call(CreateRole, ctx, {
    RoleName: 'App',
    Path: '/team/',
    AssumeRolePolicyDocument: EC2_TRUST,
    Description: 'the app',
    Tags: [{ Key: 'env', Value: 'dev' }],
  })) as { Role: Record<string, unknown> };
  const r = created.Role;
  assert.match(String(r.RoleId), /^AROA[A-Z2-7]{17}$/);
  assert.equal(r.Arn, `arn:aws:iam::${ACCOUNT}:role/team/App`);
  assert.equal(r.Path, '/team/');
  assert.ok(r.CreateDate instanceof Date);
  assert.equal(r.MaxSessionDuration, undefined, 'CreateRole does not return MaxSessionDuration');
  assert.equal(r.RoleLastUsed, undefined);
  assert.deepEqual(r.Tags, [{ Key: 'env', Value: 'dev' }]);
  assert.deepEqual(decode(r.AssumeRolePolicyDocument), JSON.parse(EC2_TRUST));
  assert.equal(ctx.checks[0]!.action, 'iam:CreateRole');
  assert.equal(ctx.checks[0]!.resource, `arn:aws:iam::${ACCOUNT}:role/team/App`);
  assert.equal(ctx.checks[0]!.context!['aws:RequestTag/env'], 'dev');

  const got = ((await call(GetRole, ctx, { RoleName: 'app' })) as { Role: Record<string, unknown> }).Role;
  assert.equal(got.RoleName, 'App', 'names are case-insensitive; the stored case is returned');
  assert.equal(got.MaxSessionDuration, 3600);
  assert.equal(got.Description, 'the app');
  assert.deepEqual(got.RoleLastUsed, {});
  assert.equal(
    ctx.checks.at(-1)!.resource,
    `arn:aws:iam::${ACCOUNT}:role/team/App`,
    'authorized on the real ARN',
  );
});

test('CreateRole: duplicate names (any case) are EntityAlreadyExists 409', async () => {
  const ctx = await newCtx();
  await call(CreateRole, ctx, { RoleName: 'Dup', AssumeRolePolicyDocument: EC2_TRUST });
  await rejects(
    ctx,
    CreateRole,
    { RoleName: 'DUP', AssumeRolePolicyDocument: EC2_TRUST },
    'EntityAlreadyExists',
    'Role with name DUP already exists.',
    409,
  );
});

test('CreateRole: 32 concurrent creates of one name → exactly one success', async () => {
  const ctx = await newCtx();
  const results = await Promise.allSettled(
    Array.from({ length: 32 }, () =>
      call(CreateRole, ctx, { RoleName: 'Race', AssumeRolePolicyDocument: EC2_TRUST }),
    ),
  );
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  for (const r of results) {
    if (r.status === 'rejected') assert.equal((r.reason as { code: string }).code, 'EntityAlreadyExists');
  }
});

test('trust policy principals must exist when written; roots, services, sessions always do', async () => {
  const ctx = await newCtx();
  const nope = `arn:aws:iam::${ACCOUNT}:role/Nope`;
  await rejects(
    ctx,
    CreateRole,
    { RoleName: 'T1', AssumeRolePolicyDocument: trust({ AWS: nope }) },
    'MalformedPolicyDocument',
    `Invalid principal in policy: "AWS":"${nope}"`,
    400,
  );
  for (const p of [
    { AWS: `arn:aws:iam::${ACCOUNT}:root` },
    { AWS: '210987654321' },
    { AWS: 'arn:aws:iam::210987654321:root' },
    { Service: 'lambda.amazonaws.com' },
    { AWS: '*' },
    { AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/Some/session` },
    { Federated: 'accounts.google.com' },
  ]) {
    await call(CreateRole, ctx, {
      RoleName: `ok${Math.random().toString(36).slice(2)}`,
      AssumeRolePolicyDocument: trust(p),
    });
  }
  // A role that exists, with its path; the same name with another path does not.
  await call(CreateRole, ctx, { RoleName: 'Base', Path: '/p/', AssumeRolePolicyDocument: EC2_TRUST });
  await call(CreateRole, ctx, {
    RoleName: 'Chained',
    AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/p/Base` }),
  });
  await rejects(
    ctx,
    CreateRole,
    { RoleName: 'Chained2', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:role/Base` }) },
    'MalformedPolicyDocument',
    /Invalid principal in policy/,
  );
  // An IAM OIDC provider that does not exist.
  await rejects(
    ctx,
    CreateRole,
    {
      RoleName: 'Web',
      AssumeRolePolicyDocument: trust(
        { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.example.com` },
        'sts:AssumeRoleWithWebIdentity',
      ),
    },
    'MalformedPolicyDocument',
    `Invalid principal in policy: "FEDERATED":"arn:aws:iam::${ACCOUNT}:oidc-provider/token.example.com"`,
  );
});

test('trust policy: parser errors, non-STS actions, and the 2,048-character quota (ACLSizePerRole)', async () => {
  const ctx = await newCtx();
  await rejects(ctx, CreateRole, { RoleName: 'X', AssumeRolePolicyDocument: '{' }, 'MalformedPolicyDocument');
  await rejects(
    ctx,
    CreateRole,
    { RoleName: 'X', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }, 's3:GetObject') },
    'MalformedPolicyDocument',
  );
  const many = Array.from({ length: 120 }, (_, i) => `svc${i}x.amazonaws.com`);
  const big = trust({ Service: many });
  await rejects(
    ctx,
    CreateRole,
    { RoleName: 'X', AssumeRolePolicyDocument: big },
    'LimitExceeded',
    'Cannot exceed quota for ACLSizePerRole: 2048',
    409,
  );
  // Whitespace is not counted.
  const spaced = EC2_TRUST.replace(/,/g, ',' + ' '.repeat(2048));
  assert.ok(spaced.length > 2048);
  await call(CreateRole, ctx, { RoleName: 'Spaced', AssumeRolePolicyDocument: spaced });
});

test('CreateRole: PermissionsBoundary must exist; iam:PermissionsBoundary in the authorization', async () => {
  const ctx = await newCtx();
  const bad = `arn:aws:iam::${ACCOUNT}:policy/Missing`;
  await rejects(
    ctx,
    CreateRole,
    { RoleName: 'B', AssumeRolePolicyDocument: EC2_TRUST, PermissionsBoundary: bad },
    'NoSuchEntity',
    `Scope ARN: ${bad} does not exist or is not attachable.`,
  );
  const pb = 'arn:aws:iam::aws:policy/PowerUserAccess';
  await call(CreateRole, ctx, {
    RoleName: 'B',
    AssumeRolePolicyDocument: EC2_TRUST,
    PermissionsBoundary: pb,
  });
  assert.equal(ctx.checks.at(-1)!.context!['iam:PermissionsBoundary'], pb);
  const got = ((await call(GetRole, ctx, { RoleName: 'B' })) as { Role: Record<string, unknown> }).Role;
  assert.deepEqual(got.PermissionsBoundary, {
    PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
    PermissionsBoundaryArn: pb,
  });
  assert.equal(ctx.checks.at(-1)!.context!['iam:PermissionsBoundary'], pb);
});

test('CreateRole: RolesPerAccount quota', async () => {
  const ctx = await newCtx();
  const before = ctx.env.store.list('iam.role', ACCOUNT).length;
  setIamQuotas({ rolesPerAccount: before + 2 });
  try {
    await call(CreateRole, ctx, { RoleName: 'q1', AssumeRolePolicyDocument: EC2_TRUST });
    await call(CreateRole, ctx, { RoleName: 'q2', AssumeRolePolicyDocument: EC2_TRUST });
    await rejects(
      ctx,
      CreateRole,
      { RoleName: 'q3', AssumeRolePolicyDocument: EC2_TRUST },
      'LimitExceeded',
      `Cannot exceed quota for RolesPerAccount: ${before + 2}`,
    );
  } finally {
    setIamQuotas({ rolesPerAccount: DEFAULT_IAM_QUOTAS.rolesPerAccount });
  }
});

test('GetRole of a missing role: NoSuchEntity 404 with AWS wording', async () => {
  const ctx = await newCtx();
  await rejects(
    ctx,
    GetRole,
    { RoleName: 'Ghost' },
    'NoSuchEntity',
    'The role with name Ghost cannot be found.',
    404,
  );
});

test('ListRoles: PathPrefix, paging, no tags/boundary/RoleLastUsed', async () => {
  const ctx = await newCtx();
  const base = ((await call(ListRoles, ctx, {})) as { Roles: unknown[] }).Roles.length;
  for (let i = 0; i < 7; i++) {
    await call(CreateRole, ctx, {
      RoleName: `r${i}`,
      Path: i % 2 ? '/odd/' : '/even/',
      AssumeRolePolicyDocument: EC2_TRUST,
      Tags: [{ Key: 'k', Value: 'v' }],
    });
  }
  const odd = (await call(ListRoles, ctx, { PathPrefix: '/odd/' })) as { Roles: Record<string, unknown>[] };
  assert.deepEqual(
    odd.Roles.map((r) => r.RoleName),
    ['r1', 'r3', 'r5'],
  );
  for (const r of odd.Roles) {
    assert.equal(r.Tags, undefined);
    assert.equal(r.RoleLastUsed, undefined);
    assert.equal(r.MaxSessionDuration, 3600);
  }
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = (await call(ListRoles, ctx, { MaxItems: 3, Marker: marker })) as {
      Roles: { RoleName: string }[];
      IsTruncated: boolean;
      Marker?: string;
    };
    assert.ok(page.Roles.length <= 3);
    names.push(...page.Roles.map((r) => r.RoleName));
    assert.equal(page.IsTruncated, page.Marker !== undefined);
    marker = page.Marker;
  } while (marker);
  assert.equal(names.length, base + 7);
  assert.equal(new Set(names).size, names.length);
});

test('UpdateRole / UpdateRoleDescription / UpdateAssumeRolePolicy', async () => {
  const ctx = await newCtx();
  await call(CreateRole, ctx, { RoleName: 'U', AssumeRolePolicyDocument: EC2_TRUST });
  assert.deepEqual(
    await call(UpdateRole, ctx, { RoleName: 'U', MaxSessionDuration: 43200, Description: 'd1' }),
    {},
  );
  let got = ((await call(GetRole, ctx, { RoleName: 'U' })) as { Role: Record<string, unknown> }).Role;
  assert.equal(got.MaxSessionDuration, 43200);
  assert.equal(got.Description, 'd1');
  const upd = (await call(UpdateRoleDescription, ctx, { RoleName: 'U', Description: 'd2' })) as {
    Role: Record<string, unknown>;
  };
  assert.equal(upd.Role.Description, 'd2');
  const t2 = trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` });
  await call(UpdateAssumeRolePolicy, ctx, { RoleName: 'U', PolicyDocument: t2 });
  got = ((await call(GetRole, ctx, { RoleName: 'U' })) as { Role: Record<string, unknown> }).Role;
  assert.deepEqual(decode(got.AssumeRolePolicyDocument), JSON.parse(t2));
  await rejects(
    ctx,
    UpdateAssumeRolePolicy,
    { RoleName: 'U', PolicyDocument: trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/nobody` }) },
    'MalformedPolicyDocument',
    `Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT}:user/nobody"`,
  );
  await rejects(ctx, UpdateRole, { RoleName: 'Nope', Description: 'x' }, 'NoSuchEntity');
});

test('DeleteRole: DeleteConflict while in an instance profile, attached or inline policies', async () => {
  const ctx = await newCtx();
  await call(CreateRole, ctx, { RoleName: 'D', AssumeRolePolicyDocument: EC2_TRUST });
  await call(CreateInstanceProfile, ctx, { InstanceProfileName: 'IP' });
  await call(AddRoleToInstanceProfile, ctx, { InstanceProfileName: 'IP', RoleName: 'D' });
  await rejects(
    ctx,
    DeleteRole,
    { RoleName: 'D' },
    'DeleteConflict',
    'Cannot delete entity, must remove roles from instance profile first.',
    409,
  );
  const { default: Remove } =
    await import('../../../../src/services/iam/operations/RemoveRoleFromInstanceProfile.js');
  await call(Remove, ctx, { InstanceProfileName: 'IP', RoleName: 'D' });
  await call(AttachRolePolicy, ctx, { RoleName: 'D', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
  await rejects(
    ctx,
    DeleteRole,
    { RoleName: 'D' },
    'DeleteConflict',
    'Cannot delete entity, must detach all policies first.',
  );
  const { default: Detach } = await import('../../../../src/services/iam/operations/DetachRolePolicy.js');
  await call(Detach, ctx, { RoleName: 'D', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' });
  await call(PutRolePolicy, ctx, { RoleName: 'D', PolicyName: 'inline', PolicyDocument: S3_READ });
  await rejects(
    ctx,
    DeleteRole,
    { RoleName: 'D' },
    'DeleteConflict',
    'Cannot delete entity, must delete policies first.',
  );
  const { default: DeleteRolePolicy } =
    await import('../../../../src/services/iam/operations/DeleteRolePolicy.js');
  await call(DeleteRolePolicy, ctx, { RoleName: 'D', PolicyName: 'inline' });
  await call(DeleteRole, ctx, { RoleName: 'D' });
  await rejects(ctx, GetRole, { RoleName: 'D' }, 'NoSuchEntity');
  await rejects(ctx, DeleteRole, { RoleName: 'D' }, 'NoSuchEntity', 'The role with name D cannot be found.');
});

test('a deleted role or user named in a trust policy shows as its unique id; a new namesake is not trusted', async () => {
  const ctx = await newCtx();
  const a = (await call(CreateRole, ctx, { RoleName: 'A', AssumeRolePolicyDocument: EC2_TRUST })) as {
    Role: { RoleId: string; Arn: string };
  };
  const uArn = userArn(ACCOUNT, '/', 'alice');
  await putUser(ctx.env.store, ACCOUNT, {
    userName: 'alice',
    userId: 'AIDAEXAMPLEEXAMPLE1',
    arn: uArn,
    path: '/',
    createDate: new Date().toISOString(),
    tags: [],
    attachedPolicyArns: [],
    inlinePolicies: {},
    groups: [],
  });
  await call(CreateRole, ctx, {
    RoleName: 'B',
    AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: [a.Role.Arn, uArn] }, Action: 'sts:AssumeRole' },
        { Effect: 'Allow', Principal: { AWS: a.Role.Arn }, Action: 'sts:TagSession' },
      ],
    }),
  });
  await call(DeleteRole, ctx, { RoleName: 'A' });
  const { rewriteDeletedPrincipal } = await import('../../../../src/services/iam/trust.js');
  await ctx.env.store.delete('iam.user', ACCOUNT, 'AIDAEXAMPLEEXAMPLE1');
  assert.equal(await rewriteDeletedPrincipal(ctx.env.store, ACCOUNT, uArn, 'AIDAEXAMPLEEXAMPLE1'), 1);
  const got = (
    (await call(GetRole, ctx, { RoleName: 'B' })) as { Role: { AssumeRolePolicyDocument: string } }
  ).Role;
  const doc = decode(got.AssumeRolePolicyDocument) as { Statement: { Principal: { AWS: unknown } }[] };
  assert.deepEqual(doc.Statement[0]!.Principal.AWS, [a.Role.RoleId, 'AIDAEXAMPLEEXAMPLE1']);
  assert.equal(doc.Statement[1]!.Principal.AWS, a.Role.RoleId);
  // Recreating A does not restore the trust.
  await call(CreateRole, ctx, { RoleName: 'A', AssumeRolePolicyDocument: EC2_TRUST });
  const again = (
    (await call(GetRole, ctx, { RoleName: 'B' })) as { Role: { AssumeRolePolicyDocument: string } }
  ).Role;
  assert.ok(!decodeURIComponent(again.AssumeRolePolicyDocument).includes(a.Role.Arn));
});

test('TagRole / UntagRole / ListRoleTags: merge, case-insensitive keys, aws: reserved, 50 max, paging', async () => {
  const ctx = await newCtx();
  await call(CreateRole, ctx, {
    RoleName: 'Tg',
    AssumeRolePolicyDocument: EC2_TRUST,
    Tags: [{ Key: 'a', Value: '1' }],
  });
  await call(TagRole, ctx, {
    RoleName: 'Tg',
    Tags: [
      { Key: 'A', Value: '2' },
      { Key: 'b', Value: '3' },
    ],
  });
  assert.equal(ctx.checks.at(-1)!.context!['aws:ResourceTag/a'], '1', 'existing tags are resource tags');
  let tags = (await call(ListRoleTags, ctx, { RoleName: 'Tg' })) as { Tags: unknown[]; IsTruncated: boolean };
  assert.deepEqual(tags.Tags, [
    { Key: 'A', Value: '2' },
    { Key: 'b', Value: '3' },
  ]);
  assert.equal(tags.IsTruncated, false);
  await rejects(ctx, TagRole, { RoleName: 'Tg', Tags: [{ Key: 'aws:x', Value: '1' }] }, 'InvalidInput');
  await rejects(
    ctx,
    TagRole,
    { RoleName: 'Tg', Tags: Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) },
    'LimitExceeded',
  );
  await call(UntagRole, ctx, { RoleName: 'Tg', TagKeys: ['a', 'zzz'] });
  tags = (await call(ListRoleTags, ctx, { RoleName: 'Tg', MaxItems: 1 })) as {
    Tags: unknown[];
    IsTruncated: boolean;
  };
  assert.deepEqual(tags.Tags, [{ Key: 'b', Value: '3' }]);
  assert.equal(tags.IsTruncated, false);
  await rejects(ctx, ListRoleTags, { RoleName: 'Nope' }, 'NoSuchEntity');
});
