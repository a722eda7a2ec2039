import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeContext } from '../../../../src/policy/context.js';
import { actionServicePrefix, compileActionList } from '../../../../src/policy/match/action.js';
import { compileGlob } from '../../../../src/policy/match/glob.js';
import {
  ACCOUNT_MATCH,
  DIRECT_MATCH,
  NO_MATCH,
  ROLE_MATCH,
  WILDCARD_MATCH,
  compileNotPrincipal,
  compilePrincipal,
} from '../../../../src/policy/match/principal.js';
import { compileResourceList } from '../../../../src/policy/match/resource.js';
import type { RequestPrincipal } from '../../../../src/policy/principal.js';
import { A, B, alice, anonymous, bobB, cloudtrail, principalSpec, root, session } from '../flow/helpers.js';

const none = makeContext({});

describe('glob', () => {
  const cases: [string, string, boolean][] = [
    ['*', '', true],
    ['*', 'anything:at/all', true],
    ['abc', 'abc', true],
    ['abc', 'abd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*c', 'ac', true],
    ['a*c', 'abbbc', true],
    ['a*c', 'abbbd', false],
    ['*c', 'abc', true],
    ['ab*', 'abc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'axxbyy', false],
    ['**', 'x', true],
    ['?', '', false],
    ['*a*a*a*a*b', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false],
  ];
  for (const [p, s, want] of cases)
    it(`${p} ~ ${JSON.stringify(s)} = ${want}`, () => assert.equal(compileGlob(p)(s), want));
});

describe('actions', () => {
  const cases: [string[], string, boolean][] = [
    [['s3:GetObject'], 'S3:getobject', true],
    [['S3:GET*'], 's3:GetObject', true],
    [['s3:Get*'], 's3:PutObject', false],
    [['*'], 'iam:CreateUser', true],
    [['s3:*'], 's3express:CreateSession', false],
    [['s3*:*'], 's3express:CreateSession', true],
    [['iam:*User'], 'iam:CreateUser', true],
    [['iam:*User'], 'iam:CreateUsers', false],
    [['ec2:Describe?pc*'], 'ec2:DescribeVpcs', true],
    [['ec2:Describe?pc*'], 'ec2:DescribeVpcEndpoints', true],
    [['sts:AssumeRole', 'sts:TagSession'], 'sts:TagSession', true],
    [['sts:AssumeRole'], 'sts:AssumeRoleWithSAML', false],
  ];
  for (const [ps, a, want] of cases)
    it(`${ps.join(',')} ~ ${a} = ${want}`, () => assert.equal(compileActionList(ps)(a.toLowerCase()), want));

  it('service prefixes for the statement index', () => {
    assert.equal(actionServicePrefix('S3:Get*'), 's3');
    assert.equal(actionServicePrefix('*'), undefined);
    assert.equal(actionServicePrefix('s3*:Get'), undefined);
    assert.equal(actionServicePrefix('?3:Get'), undefined);
  });
});

describe('resources', () => {
  const cases: [string, string, boolean][] = [
    ['*', 'arn:aws:s3:::b/k', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/k/deep/x', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::B/k', false], // case-sensitive
    ['arn:aws:iam::111122223333:user/Bob', 'arn:aws:iam::111122223333:user/bob', false],
    ['arn:aws:s3:::b', 'arn:aws:s3:::b', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b', false],
    // * inside a segment stays in the segment
    ['arn:aws:ec2:us-*-1:111122223333:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', true],
    ['arn:aws:ec2:us-*1:111122223333:instance/*', 'arn:aws:ec2:us-east:x1:111122223333:instance/i-1', false],
    [
      'arn:aws:ec2:u?-east-1:111122223333:instance/*',
      'arn:aws:ec2:us-east-1:111122223333:instance/i-1',
      true,
    ],
    ['arn:aws:ec2:us-east-?:*:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', true],
    // a * that ends a segment may expand across colons
    ['arn:aws:s3:*', 'arn:aws:s3:::bucket/key', true],
    ['arn:aws:ec2:*:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', true],
    ['arn:aws:ec2:*:*:instance/*', 'arn:aws:ec2:us-east-1:111122223333:instance/i-1', true],
    ['arn:aws:sns:*:111122223333:*', 'arn:aws:sns:us-east-1:111122223333:topic', true],
    ['arn:aws:sns:*:111122223333:*', 'arn:aws:sns:us-east-1:444455556666:topic', false],
    // mid-segment * cannot cross a colon
    ['arn:aws:ec2:us*east-1:111122223333:instance/*', 'arn:aws:ec2:us:east-1:111122223333:instance/i', false],
    // in the resource part (after the fifth colon) wildcards match colons
    [
      'arn:aws:logs:us-east-1:111122223333:log-group:*',
      'arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s',
      true,
    ],
    [
      'arn:aws:logs:us-east-1:111122223333:log-group:g?x',
      'arn:aws:logs:us-east-1:111122223333:log-group:g:x',
      true,
    ],
  ];
  for (const [p, r, want] of cases)
    it(`${p} ~ ${r} = ${want}`, () => assert.equal(compileResourceList([p], true)(r, none), want));

  it('policy variables resolve to literals; unresolvable never matches', () => {
    const m = compileResourceList(['arn:aws:s3:::home/${aws:username}/*'], true);
    assert.equal(m('arn:aws:s3:::home/alice/f', makeContext({ 'aws:username': 'alice' })), true);
    assert.equal(m('arn:aws:s3:::home/bob/f', makeContext({ 'aws:username': 'alice' })), false);
    assert.equal(m('arn:aws:s3:::home/alice/f', none), false);
    // a * in the value is literal, not a wildcard
    assert.equal(m('arn:aws:s3:::home/xyz/f', makeContext({ 'aws:username': '*' })), false);
    assert.equal(m('arn:aws:s3:::home/*/f', makeContext({ 'aws:username': '*' })), true);
  });

  it('variable defaults and escapes', () => {
    const m = compileResourceList(["arn:aws:s3:::b/${aws:PrincipalTag/team, 'none'}/${*}"], true);
    assert.equal(m('arn:aws:s3:::b/none/*', none), true);
    assert.equal(m('arn:aws:s3:::b/none/x', none), false);
    assert.equal(m('arn:aws:s3:::b/red/*', makeContext({ 'aws:PrincipalTag/team': 'red' })), true);
  });

  it('variables are literal text in 2008-10-17 policies', () => {
    const m = compileResourceList(['arn:aws:s3:::b/${aws:username}'], false);
    assert.equal(m('arn:aws:s3:::b/${aws:username}', makeContext({ 'aws:username': 'x' })), true);
    assert.equal(m('arn:aws:s3:::b/x', makeContext({ 'aws:username': 'x' })), false);
  });

  it('several patterns: any matches', () => {
    const m = compileResourceList(['arn:aws:s3:::a', 'arn:aws:s3:::b/*'], true);
    assert.equal(m('arn:aws:s3:::a', none), true);
    assert.equal(m('arn:aws:s3:::b/x', none), true);
    assert.equal(m('arn:aws:s3:::c', none), false);
  });
});

describe('principals', () => {
  const sessionOther: RequestPrincipal = {
    ...session,
    arn: `arn:aws:sts::${A}:assumed-role/Dev/other`,
    userId: 'AROADEV:other',
  };
  const web: RequestPrincipal = { type: 'WebIdentity', federatedProvider: 'accounts.google.com' };
  const oidc: RequestPrincipal = {
    type: 'WebIdentity',
    federatedProvider: `arn:aws:iam::${A}:oidc-provider/token.actions.githubusercontent.com`,
  };
  const saml: RequestPrincipal = { type: 'SAML', federatedProvider: `arn:aws:iam::${A}:saml-provider/Okta` };
  const cases: [string, Parameters<typeof principalSpec>[0], RequestPrincipal, number][] = [
    ['account id covers users', { AWS: A }, alice, ACCOUNT_MATCH],
    ['root ARN covers sessions', { AWS: `arn:aws:iam::${A}:root` }, session, ACCOUNT_MATCH],
    ['root ARN covers the root user', { AWS: `arn:aws:iam::${A}:root` }, root, ACCOUNT_MATCH],
    ['other account', { AWS: B }, alice, NO_MATCH],
    ['user ARN', { AWS: alice.arn! }, alice, DIRECT_MATCH],
    ['user ARN is not another user', { AWS: alice.arn! }, bobB, NO_MATCH],
    ['role ARN matches its sessions', { AWS: session.roleArn! }, session, ROLE_MATCH],
    ['role ARN matches any session', { AWS: session.roleArn! }, sessionOther, ROLE_MATCH],
    ['session ARN matches that session', { AWS: session.arn! }, session, DIRECT_MATCH],
    ['session ARN does not match other sessions', { AWS: session.arn! }, sessionOther, NO_MATCH],
    ['role unique id', { AWS: 'AROADEV' }, session, ROLE_MATCH],
    ['user unique id', { AWS: 'AIDAALICE' }, alice, DIRECT_MATCH],
    ['"*" matches users', '*', alice, WILDCARD_MATCH],
    ['"*" matches anonymous', '*', anonymous, WILDCARD_MATCH],
    ['AWS "*" matches anonymous', { AWS: '*' }, anonymous, WILDCARD_MATCH],
    ['account does not match anonymous', { AWS: A }, anonymous, NO_MATCH],
    ['service principal', { Service: 'cloudtrail.amazonaws.com' }, cloudtrail, DIRECT_MATCH],
    ['service principal not another', { Service: 'ec2.amazonaws.com' }, cloudtrail, NO_MATCH],
    ['service is not an account principal', { AWS: A }, cloudtrail, NO_MATCH],
    ['OIDC host', { Federated: 'accounts.google.com' }, web, DIRECT_MATCH],
    ['OIDC provider ARN', { Federated: oidc.federatedProvider! }, oidc, DIRECT_MATCH],
    ['OIDC provider ARN vs other provider', { Federated: oidc.federatedProvider! }, web, NO_MATCH],
    ['SAML provider ARN', { Federated: saml.federatedProvider! }, saml, DIRECT_MATCH],
    ['Federated does not match users', { Federated: saml.federatedProvider! }, alice, NO_MATCH],
  ];
  for (const [name, spec, p, want] of cases)
    it(name, () => assert.equal(compilePrincipal(principalSpec(spec))(p), want));

  const notCases: [string, Parameters<typeof principalSpec>[0], RequestPrincipal, boolean][] = [
    ['user + account excluded', { AWS: [alice.arn!, A] }, alice, false],
    ['user alone: account still applies', { AWS: alice.arn! }, alice, true],
    [
      'other user applies',
      { AWS: [alice.arn!, A] },
      { ...alice, arn: `arn:aws:iam::${A}:user/carol`, userId: 'AIDAC' },
      true,
    ],
    [
      'session + role + account excluded',
      { AWS: [session.arn!, session.roleArn!, `arn:aws:iam::${A}:root`] },
      session,
      false,
    ],
    ['role + account without session applies', { AWS: [session.roleArn!, A] }, session, true],
    ['root excluded by account', { AWS: A }, root, false],
    ['anonymous applies', { AWS: A }, anonymous, true],
    ['"*" excludes everyone', '*', anonymous, false],
    ['service excluded', { Service: 'cloudtrail.amazonaws.com' }, cloudtrail, false],
  ];
  for (const [name, spec, p, applies] of notCases)
    it(`NotPrincipal: ${name}`, () =>
      assert.equal(compileNotPrincipal(principalSpec(spec))(p) !== NO_MATCH, applies));
});
