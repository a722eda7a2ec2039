// Principal shapes, the classification of "AWS" values, and the list the server checks for existence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accepts, doc } from './helpers.js';
import { classifyAwsPrincipal, listAwsPrincipals } from '../../../../src/policy/parse/index.js';

const trust = (Principal: unknown) => doc({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' });

const validAws = [
  '*',
  '123456789012',
  'arn:aws:iam::123456789012:root',
  'arn:aws:iam::123456789012:user/Bob',
  'arn:aws:iam::123456789012:user/division_abc/subdivision_xyz/Bob',
  'arn:aws:iam::123456789012:role/service-role/my.role+x=y,z@w',
  'arn:aws:sts::123456789012:assumed-role/admin-role/session-name',
  'arn:aws:sts::123456789012:federated-user/Carol',
  'arn:aws-cn:iam::123456789012:root',
  'AIDAJQABLZS4A3QDU576Q',
  'AROADBQP57FF2AEXAMPLE',
];
for (const v of validAws) test(`valid AWS principal: ${v}`, () => void accepts(trust({ AWS: v }), 'trust'));

const invalidAws = [
  'not-an-arn',
  '12345678901',
  '1234567890123',
  'arn:aws:iam::123456789012:group/Admins',
  'arn:aws:iam::123456789012:role/*',
  'arn:aws:iam::*:root',
  'arn:aws:iam::123456789012:user/',
  'arn:foo:iam::123456789012:root',
  'arn:aws:s3:::bucket',
  'arn:aws:sts::123456789012:assumed-role/admin-role',
  'AKIAIOSFODNN7EXAMPLE',
  '',
];
for (const v of invalidAws) {
  test(`invalid AWS principal: ${JSON.stringify(v)}`, () => {
    assert.throws(() => accepts(trust({ AWS: v }), 'trust'), {
      message: `Invalid principal in policy: "AWS":"${v}"`,
    });
  });
}

const validOther: [string, string][] = [
  ['Service', 'ec2.amazonaws.com'],
  ['Service', 'states.eu-west-1.amazonaws.com'],
  ['Service', 'ec2.amazonaws.com.cn'],
  ['Federated', 'cognito-identity.amazonaws.com'],
  ['Federated', 'accounts.google.com'],
  ['Federated', 'graph.facebook.com'],
  ['Federated', 'www.amazon.com'],
  ['Federated', 'arn:aws:iam::123456789012:saml-provider/Okta'],
  ['Federated', 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC'],
  ['CanonicalUser', '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be'],
];
for (const [type, v] of validOther) {
  test(`valid ${type} principal: ${v}`, () => void accepts(trust({ [type]: v }), 'trust'));
}

test('principal normalisation: "*", {"AWS":"*"}, mixed lists', () => {
  const [a, b, c] = [
    trust('*'),
    trust({ AWS: '*' }),
    trust({ AWS: ['111122223333'], Service: 'ec2.amazonaws.com' }),
  ].map((d) => accepts(d, 'trust').statements[0]!.principal);
  assert.deepEqual(a, { wildcard: true, aws: [], service: [], federated: [], canonicalUser: [] });
  assert.deepEqual(b, { wildcard: true, aws: ['*'], service: [], federated: [], canonicalUser: [] });
  assert.deepEqual(c, {
    wildcard: false,
    aws: ['111122223333'],
    service: ['ec2.amazonaws.com'],
    federated: [],
    canonicalUser: [],
  });
});

test('classifyAwsPrincipal', () => {
  assert.deepEqual(classifyAwsPrincipal('*'), { kind: 'wildcard' });
  assert.deepEqual(classifyAwsPrincipal('123456789012'), { kind: 'account', accountId: '123456789012' });
  assert.deepEqual(classifyAwsPrincipal('arn:aws:iam::123456789012:root'), {
    kind: 'root',
    partition: 'aws',
    accountId: '123456789012',
  });
  assert.deepEqual(classifyAwsPrincipal('arn:aws:iam::123456789012:role/a/b/R'), {
    kind: 'role',
    partition: 'aws',
    accountId: '123456789012',
    path: '/a/b/',
    name: 'R',
  });
  assert.deepEqual(classifyAwsPrincipal('arn:aws:iam::123456789012:user/U'), {
    kind: 'user',
    partition: 'aws',
    accountId: '123456789012',
    path: '/',
    name: 'U',
  });
  assert.deepEqual(classifyAwsPrincipal('arn:aws:sts::123456789012:assumed-role/R/s@x'), {
    kind: 'assumed-role',
    partition: 'aws',
    accountId: '123456789012',
    name: 'R',
    session: 's@x',
  });
  assert.deepEqual(classifyAwsPrincipal('arn:aws:sts::123456789012:federated-user/F'), {
    kind: 'federated-user',
    partition: 'aws',
    accountId: '123456789012',
    name: 'F',
  });
  assert.deepEqual(classifyAwsPrincipal('AROADBQP57FF2AEXAMPLE'), { kind: 'unique-id' });
  assert.equal(classifyAwsPrincipal('arn:aws:iam::123456789012:group/G'), undefined);
});

test('listAwsPrincipals: distinct, document order, Principal and NotPrincipal, without "*"', () => {
  const d = accepts(
    doc([
      {
        Effect: 'Allow',
        Principal: { AWS: ['*', '111122223333', 'arn:aws:iam::111122223333:role/R'] },
        Action: 's3:*',
        Resource: '*',
      },
      {
        Effect: 'Deny',
        NotPrincipal: { AWS: '111122223333', Service: 'ec2.amazonaws.com' },
        Action: 's3:*',
        Resource: '*',
      },
      { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' },
    ]),
    'resource',
  );
  assert.deepEqual(listAwsPrincipals(d), ['111122223333', 'arn:aws:iam::111122223333:role/R']);
});
