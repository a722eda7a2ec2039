import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newCtx, call, rejects, EC2_TRUST, ACCOUNT, S3_READ, S3RO } from './helpers.js';
import CreateRole from '../../../../src/services/iam/operations/CreateRole.js';
import GetRole from '../../../../src/services/iam/operations/GetRole.js';
import DeleteRole from '../../../../src/services/iam/operations/DeleteRole.js';
import PutRolePolicy from '../../../../src/services/iam/operations/PutRolePolicy.js';
import GetRolePolicy from '../../../../src/services/iam/operations/GetRolePolicy.js';
import DeleteRolePolicy from '../../../../src/services/iam/operations/DeleteRolePolicy.js';
import ListRolePolicies from '../../../../src/services/iam/operations/ListRolePolicies.js';
import AttachRolePolicy from '../../../../src/services/iam/operations/AttachRolePolicy.js';
import DetachRolePolicy from '../../../../src/services/iam/operations/DetachRolePolicy.js';
import ListAttachedRolePolicies from '../../../../src/services/iam/operations/ListAttachedRolePolicies.js';
import PutRolePermissionsBoundary from '../../../../src/services/iam/operations/PutRolePermissionsBoundary.js';
import DeleteRolePermissionsBoundary from '../../../../src/services/iam/operations/DeleteRolePermissionsBoundary.js';
import CreateServiceLinkedRole from '../../../../src/services/iam/operations/CreateServiceLinkedRole.js';
import DeleteServiceLinkedRole from '../../../../src/services/iam/operations/DeleteServiceLinkedRole.js';
import GetServiceLinkedRoleDeletionStatus from '../../../../src/services/iam/operations/GetServiceLinkedRoleDeletionStatus.js';
import UpdateAssumeRolePolicy from '../../../../src/services/iam/operations/UpdateAssumeRolePolicy.js';
import UpdateRoleDescription from '../../../../src/services/iam/operations/UpdateRoleDescription.js';

async function withRole(name = 'R') {
  const ctx = await newCtx();
  await call(CreateRole, ctx, { RoleName: name, AssumeRolePolicyDocument: EC2_TRUST });
  return ctx;
}

test('inline policies: put / get (URL-encoded) / list / replace / delete', async () => {
  const ctx = await withRole();
  await call(PutRolePolicy, ctx, { RoleName: 'R', PolicyName: 'b', PolicyDocument: S3_READ });
  await call(PutRolePolicy, ctx, { RoleName: 'R', PolicyName: 'a', PolicyDocument: S3_READ });
  const got = (await call(GetRolePolicy, ctx, { RoleName: 'r', PolicyName: 'a' })) as Record<string, string>;
  assert.equal(got.RoleName, 'R');
  assert.equal(got.PolicyDocument, encodeURIComponent(S3_READ));
  const list = (await call(ListRolePolicies, ctx, { RoleName: 'R' })) as {
    PolicyNames: string[];
    IsTruncated: boolean;
  };
  assert.deepEqual(list.PolicyNames, ['a', 'b']);
  await call(DeleteRolePolicy, ctx, { RoleName: 'R', PolicyName: 'a' });
  await rejects(
    ctx,
    GetRolePolicy,
    { RoleName: 'R', PolicyName: 'a' },
    'NoSuchEntity',
    'The role policy with name a cannot be found.',
    404,
  );
  await rejects(ctx, DeleteRolePolicy, { RoleName: 'R', PolicyName: 'a' }, 'NoSuchEntity');
  await rejects(
    ctx,
    PutRolePolicy,
    { RoleName: 'R', PolicyName: 'x', PolicyDocument: '{"Statement":[]}' },
    'MalformedPolicyDocument',
  );
  await rejects(
    ctx,
    PutRolePolicy,
    { RoleName: 'Nope', PolicyName: 'x', PolicyDocument: S3_READ },
    'NoSuchEntity',
  );
});

function sizedPolicy(chars: number): string {
  const head = '{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::';
  const tail = '"}]}';
  return head + 'a'.repeat(chars - head.length - tail.length) + tail;
}

test('inline policies: 10,240 characters in total per role, whitespace not counted', async () => {
  const ctx = await withRole();
  await call(PutRolePolicy, ctx, { RoleName: 'R', PolicyName: 'one', PolicyDocument: sizedPolicy(6000) });
  // Replacing a policy counts its new size only.
  await call(PutRolePolicy, ctx, { RoleName: 'R', PolicyName: 'one', PolicyDocument: sizedPolicy(6100) });
  await call(PutRolePolicy, ctx, { RoleName: 'R', PolicyName: 'two', PolicyDocument: sizedPolicy(4140) });
  await rejects(
    ctx,
    PutRolePolicy,
    { RoleName: 'R', PolicyName: 'three', PolicyDocument: sizedPolicy(100) },
    'LimitExceeded',
    'Maximum policy size of 10240 bytes exceeded for role R',
    409,
  );
  await rejects(
    ctx,
    PutRolePolicy,
    { RoleName: 'R', PolicyName: 'huge', PolicyDocument: sizedPolicy(10241) },
    'LimitExceeded',
    'Maximum policy size of 10240 bytes exceeded for role R',
  );
});

test('attach / detach / list attached: AWS and customer policies, idempotent attach, 10 max', async () => {
  const ctx = await withRole();
  await call(AttachRolePolicy, ctx, { RoleName: 'R', PolicyArn: S3RO });
  assert.equal(ctx.checks.at(-1)!.context!['iam:PolicyARN'], S3RO);
  await call(AttachRolePolicy, ctx, { RoleName: 'R', PolicyArn: S3RO });
  let list = (await call(ListAttachedRolePolicies, ctx, { RoleName: 'R' })) as {
    AttachedPolicies: { PolicyName: string; PolicyArn: string }[];
  };
  assert.deepEqual(list.AttachedPolicies, [{ PolicyName: 'AmazonS3ReadOnlyAccess', PolicyArn: S3RO }]);
  await rejects(
    ctx,
    AttachRolePolicy,
    { RoleName: 'R', PolicyArn: 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere' },
    'NoSuchEntity',
    'Policy arn:aws:iam::aws:policy/NoSuchPolicyAnywhere does not exist or is not attachable.',
  );
  await rejects(
    ctx,
    AttachRolePolicy,
    { RoleName: 'R', PolicyArn: 'not-an-arn-at-all-x' },
    'InvalidInput',
    'ARN not-an-arn-at-all-x is not valid.',
  );
  await rejects(
    ctx,
    AttachRolePolicy,
    { RoleName: 'R', PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy' },
    'PolicyNotAttachable',
    'Cannot attach a Service Role Policy to a Customer Role.',
  );
  const more = [
    'ReadOnlyAccess',
    'IAMReadOnlyAccess',
    'AmazonEC2ReadOnlyAccess',
    'AmazonSQSReadOnlyAccess',
    'AmazonSNSReadOnlyAccess',
    'AmazonDynamoDBReadOnlyAccess',
    'AWSLambda_ReadOnlyAccess',
    'CloudWatchReadOnlyAccess',
    'AmazonRDSReadOnlyAccess',
    'AmazonVPCReadOnlyAccess',
  ].map((n) => `arn:aws:iam::aws:policy/${n}`);
  for (const arn of more.slice(0, 9)) await call(AttachRolePolicy, ctx, { RoleName: 'R', PolicyArn: arn });
  await rejects(
    ctx,
    AttachRolePolicy,
    { RoleName: 'R', PolicyArn: more[9]! },
    'LimitExceeded',
    'Cannot exceed quota for PoliciesPerRole: 10',
    409,
  );
  const paged = (await call(ListAttachedRolePolicies, ctx, { RoleName: 'R', MaxItems: 4 })) as {
    AttachedPolicies: unknown[];
    IsTruncated: boolean;
  };
  assert.equal(paged.AttachedPolicies.length, 4);
  assert.equal(paged.IsTruncated, true);
  await call(DetachRolePolicy, ctx, { RoleName: 'R', PolicyArn: S3RO });
  await rejects(
    ctx,
    DetachRolePolicy,
    { RoleName: 'R', PolicyArn: S3RO },
    'NoSuchEntity',
    `Policy ${S3RO} was not found.`,
  );
  list = (await call(ListAttachedRolePolicies, ctx, { RoleName: 'R', PathPrefix: '/service-role/' })) as {
    AttachedPolicies: { PolicyName: string; PolicyArn: string }[];
  };
  assert.deepEqual(list.AttachedPolicies, []);
});

test('attach: concurrent attaches of 20 policies leave exactly 10 attached (no lost update)', async () => {
  const { listAwsManagedPolicies } = await import('../../../../src/services/iam/managed-policies.js');
  const arns = listAwsManagedPolicies()
    .filter((p) => p.path === '/')
    .slice(0, 20)
    .map((p) => p.arn);
  const ctx = await withRole();
  const res = await Promise.allSettled(
    arns.map((arn) => call(AttachRolePolicy, ctx, { RoleName: 'R', PolicyArn: arn })),
  );
  assert.equal(res.filter((r) => r.status === 'fulfilled').length, 10);
  const list = (await call(ListAttachedRolePolicies, ctx, { RoleName: 'R' })) as {
    AttachedPolicies: unknown[];
  };
  assert.equal(list.AttachedPolicies.length, 10);
});

test('permissions boundary: put, replace, delete; missing policy; none to delete', async () => {
  const ctx = await withRole();
  const pb = 'arn:aws:iam::aws:policy/PowerUserAccess';
  await call(PutRolePermissionsBoundary, ctx, { RoleName: 'R', PermissionsBoundary: pb });
  assert.equal(ctx.checks.at(-1)!.context!['iam:PermissionsBoundary'], pb);
  let role = ((await call(GetRole, ctx, { RoleName: 'R' })) as { Role: Record<string, unknown> }).Role;
  assert.deepEqual(role.PermissionsBoundary, {
    PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
    PermissionsBoundaryArn: pb,
  });
  const missing = `arn:aws:iam::${ACCOUNT}:policy/nope`;
  await rejects(
    ctx,
    PutRolePermissionsBoundary,
    { RoleName: 'R', PermissionsBoundary: missing },
    'NoSuchEntity',
    `Scope ARN: ${missing} does not exist or is not attachable.`,
  );
  await call(DeleteRolePermissionsBoundary, ctx, { RoleName: 'R' });
  assert.equal(ctx.checks.at(-1)!.context!['iam:PermissionsBoundary'], pb, 'the boundary being removed');
  role = ((await call(GetRole, ctx, { RoleName: 'R' })) as { Role: Record<string, unknown> }).Role;
  assert.equal(role.PermissionsBoundary, undefined);
  await rejects(ctx, DeleteRolePermissionsBoundary, { RoleName: 'R' }, 'NoSuchEntity');
});

test('service-linked roles: path, name, trust, policy; protected; taken name; deletion task', async () => {
  const ctx = await newCtx();
  const out = (await call(CreateServiceLinkedRole, ctx, { AWSServiceName: 'autoscaling.amazonaws.com' })) as {
    Role: Record<string, string>;
  };
  assert.equal(out.Role.RoleName, 'AWSServiceRoleForAutoScaling');
  assert.equal(out.Role.Path, '/aws-service-role/autoscaling.amazonaws.com/');
  assert.equal(
    out.Role.Arn,
    `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`,
  );
  assert.equal(ctx.checks.at(-1)!.context!['iam:AWSServiceName'], 'autoscaling.amazonaws.com');
  const doc = JSON.parse(decodeURIComponent(out.Role.AssumeRolePolicyDocument!)) as {
    Statement: { Principal: { Service: string[] } }[];
  };
  assert.deepEqual(doc.Statement[0]!.Principal.Service, ['autoscaling.amazonaws.com']);
  const attached = (await call(ListAttachedRolePolicies, ctx, {
    RoleName: 'AWSServiceRoleForAutoScaling',
  })) as {
    AttachedPolicies: { PolicyName: string }[];
  };
  assert.deepEqual(
    attached.AttachedPolicies.map((p) => p.PolicyName),
    ['AutoScalingServiceRolePolicy'],
  );
  await rejects(
    ctx,
    CreateServiceLinkedRole,
    { AWSServiceName: 'autoscaling.amazonaws.com' },
    'InvalidInput',
    'Service role name AWSServiceRoleForAutoScaling has been taken in this account, please try a different suffix.',
  );
  const suffixed = (await call(CreateServiceLinkedRole, ctx, {
    AWSServiceName: 'autoscaling.amazonaws.com',
    CustomSuffix: 'blue',
  })) as { Role: { RoleName: string } };
  assert.equal(suffixed.Role.RoleName, 'AWSServiceRoleForAutoScaling_blue');
  const protectedMsg =
    "Cannot perform the operation on the protected role 'AWSServiceRoleForAutoScaling' - this role is only modifiable by AWS";
  for (const [op, input] of [
    [DeleteRole, {}],
    [PutRolePolicy, { PolicyName: 'p', PolicyDocument: S3_READ }],
    [
      DetachRolePolicy,
      { PolicyArn: 'arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy' },
    ],
    [UpdateAssumeRolePolicy, { PolicyDocument: EC2_TRUST }],
  ] as const) {
    await rejects(
      ctx,
      op,
      { RoleName: 'AWSServiceRoleForAutoScaling', ...input },
      'UnmodifiableEntity',
      protectedMsg,
    );
  }
  // The description may be edited.
  await call(UpdateRoleDescription, ctx, { RoleName: 'AWSServiceRoleForAutoScaling', Description: 'mine' });

  const del = (await call(DeleteServiceLinkedRole, ctx, { RoleName: 'AWSServiceRoleForAutoScaling' })) as {
    DeletionTaskId: string;
  };
  assert.match(
    del.DeletionTaskId,
    /^task\/aws-service-role\/autoscaling\.amazonaws\.com\/AWSServiceRoleForAutoScaling\/[0-9a-f-]{36}$/,
  );
  const st = await call(GetServiceLinkedRoleDeletionStatus, ctx, { DeletionTaskId: del.DeletionTaskId });
  assert.deepEqual(st, { Status: 'SUCCEEDED' });
  await rejects(ctx, GetRole, { RoleName: 'AWSServiceRoleForAutoScaling' }, 'NoSuchEntity');
  await rejects(ctx, GetServiceLinkedRoleDeletionStatus, { DeletionTaskId: 'bogus' }, 'InvalidInput');
  // Other services get a derived name.
  const other = (await call(CreateServiceLinkedRole, ctx, { AWSServiceName: 'foo-bar.amazonaws.com' })) as {
    Role: { RoleName: string };
  };
  assert.equal(other.Role.RoleName, 'AWSServiceRoleForFooBar');
  // A customer role is not deleted this way.
  await call(CreateRole, ctx, { RoleName: 'Cust', AssumeRolePolicyDocument: EC2_TRUST });
  await rejects(ctx, DeleteServiceLinkedRole, { RoleName: 'Cust' }, 'InvalidInput');
});

test('every known service-linked role resolves its AWS managed policy from the package', async () => {
  const ctx = await newCtx();
  const services = [
    'elasticloadbalancing.amazonaws.com',
    'ecs.amazonaws.com',
    'rds.amazonaws.com',
    'organizations.amazonaws.com',
    'guardduty.amazonaws.com',
    'config.amazonaws.com',
    'eks.amazonaws.com',
    'sso.amazonaws.com',
  ];
  for (const s of services) {
    const out = (await call(CreateServiceLinkedRole, ctx, { AWSServiceName: s })) as {
      Role: { RoleName: string };
    };
    const att = (await call(ListAttachedRolePolicies, ctx, { RoleName: out.Role.RoleName })) as {
      AttachedPolicies: unknown[];
    };
    assert.equal(att.AttachedPolicies.length, 1, s);
  }
});
