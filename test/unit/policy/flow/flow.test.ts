import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeContext } from '../../../../src/policy/context.js';
import { evaluate, type EvaluationRequest } from '../../../../src/policy/evaluate.js';
import type { RequestPrincipal } from '../../../../src/policy/principal.js';
import { A, B, alice, anonymous, bobB, cloudtrail, pol, root, session } from './helpers.js';

const ctx = makeContext({});
const BUCKET = 'arn:aws:s3:::bkt/key';
const allowAll = pol('identity', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
const allowS3Get = pol('identity', [
  { Sid: 'Get', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bkt/*' },
]);
const denyS3 = pol('identity', [{ Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }]);
const fullAccess = pol('scp', [{ Effect: 'Allow', Action: '*', Resource: '*' }], 'FullAWSAccess');
const scpOnlyEc2 = pol('scp', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }], 'OnlyEc2');
const scpDenyS3 = pol('scp', [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }], 'DenyS3');
const rcpFull = pol(
  'rcp',
  [{ Effect: 'Allow', Action: '*', Resource: '*', Principal: '*' }],
  'RCPFullAWSAccess',
);
const rcpDenyExternal = pol('rcp', [
  {
    Effect: 'Deny',
    Action: 's3:*',
    Resource: '*',
    Principal: '*',
    Condition: {
      StringNotEqualsIfExists: { 'aws:PrincipalAccount': A },
      BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
    },
  },
]);
const bucketFor = (principal: unknown) =>
  pol('resource', [
    {
      Sid: 'Grant',
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::bkt/*',
      Principal: principal as '*',
    },
  ]);

function run(over: Partial<EvaluationRequest> & { principal: RequestPrincipal }) {
  return evaluate({ action: 's3:GetObject', resource: BUCKET, context: ctx, ...over });
}
function expect(d: ReturnType<typeof evaluate>, effect: string, source?: string) {
  assert.equal(d.effect, effect, JSON.stringify({ effect: d.effect, source: d.source }));
  if (source) assert.equal(d.source, source);
}

describe('identity policies', () => {
  it('no policy: implicit deny (identity)', () =>
    expect(run({ principal: alice }), 'ImplicitDeny', 'identity'));
  it('allow', () => {
    const d = run({ principal: alice, identityPolicies: [allowS3Get] });
    expect(d, 'Allow', 'identity');
    assert.equal(d.statement?.sid, 'Get');
  });
  it('action case-insensitive', () =>
    expect(run({ principal: alice, action: 'S3:GETOBJECT', identityPolicies: [allowS3Get] }), 'Allow'));
  it('other resource: implicit deny', () =>
    expect(
      run({ principal: alice, resource: 'arn:aws:s3:::other/k', identityPolicies: [allowS3Get] }),
      'ImplicitDeny',
    ));
  it('explicit deny beats allow', () => {
    const d = run({ principal: alice, identityPolicies: [allowAll, denyS3] });
    expect(d, 'ExplicitDeny', 'identity');
    assert.equal(d.statement?.sid, 'NoS3');
  });
  it('NotAction allow', () => {
    const p = pol('identity', [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }]);
    expect(run({ principal: alice, identityPolicies: [p] }), 'Allow');
    expect(
      run({ principal: alice, action: 'iam:CreateUser', resource: '*', identityPolicies: [p] }),
      'ImplicitDeny',
    );
  });
  it('NotAction deny', () => {
    const p = pol('identity', [{ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }]);
    expect(run({ principal: alice, identityPolicies: [allowAll, p] }), 'ExplicitDeny');
    expect(
      run({ principal: alice, action: 'iam:GetUser', resource: '*', identityPolicies: [allowAll, p] }),
      'Allow',
    );
  });
  it('NotResource allow and deny', () => {
    const a = pol('identity', [{ Effect: 'Allow', Action: 's3:*', NotResource: 'arn:aws:s3:::secret/*' }]);
    expect(run({ principal: alice, identityPolicies: [a] }), 'Allow');
    expect(
      run({ principal: alice, resource: 'arn:aws:s3:::secret/x', identityPolicies: [a] }),
      'ImplicitDeny',
    );
    const d = pol('identity', [{ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::bkt/*' }]);
    expect(run({ principal: alice, identityPolicies: [allowAll, d] }), 'Allow');
    expect(
      run({ principal: alice, resource: 'arn:aws:s3:::other/x', identityPolicies: [allowAll, d] }),
      'ExplicitDeny',
    );
  });
  it('conditions gate statements', () => {
    const p = pol('identity', [
      {
        Effect: 'Allow',
        Action: 's3:*',
        Resource: '*',
        Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
      },
    ]);
    expect(
      run({
        principal: alice,
        identityPolicies: [p],
        context: makeContext({ 'aws:PrincipalTag/team': 'blue' }),
      }),
      'Allow',
    );
    expect(
      run({
        principal: alice,
        identityPolicies: [p],
        context: makeContext({ 'aws:PrincipalTag/team': 'red' }),
      }),
      'ImplicitDeny',
    );
  });
  it('statement index: wildcard-service statements are found for every service', () => {
    const p = pol('identity', [
      { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
      { Effect: 'Allow', Action: '*:Get*', Resource: '*' },
    ]);
    expect(run({ principal: alice, identityPolicies: [p] }), 'Allow');
    expect(
      run({ principal: alice, action: 'kms:GetKeyPolicy', resource: '*', identityPolicies: [p] }),
      'Allow',
    );
    expect(
      run({ principal: alice, action: 'kms:Decrypt', resource: '*', identityPolicies: [p] }),
      'ImplicitDeny',
    );
  });
});

describe('permissions boundaries and session policies', () => {
  const boundaryEc2 = pol('boundary', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]);
  const boundaryS3 = pol('boundary', [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }]);
  const boundaryDeny = pol('boundary', [
    { Effect: 'Allow', Action: '*', Resource: '*' },
    { Effect: 'Deny', Action: 's3:GetObject', Resource: '*' },
  ]);
  const sessionEc2 = pol('session', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]);
  const sessionS3 = pol('session', [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }]);
  it('boundary intersects', () => {
    expect(
      run({ principal: alice, identityPolicies: [allowAll], boundary: boundaryEc2 }),
      'ImplicitDeny',
      'boundary',
    );
    expect(run({ principal: alice, identityPolicies: [allowAll], boundary: boundaryS3 }), 'Allow');
  });
  it('boundary alone grants nothing', () =>
    expect(run({ principal: alice, boundary: boundaryS3 }), 'ImplicitDeny', 'identity'));
  it('explicit deny in a boundary', () =>
    expect(
      run({ principal: alice, identityPolicies: [allowAll], boundary: boundaryDeny }),
      'ExplicitDeny',
      'boundary',
    ));
  it('session policy intersects', () => {
    expect(
      run({ principal: session, identityPolicies: [allowAll], sessionPolicies: [sessionEc2] }),
      'ImplicitDeny',
      'session',
    );
    expect(
      run({ principal: session, identityPolicies: [allowAll], sessionPolicies: [sessionEc2, sessionS3] }),
      'Allow',
    );
  });
  it('session policy alone grants nothing', () =>
    expect(run({ principal: session, sessionPolicies: [sessionS3] }), 'ImplicitDeny', 'identity'));
  it('empty sessionPolicies = no session policy', () =>
    expect(run({ principal: session, identityPolicies: [allowAll], sessionPolicies: [] }), 'Allow'));
  it('same account: resource grant to the user ARN is not limited by the boundary', () =>
    expect(
      run({ principal: alice, boundary: boundaryEc2, resourcePolicy: bucketFor({ AWS: alice.arn }) }),
      'Allow',
      'resource',
    ));
  it('same account: resource grant to the session ARN is not limited by boundary or session policy', () =>
    expect(
      run({
        principal: session,
        boundary: boundaryEc2,
        sessionPolicies: [sessionEc2],
        resourcePolicy: bucketFor({ AWS: session.arn }),
      }),
      'Allow',
      'resource',
    ));
  it('same account: resource grant to the role ARN is limited by the boundary', () =>
    expect(
      run({ principal: session, boundary: boundaryEc2, resourcePolicy: bucketFor({ AWS: session.roleArn }) }),
      'ImplicitDeny',
      'boundary',
    ));
  it('same account: resource grant to the role ARN is limited by the session policy', () =>
    expect(
      run({
        principal: session,
        sessionPolicies: [sessionEc2],
        resourcePolicy: bucketFor({ AWS: session.roleArn }),
      }),
      'ImplicitDeny',
      'session',
    ));
  it('same account: role ARN grant allowed when boundary and session allow', () =>
    expect(
      run({
        principal: session,
        boundary: boundaryS3,
        sessionPolicies: [sessionS3],
        resourcePolicy: bucketFor({ AWS: session.roleArn }),
      }),
      'Allow',
      'resource',
    ));
  it('an explicit deny in a session policy still wins over a session-ARN grant', () => {
    const deny = pol('session', [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }]);
    expect(
      run({ principal: session, sessionPolicies: [deny], resourcePolicy: bucketFor({ AWS: session.arn }) }),
      'ExplicitDeny',
      'session',
    );
  });
});

describe('resource policies', () => {
  it('same account: resource policy alone suffices (user ARN)', () =>
    expect(run({ principal: alice, resourcePolicy: bucketFor({ AWS: alice.arn }) }), 'Allow', 'resource'));
  it('same account: identity alone suffices', () =>
    expect(
      run({ principal: alice, identityPolicies: [allowS3Get], resourcePolicy: bucketFor({ AWS: B }) }),
      'Allow',
      'identity',
    ));
  it('same account: account principal is a delegation, not a grant', () => {
    expect(run({ principal: alice, resourcePolicy: bucketFor({ AWS: A }) }), 'ImplicitDeny', 'identity');
    expect(
      run({ principal: alice, identityPolicies: [allowS3Get], resourcePolicy: bucketFor({ AWS: A }) }),
      'Allow',
    );
  });
  it('explicit deny in a resource policy', () => {
    const p = pol('resource', [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Principal: { AWS: A } }]);
    expect(
      run({ principal: alice, identityPolicies: [allowAll], resourcePolicy: p }),
      'ExplicitDeny',
      'resource',
    );
  });
  it('resource-policy deny for another principal does not apply', () => {
    const p = pol('resource', [
      { Effect: 'Deny', Action: 's3:*', Resource: '*', Principal: { AWS: bobB.arn! } },
    ]);
    expect(run({ principal: alice, identityPolicies: [allowAll], resourcePolicy: p }), 'Allow');
  });
  it('NotPrincipal deny: applies to everyone not fully listed', () => {
    const p = pol('resource', [
      { Effect: 'Deny', Action: 's3:*', Resource: '*', NotPrincipal: { AWS: [alice.arn!, A] } },
    ]);
    expect(run({ principal: alice, identityPolicies: [allowAll], resourcePolicy: p }), 'Allow');
    const carol = { ...alice, arn: `arn:aws:iam::${A}:user/carol`, userId: 'AIDAC' };
    expect(
      run({ principal: carol, identityPolicies: [allowAll], resourcePolicy: p }),
      'ExplicitDeny',
      'resource',
    );
    const p2 = pol('resource', [
      { Effect: 'Deny', Action: 's3:*', Resource: '*', NotPrincipal: { AWS: alice.arn! } },
    ]);
    expect(run({ principal: alice, identityPolicies: [allowAll], resourcePolicy: p2 }), 'ExplicitDeny');
  });
  it('NotPrincipal allow', () => {
    const p = pol('resource', [
      { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', NotPrincipal: { AWS: [bobB.arn!, B] } },
    ]);
    expect(run({ principal: alice, resourcePolicy: p }), 'Allow');
  });
  it('cross account: both sides needed', () => {
    expect(
      run({ principal: bobB, resourceAccount: A, identityPolicies: [allowAll] }),
      'ImplicitDeny',
      'resource',
    );
    expect(
      run({ principal: bobB, resourceAccount: A, resourcePolicy: bucketFor({ AWS: bobB.arn }) }),
      'ImplicitDeny',
      'identity',
    );
    const d = run({
      principal: bobB,
      resourceAccount: A,
      identityPolicies: [allowAll],
      resourcePolicy: bucketFor({ AWS: bobB.arn }),
    });
    expect(d, 'Allow', 'identity');
    assert.equal(d.resourceStatement?.sid, 'Grant');
  });
  it('cross account: account principal counts', () =>
    expect(
      run({
        principal: bobB,
        resourceAccount: A,
        identityPolicies: [allowAll],
        resourcePolicy: bucketFor({ AWS: B }),
      }),
      'Allow',
    ));
  it('cross account: boundary limits the identity side even with a user-ARN grant', () => {
    const b = pol('boundary', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]);
    expect(
      run({
        principal: bobB,
        resourceAccount: A,
        identityPolicies: [allowAll],
        boundary: b,
        resourcePolicy: bucketFor({ AWS: bobB.arn }),
      }),
      'ImplicitDeny',
      'boundary',
    );
  });
  it('cross account: resource grant to another principal does not help', () =>
    expect(
      run({
        principal: bobB,
        resourceAccount: A,
        identityPolicies: [allowAll],
        resourcePolicy: bucketFor({ AWS: alice.arn }),
      }),
      'ImplicitDeny',
      'resource',
    ));
  it('Principal "*" grants to any same-account user directly', () =>
    expect(run({ principal: alice, resourcePolicy: bucketFor('*') }), 'Allow', 'resource'));
  it('Principal "*" to a role session is limited like a role-ARN grant', () => {
    const b = pol('boundary', [{ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }]);
    expect(
      run({ principal: session, boundary: b, resourcePolicy: bucketFor('*') }),
      'ImplicitDeny',
      'boundary',
    );
  });
});

describe('root, anonymous, service principals', () => {
  it('root: allowed by default in its own account', () => expect(run({ principal: root }), 'Allow', 'root'));
  it('root: explicit deny in a resource policy applies', () => {
    const p = pol('resource', [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Principal: '*' }]);
    expect(run({ principal: root, resourcePolicy: p }), 'ExplicitDeny', 'resource');
  });
  it('root: SCPs apply', () => {
    expect(run({ principal: root, scps: [[fullAccess], [scpDenyS3]] }), 'ExplicitDeny', 'scp');
    expect(run({ principal: root, scps: [[scpOnlyEc2]] }), 'ImplicitDeny', 'scp');
  });
  it('root cross account needs the resource policy', () => {
    const rootB: RequestPrincipal = { type: 'Root', arn: `arn:aws:iam::${B}:root`, accountId: B };
    expect(run({ principal: rootB, resourceAccount: A }), 'ImplicitDeny', 'resource');
    expect(run({ principal: rootB, resourceAccount: A, resourcePolicy: bucketFor({ AWS: B }) }), 'Allow');
  });
  it('anonymous: only Principal "*"', () => {
    expect(run({ principal: anonymous }), 'ImplicitDeny', 'resource');
    expect(run({ principal: anonymous, resourcePolicy: bucketFor({ AWS: A }) }), 'ImplicitDeny', 'resource');
    expect(run({ principal: anonymous, resourcePolicy: bucketFor('*') }), 'Allow', 'resource');
    expect(run({ principal: anonymous, resourcePolicy: bucketFor({ AWS: '*' }) }), 'Allow', 'resource');
  });
  it('anonymous: identity policies are irrelevant; SCPs do not apply, RCPs do', () => {
    expect(run({ principal: anonymous, identityPolicies: [allowAll] }), 'ImplicitDeny');
    expect(run({ principal: anonymous, resourcePolicy: bucketFor('*'), scps: [[scpOnlyEc2]] }), 'Allow');
    expect(
      run({
        principal: anonymous,
        resourcePolicy: bucketFor('*'),
        rcps: [[rcpFull], [rcpFull, rcpDenyExternal]],
      }),
      'ExplicitDeny',
      'rcp',
    );
  });
  it('service principal: resource policy naming the service', () => {
    expect(
      run({ principal: cloudtrail, resourcePolicy: bucketFor({ Service: 'cloudtrail.amazonaws.com' }) }),
      'Allow',
      'resource',
    );
    expect(
      run({ principal: cloudtrail, resourcePolicy: bucketFor({ Service: 'config.amazonaws.com' }) }),
      'ImplicitDeny',
      'resource',
    );
    expect(run({ principal: cloudtrail, resourcePolicy: bucketFor({ AWS: A }) }), 'ImplicitDeny');
  });
  it('service principal: not subject to SCPs; RCP conditions can exempt it', () => {
    const rp = bucketFor({ Service: 'cloudtrail.amazonaws.com' });
    expect(run({ principal: cloudtrail, resourcePolicy: rp, scps: [[scpDenyS3]] }), 'Allow');
    const c = makeContext({ 'aws:PrincipalIsAWSService': true });
    expect(
      run({
        principal: cloudtrail,
        context: c,
        resourcePolicy: rp,
        rcps: [[rcpFull], [rcpFull, rcpDenyExternal]],
      }),
      'Allow',
    );
  });
});

describe('organizations: SCPs and RCPs', () => {
  it('every level must allow', () => {
    expect(
      run({
        principal: alice,
        identityPolicies: [allowAll],
        scps: [[fullAccess], [fullAccess], [fullAccess]],
      }),
      'Allow',
    );
    const d = run({
      principal: alice,
      identityPolicies: [allowAll],
      scps: [[fullAccess], [scpOnlyEc2], [fullAccess]],
    });
    expect(d, 'ImplicitDeny', 'scp');
    assert.equal(d.level, 1);
  });
  it('a level with several policies needs one allow', () =>
    expect(
      run({ principal: alice, identityPolicies: [allowAll], scps: [[fullAccess], [scpOnlyEc2, fullAccess]] }),
      'Allow',
    ));
  it('empty level denies', () =>
    expect(
      run({ principal: alice, identityPolicies: [allowAll], scps: [[fullAccess], []] }),
      'ImplicitDeny',
      'scp',
    ));
  it('explicit deny at any level', () => {
    const d = run({
      principal: alice,
      identityPolicies: [allowAll],
      scps: [[fullAccess], [fullAccess, scpDenyS3]],
    });
    expect(d, 'ExplicitDeny', 'scp');
    assert.equal(d.level, 1);
    assert.equal(d.policy?.meta.name, 'DenyS3');
  });
  it('explicit deny elsewhere wins over an SCP implicit deny', () =>
    expect(
      run({ principal: alice, identityPolicies: [denyS3], scps: [[scpOnlyEc2]] }),
      'ExplicitDeny',
      'identity',
    ));
  it('SCPs grant nothing', () =>
    expect(run({ principal: alice, scps: [[fullAccess]] }), 'ImplicitDeny', 'identity'));
  it('management account / no org: scps undefined', () =>
    expect(run({ principal: alice, identityPolicies: [allowAll] }), 'Allow'));
  it('service-linked roles are exempt from SCPs and RCPs', () => {
    const slr: RequestPrincipal = { ...session, isServiceLinkedRole: true };
    expect(run({ principal: slr, identityPolicies: [allowAll], scps: [[scpDenyS3]], rcps: [[]] }), 'Allow');
  });
  it('SCPs limit resource-policy grants in the same account', () =>
    expect(
      run({ principal: alice, resourcePolicy: bucketFor({ AWS: alice.arn }), scps: [[scpOnlyEc2]] }),
      'ImplicitDeny',
      'scp',
    ));
  it('cross account: the principal account SCPs apply', () =>
    expect(
      run({
        principal: bobB,
        resourceAccount: A,
        identityPolicies: [allowAll],
        resourcePolicy: bucketFor({ AWS: bobB.arn }),
        scps: [[scpDenyS3]],
      }),
      'ExplicitDeny',
      'scp',
    ));
  it('RCPs: every level must allow', () => {
    const rp = bucketFor({ AWS: bobB.arn });
    const base = { principal: bobB, resourceAccount: A, identityPolicies: [allowAll], resourcePolicy: rp };
    expect(run({ ...base, rcps: [[rcpFull], [rcpFull]] }), 'Allow');
    expect(run({ ...base, rcps: [[rcpFull], []] }), 'ImplicitDeny', 'rcp');
    const c = makeContext({ 'aws:PrincipalAccount': B });
    expect(
      run({ ...base, context: c, rcps: [[rcpFull], [rcpFull, rcpDenyExternal]] }),
      'ExplicitDeny',
      'rcp',
    );
    const same = makeContext({ 'aws:PrincipalAccount': A });
    expect(
      run({
        principal: alice,
        context: same,
        identityPolicies: [allowAll],
        rcps: [[rcpFull], [rcpFull, rcpDenyExternal]],
      }),
      'Allow',
    );
  });
  it('RCPs grant nothing', () =>
    expect(run({ principal: alice, rcps: [[rcpFull]] }), 'ImplicitDeny', 'identity'));
});

describe('resource policy required (KMS key policies)', () => {
  const key = 'arn:aws:kms:us-east-1:111122223333:key/k1';
  const keyPolicy = (principal: unknown) =>
    pol('resource', [{ Effect: 'Allow', Action: 'kms:*', Resource: '*', Principal: principal as '*' }]);
  const kms = (over: Partial<EvaluationRequest> & { principal: RequestPrincipal }) =>
    run({ action: 'kms:Decrypt', resource: key, requireResourcePolicy: true, ...over });
  it('identity allow alone is not enough', () =>
    expect(kms({ principal: alice, identityPolicies: [allowAll] }), 'ImplicitDeny', 'resource'));
  it('key policy naming the account delegates to IAM', () => {
    expect(
      kms({ principal: alice, identityPolicies: [allowAll], resourcePolicy: keyPolicy({ AWS: A }) }),
      'Allow',
      'identity',
    );
    expect(kms({ principal: alice, resourcePolicy: keyPolicy({ AWS: A }) }), 'ImplicitDeny', 'identity');
  });
  it('key policy naming the user grants alone', () =>
    expect(kms({ principal: alice, resourcePolicy: keyPolicy({ AWS: alice.arn }) }), 'Allow', 'resource'));
});

describe('trust policies', () => {
  const ROLE = `arn:aws:iam::${A}:role/Target`;
  const trust = (principal: unknown, action: string | string[] = 'sts:AssumeRole') =>
    pol(
      'trust',
      [{ Sid: 'Trust', Effect: 'Allow', Action: action, Principal: principal as '*' }],
      undefined,
      ROLE,
    );
  const assume = (over: Partial<EvaluationRequest> & { principal: RequestPrincipal }) =>
    run({ action: 'sts:AssumeRole', resource: ROLE, resourceAccount: A, ...over });

  it('same account: trust naming the user ARN suffices alone', () =>
    expect(assume({ principal: alice, resourcePolicy: trust({ AWS: alice.arn }) }), 'Allow', 'trust'));
  it('same account: trust naming the role ARN suffices alone (role chaining)', () =>
    expect(
      assume({ principal: session, resourcePolicy: trust({ AWS: session.roleArn }) }),
      'Allow',
      'trust',
    ));
  it('same account: trust naming the account needs the identity side', () => {
    expect(assume({ principal: alice, resourcePolicy: trust({ AWS: A }) }), 'ImplicitDeny', 'identity');
    const id = pol('identity', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: ROLE }]);
    expect(
      assume({ principal: alice, identityPolicies: [id], resourcePolicy: trust({ AWS: A }) }),
      'Allow',
      'identity',
    );
  });
  it('same account: identity allow without the trust naming the caller is denied', () =>
    expect(
      assume({ principal: alice, identityPolicies: [allowAll], resourcePolicy: trust({ AWS: bobB.arn }) }),
      'ImplicitDeny',
      'trust',
    ));
  it('cross account: trust and identity both needed', () => {
    expect(assume({ principal: bobB, resourcePolicy: trust({ AWS: bobB.arn }) }), 'ImplicitDeny', 'identity');
    expect(
      assume({ principal: bobB, identityPolicies: [allowAll], resourcePolicy: trust({ AWS: B }) }),
      'Allow',
    );
    expect(
      assume({ principal: bobB, identityPolicies: [allowAll], resourcePolicy: trust({ AWS: A }) }),
      'ImplicitDeny',
      'trust',
    );
  });
  it('AssumeRoleWithWebIdentity: the Federated provider', () => {
    const web: RequestPrincipal = {
      type: 'WebIdentity',
      federatedProvider: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`,
    };
    const t = trust({ Federated: web.federatedProvider }, 'sts:AssumeRoleWithWebIdentity');
    expect(
      assume({ principal: web, action: 'sts:AssumeRoleWithWebIdentity', resourcePolicy: t }),
      'Allow',
      'trust',
    );
    expect(assume({ principal: web, action: 'sts:AssumeRole', resourcePolicy: t }), 'ImplicitDeny', 'trust');
    const other: RequestPrincipal = { type: 'WebIdentity', federatedProvider: 'accounts.google.com' };
    expect(
      assume({ principal: other, action: 'sts:AssumeRoleWithWebIdentity', resourcePolicy: t }),
      'ImplicitDeny',
      'trust',
    );
  });
  it('AssumeRoleWithSAML', () => {
    const saml: RequestPrincipal = {
      type: 'SAML',
      federatedProvider: `arn:aws:iam::${A}:saml-provider/Okta`,
    };
    const t = trust({ Federated: saml.federatedProvider }, 'sts:AssumeRoleWithSAML');
    expect(
      assume({ principal: saml, action: 'sts:AssumeRoleWithSAML', resourcePolicy: t }),
      'Allow',
      'trust',
    );
  });
  it('sts:TagSession and sts:SetSourceIdentity are separate trust permissions', () => {
    const t = trust({ AWS: alice.arn }, ['sts:AssumeRole', 'sts:TagSession']);
    expect(assume({ principal: alice, action: 'sts:TagSession', resourcePolicy: t }), 'Allow', 'trust');
    expect(
      assume({ principal: alice, action: 'sts:SetSourceIdentity', resourcePolicy: t }),
      'ImplicitDeny',
      'trust',
    );
  });
  it('service principal trust (EC2 instance profile)', () => {
    const ec2: RequestPrincipal = { type: 'Service', service: 'ec2.amazonaws.com' };
    expect(
      assume({ principal: ec2, resourcePolicy: trust({ Service: 'ec2.amazonaws.com' }) }),
      'Allow',
      'trust',
    );
  });
  it('explicit deny in a trust policy', () => {
    const t = pol('trust', [
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: A } },
      { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { AWS: alice.arn! } },
    ]);
    expect(
      assume({ principal: alice, identityPolicies: [allowAll], resourcePolicy: t }),
      'ExplicitDeny',
      'trust',
    );
  });
  it('SCPs apply to the caller of AssumeRole', () =>
    expect(
      assume({ principal: alice, resourcePolicy: trust({ AWS: alice.arn }), scps: [[scpOnlyEc2]] }),
      'ImplicitDeny',
      'scp',
    ));
});
