import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctx as newCtx, call, ACCOUNT } from './env.js';
import { AwsError } from '../../../../src/wire/errors.js';
import SimulateCustomPolicy from '../../../../src/services/iam/operations/SimulateCustomPolicy.js';
import SimulatePrincipalPolicy from '../../../../src/services/iam/operations/SimulatePrincipalPolicy.js';
import GetContextKeysForCustomPolicy from '../../../../src/services/iam/operations/GetContextKeysForCustomPolicy.js';
import GetContextKeysForPrincipalPolicy from '../../../../src/services/iam/operations/GetContextKeysForPrincipalPolicy.js';
import CreatePolicy from '../../../../src/services/iam/operations/CreatePolicy.js';
import { statementSpans } from '../../../../src/services/iam/simulate/positions.js';
import { putRole, putUser, roleArn, userArn } from '../../../../src/services/iam/model.js';

const ALLOW_S3 = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::bucket/*",
      "Condition": {"StringEquals": {"aws:PrincipalTag/team": "blue"}}
    },
    {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}
  ]
}`;

test('statementSpans: 1-based line/column of each statement object', () => {
  assert.deepEqual(statementSpans(ALLOW_S3), [
    { start: { Line: 4, Column: 5 }, end: { Line: 10, Column: 5 } },
    { start: { Line: 11, Column: 5 }, end: { Line: 11, Column: 68 } },
  ]);
  const single = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}';
  assert.deepEqual(statementSpans(single), [
    { start: { Line: 1, Column: 37 }, end: { Line: 1, Column: 82 } },
  ]);
  // Keys before Statement holding braces inside strings do not confuse the scanner.
  const tricky =
    '{"Id":"a}{[","Version":"2012-10-17","Statement":[{"Sid":"x]}","Effect":"Allow","Action":"*","Resource":"*"}]}';
  assert.equal(statementSpans(tricky)[0]!.start.Column, 50);
});

test('SimulateCustomPolicy: decisions, matched statements with positions, missing context values', async () => {
  const ctx = await newCtx();
  const out = await call(SimulateCustomPolicy, ctx, {
    PolicyInputList: [ALLOW_S3],
    ActionNames: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject'],
    ResourceArns: ['arn:aws:s3:::bucket/key'],
  });
  const [get, del, put] = out.EvaluationResults as any[];
  // The Allow needs aws:PrincipalTag/team, which was not given.
  assert.equal(get.EvalDecision, 'implicitDeny');
  assert.deepEqual(get.MissingContextValues, ['aws:PrincipalTag/team']);
  assert.equal(del.EvalDecision, 'explicitDeny');
  assert.deepEqual(del.MatchedStatements, [
    {
      SourcePolicyId: 'PolicyInputList.1',
      SourcePolicyType: undefined,
      StartPosition: { Line: 11, Column: 5 },
      EndPosition: { Line: 11, Column: 68 },
    },
  ]);
  assert.equal(del.EvalResourceName, 'arn:aws:s3:::bucket/key');
  assert.equal(del.ResourceSpecificResults[0].EvalResourceDecision, 'explicitDeny');
  assert.equal(put.EvalDecision, 'implicitDeny');
  assert.deepEqual(put.MatchedStatements, []);

  const withCtx = await call(SimulateCustomPolicy, ctx, {
    PolicyInputList: [ALLOW_S3],
    ActionNames: ['s3:GetObject'],
    ResourceArns: ['arn:aws:s3:::bucket/key', 'arn:aws:s3:::other/key'],
    ContextEntries: [
      { ContextKeyName: 'aws:PrincipalTag/team', ContextKeyValues: ['blue'], ContextKeyType: 'string' },
    ],
  });
  const [inBucket, other] = withCtx.EvaluationResults as any[];
  assert.equal(inBucket.EvalDecision, 'allowed');
  assert.deepEqual(inBucket.MissingContextValues, []);
  assert.equal(inBucket.MatchedStatements[0].StartPosition.Line, 4);
  assert.equal(other.EvalDecision, 'implicitDeny');
});

test('SimulateCustomPolicy: boundary and resource policy inputs; paging; invalid input', async () => {
  const ctx = await newCtx();
  const all = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
  const boundary = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}';
  const out = await call(SimulateCustomPolicy, ctx, {
    PolicyInputList: [all],
    PermissionsBoundaryPolicyInputList: [boundary],
    ActionNames: ['s3:ListBucket', 'ec2:RunInstances'],
  });
  const [s3, ec2] = out.EvaluationResults as any[];
  assert.equal(s3.EvalDecision, 'allowed');
  assert.equal(s3.EvalResourceName, '*');
  assert.deepEqual(s3.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: true });
  assert.equal(ec2.EvalDecision, 'implicitDeny');
  assert.deepEqual(ec2.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });

  const caller = `arn:aws:iam::${ACCOUNT}:user/alice`;
  const rp = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: caller }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
    ],
  });
  const cross = await call(SimulateCustomPolicy, ctx, {
    PolicyInputList: [all],
    ActionNames: ['s3:GetObject'],
    ResourceArns: ['arn:aws:s3:::b/k'],
    ResourcePolicy: rp,
    ResourceOwner: 'arn:aws:iam::210987654321:root',
    CallerArn: caller,
  });
  const r = (cross.EvaluationResults as any[])[0];
  assert.equal(r.EvalDecision, 'allowed');
  assert.ok(
    r.MatchedStatements.some(
      (m: any) => m.SourcePolicyId === 'ResourcePolicy' && m.SourcePolicyType === 'resource',
    ),
  );

  const page1 = await call(SimulateCustomPolicy, ctx, {
    PolicyInputList: [all],
    ActionNames: ['a:b', 'c:d', 'e:f'],
    MaxItems: 2,
  });
  assert.equal(page1.EvaluationResults.length, 2);
  assert.equal(page1.IsTruncated, true);
  const page2 = await call(SimulateCustomPolicy, ctx, {
    PolicyInputList: [all],
    ActionNames: ['a:b', 'c:d', 'e:f'],
    Marker: page1.Marker,
  });
  assert.deepEqual(
    page2.EvaluationResults.map((x: any) => x.EvalActionName),
    ['e:f'],
  );

  await assert.rejects(
    Promise.resolve().then(() =>
      call(SimulateCustomPolicy, ctx, { PolicyInputList: ['{nope'], ActionNames: ['s3:GetObject'] }),
    ),
    (e: unknown) => e instanceof AwsError && e.code === 'InvalidInput',
  );
});

test('SimulatePrincipalPolicy: a role with inline, customer and AWS managed policies', async () => {
  const ctx = await newCtx();
  const mine = (
    (
      await call(CreatePolicy, ctx, {
        PolicyName: 'DenyDelete',
        PolicyDocument:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}]}',
      })
    ).Policy as any
  ).Arn;
  const now = new Date().toISOString();
  await putRole(ctx.env.store, ACCOUNT, {
    roleName: 'App',
    roleId: 'AROAAPPAPPAPPAPPAPPAP',
    arn: roleArn(ACCOUNT, '/', 'App'),
    path: '/',
    createDate: now,
    assumeRolePolicyDocument: '{"Version":"2012-10-17","Statement":[]}',
    maxSessionDuration: 3600,
    tags: [],
    attachedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess', mine],
    inlinePolicies: {
      ec2: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}',
    },
  });
  const out = await call(SimulatePrincipalPolicy, ctx, {
    PolicySourceArn: roleArn(ACCOUNT, '/', 'App'),
    ActionNames: ['s3:GetObject', 's3:DeleteObject', 'ec2:DescribeInstances', 'iam:ListRoles'],
  });
  const [get, del, ec2, iam] = out.EvaluationResults as any[];
  assert.equal(get.EvalDecision, 'allowed');
  assert.deepEqual(
    get.MatchedStatements.map((m: any) => [m.SourcePolicyId, m.SourcePolicyType]),
    [['AmazonS3ReadOnlyAccess', 'aws-managed']],
  );
  assert.equal(del.EvalDecision, 'explicitDeny');
  assert.deepEqual(
    del.MatchedStatements.map((m: any) => [m.SourcePolicyId, m.SourcePolicyType]),
    [['DenyDelete', 'user-managed']],
  );
  assert.equal(ec2.EvalDecision, 'allowed');
  assert.deepEqual(ec2.MatchedStatements[0].SourcePolicyType, 'role');
  assert.equal(iam.EvalDecision, 'implicitDeny');
  assert.deepEqual(ctx.checks[ctx.checks.length - 1], {
    action: 'iam:SimulatePrincipalPolicy',
    resource: roleArn(ACCOUNT, '/', 'App'),
  });

  await assert.rejects(
    Promise.resolve().then(() =>
      call(SimulatePrincipalPolicy, ctx, {
        PolicySourceArn: roleArn(ACCOUNT, '/', 'Nope'),
        ActionNames: ['s3:GetObject'],
      }),
    ),
    (e: unknown) =>
      e instanceof AwsError &&
      e.code === 'NoSuchEntity' &&
      e.message === 'The role with name Nope cannot be found.',
  );
});

test('SimulatePrincipalPolicy: a user with a boundary; GetContextKeysFor*', async () => {
  const ctx = await newCtx();
  const b = (
    (
      await call(CreatePolicy, ctx, {
        PolicyName: 'Boundary',
        PolicyDocument:
          '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}]}',
      })
    ).Policy as any
  ).Arn;
  await putUser(ctx.env.store, ACCOUNT, {
    userName: 'bob',
    userId: 'AIDABOBBOBBOBBOBBOBBO',
    arn: userArn(ACCOUNT, '/', 'bob'),
    path: '/',
    createDate: new Date().toISOString(),
    tags: [],
    attachedPolicyArns: [],
    inlinePolicies: {
      all: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestedRegion":"us-east-1"}}}]}',
    },
    groups: [],
    permissionsBoundaryArn: b,
  });
  const out = await call(SimulatePrincipalPolicy, ctx, {
    PolicySourceArn: userArn(ACCOUNT, '/', 'bob'),
    ActionNames: ['s3:ListBucket', 'sqs:SendMessage'],
    ContextEntries: [
      { ContextKeyName: 'aws:RequestedRegion', ContextKeyValues: ['us-east-1'], ContextKeyType: 'string' },
      { ContextKeyName: 'aws:SecureTransport', ContextKeyValues: ['true'], ContextKeyType: 'boolean' },
    ],
  });
  const [s3, sqs] = out.EvaluationResults as any[];
  assert.equal(s3.EvalDecision, 'allowed');
  assert.equal(sqs.EvalDecision, 'implicitDeny');
  assert.deepEqual(sqs.PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });

  const keys = await call(GetContextKeysForPrincipalPolicy, ctx, {
    PolicySourceArn: userArn(ACCOUNT, '/', 'bob'),
    PolicyInputList: [
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"StringLike":{"AWS:RequestedRegion":"eu-*"}}}]}',
    ],
  });
  assert.deepEqual(keys.ContextKeyNames, ['aws:RequestedRegion', 'aws:SourceIp']);
  const custom = await call(GetContextKeysForCustomPolicy, ctx, { PolicyInputList: [ALLOW_S3] });
  assert.deepEqual(custom.ContextKeyNames, ['aws:PrincipalTag/team']);
});
