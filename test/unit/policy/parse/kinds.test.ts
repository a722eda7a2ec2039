// Rules that depend on the kind of policy: trust, resource, session/boundary, SCP, RCP.
import { test } from 'node:test';
import { accepts, rejects, V, doc } from './helpers.js';
import type { PolicyKind } from '../../../../src/policy/ast.js';

const ORG = 'The provided policy document does not meet the requirements of the specified policy type.';
const TRUST_ACTIONS =
  'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity';
const T = { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' };
const R = {
  Effect: 'Allow',
  Principal: { AWS: '123456789012' },
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::b/*',
};
const A = { Effect: 'Allow', Action: '*', Resource: '*' };
const RCP = { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' };

type Case = [string, PolicyKind, unknown, string | null];
const cases: Case[] = [
  // trust
  ['trust: AssumeRole', 'trust', doc(T), null],
  [
    'trust: TagSession + SetSourceIdentity',
    'trust',
    doc({ ...T, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }),
    null,
  ],
  ['trust: wildcard matching AssumeRole*', 'trust', doc({ ...T, Action: 'sts:AssumeRole*' }), null],
  ['trust: action case-insensitive', 'trust', doc({ ...T, Action: 'STS:assumerole' }), null],
  ['trust: no Version', 'trust', { Statement: T }, null],
  ['trust: s3 action', 'trust', doc({ ...T, Action: 's3:GetObject' }), TRUST_ACTIONS],
  ['trust: wildcard matching no STS action', 'trust', doc({ ...T, Action: 'sts:Foo*' }), TRUST_ACTIONS],
  ['trust: NotAction', 'trust', doc({ ...T, Action: undefined, NotAction: 'sts:AssumeRole' }), TRUST_ACTIONS],
  ['trust: Resource', 'trust', doc({ ...T, Resource: '*' }), 'Has prohibited field Resource.'],
  ['trust: NotResource', 'trust', doc({ ...T, NotResource: '*' }), 'Has prohibited field Resource.'],
  ['trust: no Principal', 'trust', doc({ ...T, Principal: undefined }), 'Missing required field Principal.'],
  [
    'trust: bad AWS principal',
    'trust',
    doc({ ...T, Principal: { AWS: 'not-an-arn' } }),
    'Invalid principal in policy: "AWS":"not-an-arn"',
  ],
  [
    'trust: empty Service',
    'trust',
    doc({ ...T, Principal: { Service: '' } }),
    'Invalid principal in policy: "SERVICE":""',
  ],
  [
    'trust: Service without domain',
    'trust',
    doc({ ...T, Principal: { Service: 'lambda' } }),
    'Invalid principal in policy: "SERVICE":"lambda"',
  ],
  [
    'trust: NotPrincipal with Allow',
    'trust',
    doc({ ...T, Principal: undefined, NotPrincipal: { AWS: '123456789012' } }),
    'Invalid principal in policy: NotPrincipal can only be used with Effect Deny.',
  ],
  [
    'trust: empty AWS list',
    'trust',
    doc({ ...T, Principal: { AWS: [] } }),
    'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!',
  ],
  [
    'trust: principal type unknown',
    'trust',
    doc({ ...T, Principal: { Foo: 'x' } }),
    'Syntax errors in policy.',
  ],
  [
    'trust: principal as ARN string',
    'trust',
    doc({ ...T, Principal: 'arn:aws:iam::123456789012:root' }),
    'Syntax errors in policy.',
  ],
  ['trust: principal as array', 'trust', doc({ ...T, Principal: ['*'] }), 'Syntax errors in policy.'],
  [
    'trust: principal value number',
    'trust',
    doc({ ...T, Principal: { AWS: 123456789012 } }),
    'Syntax errors in policy.',
  ],
  [
    'trust: Principal and NotPrincipal',
    'trust',
    doc({ ...T, NotPrincipal: '*' }),
    'Syntax errors in policy.',
  ],
  [
    'trust: common phases still apply',
    'trust',
    doc({ ...T, Effect: 'allow' }),
    'The policy failed legacy parsing',
  ],
  // resource-based
  ['resource: account principal', 'resource', doc(R), null],
  ['resource: Sid with spaces allowed', 'resource', doc({ ...R, Sid: 'Allow use of the key' }), null],
  [
    'resource: NotPrincipal with Deny',
    'resource',
    doc({
      ...R,
      Effect: 'Deny',
      Principal: undefined,
      NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' },
    }),
    null,
  ],
  [
    'resource: no Principal',
    'resource',
    doc({ ...R, Principal: undefined }),
    'Missing required field Principal.',
  ],
  [
    'resource: no Resource',
    'resource',
    doc({ ...R, Resource: undefined }),
    'Policy statement must contain resources.',
  ],
  [
    'resource: wildcard role ARN principal',
    'resource',
    doc({ ...R, Principal: { AWS: 'arn:aws:iam::123456789012:role/*' } }),
    'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:role/*"',
  ],
  [
    'resource: group is not a principal',
    'resource',
    doc({ ...R, Principal: { AWS: 'arn:aws:iam::123456789012:group/g' } }),
    'Invalid principal in policy: "AWS":"arn:aws:iam::123456789012:group/g"',
  ],
  [
    'resource: bad canonical user',
    'resource',
    doc({ ...R, Principal: { CanonicalUser: 'abc' } }),
    'Invalid principal in policy: "CANONICAL_USER":"abc"',
  ],
  [
    'resource: bad federated',
    'resource',
    doc({ ...R, Principal: { Federated: 'not a host' } }),
    'Invalid principal in policy: "FEDERATED":"not a host"',
  ],
  // session and boundary behave as identity policies
  ['session: valid', 'session', doc(A), null],
  [
    'session: Principal',
    'session',
    doc({ ...A, Principal: '*' }),
    'Policy document should not specify a principal.',
  ],
  [
    'session: no Resource',
    'session',
    doc({ ...A, Resource: undefined }),
    'Policy statement must contain resources.',
  ],
  ['boundary: valid', 'boundary', doc(A), null],
  [
    'boundary: Principal',
    'boundary',
    doc({ ...A, Principal: { AWS: '*' } }),
    'Policy document should not specify a principal.',
  ],
  [
    'identity: Sid with underscore',
    'identity',
    doc({ ...A, Sid: 'a_b' }),
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  ],
  // SCP: full IAM language except principals; Organizations has one message for every fault
  ['scp: Allow *', 'scp', doc(A), null],
  [
    'scp: Allow with Condition',
    'scp',
    doc({ ...A, Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }),
    null,
  ],
  ['scp: Allow NotAction', 'scp', doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }), null],
  [
    'scp: Deny NotResource',
    'scp',
    doc({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/*' }),
    null,
  ],
  ['scp: no Version', 'scp', { Statement: A }, ORG],
  ['scp: 2008 Version', 'scp', { Version: '2008-10-17', Statement: A }, ORG],
  ['scp: Principal', 'scp', doc({ ...A, Principal: '*' }), ORG],
  ['scp: NotPrincipal', 'scp', doc({ ...A, Effect: 'Deny', NotPrincipal: { AWS: '123456789012' } }), ORG],
  ['scp: not JSON', 'scp', '{', ORG],
  ['scp: no vendor', 'scp', doc({ ...A, Action: 'foo' }), ORG],
  ['scp: no Resource', 'scp', doc({ Effect: 'Deny', Action: 's3:*' }), ORG],
  ['scp: Sid with dash', 'scp', doc({ ...A, Sid: 'a-b' }), ORG],
  // RCP
  ['rcp: Deny with Principal *', 'rcp', doc(RCP), null],
  ['rcp: Allow (customer)', 'rcp', doc({ ...RCP, Effect: 'Allow' }), ORG],
  ['rcp: no Principal', 'rcp', doc({ ...RCP, Principal: undefined }), ORG],
  ['rcp: account Principal', 'rcp', doc({ ...RCP, Principal: { AWS: '123456789012' } }), ORG],
  ['rcp: AWS * Principal', 'rcp', doc({ ...RCP, Principal: { AWS: '*' } }), ORG],
  ['rcp: NotPrincipal', 'rcp', doc({ ...RCP, Principal: undefined, NotPrincipal: '*' }), ORG],
  ['rcp: NotAction', 'rcp', doc({ ...RCP, Action: undefined, NotAction: 's3:GetObject' }), ORG],
  ['rcp: no Version', 'rcp', { Statement: RCP }, ORG],
  ['rcp: no Resource', 'rcp', doc({ ...RCP, Resource: undefined }), ORG],
];

for (const [name, kind, document, message] of cases) {
  test(name, () => (message === null ? void accepts(document, kind) : rejects(document, kind, message)));
}

test('rcp: AWS managed RCPFullAWSAccess may Allow', () => {
  accepts(doc({ ...RCP, Effect: 'Allow', Action: '*' }), 'rcp', { awsManaged: true });
});

test('trust: 2008-10-17 trust policy with managed=false', () => {
  accepts({ Version: '2008-10-17', Statement: [T] }, 'trust');
  void V;
});
