// userIdentity per identity type, as CloudTrail writes it; the session's secret never appears.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  userIdentityOf,
  webIdentityUser,
  awsServiceIdentity,
} from '../../../src/services/cloudtrail/user-identity.js';
import type { Caller } from '../../../src/services/caller.js';

const role = { arn: 'arn:aws:iam::111111111111:role/ci', id: 'AROAEXAMPLEEXAMPLE001', name: 'ci', path: '/' };
const provider = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';

function webSession(): Caller {
  const claims = {
    akid: 'ASIAEXAMPLE',
    secret: 'session-secret-key',
    account: '111111111111',
    type: 'WebIdentityUser' as const,
    arn: 'arn:aws:sts::111111111111:assumed-role/ci/gh',
    userId: `${role.id}:gh`,
    role,
    sessionName: 'gh',
    iat: Date.parse('2024-01-02T03:04:05.678Z'),
    exp: 0,
    depth: 1,
    sourceIdentity: 'octocat',
    origin: { arn: provider, provider, subject: 'repo:o/r:ref:refs/heads/main' },
  };
  return {
    type: 'AssumedRole',
    accountId: '111111111111',
    arn: claims.arn,
    userId: claims.userId,
    accessKeyId: 'ASIAEXAMPLE',
    role,
    sessionName: 'gh',
    session: { claims, mfaAuthenticated: false, issuedAt: '', sourceIdentity: 'octocat' },
  };
}

test('a web identity session: AssumedRole with webIdFederationData and sourceIdentity', () => {
  const ui = userIdentityOf(webSession());
  assert.deepEqual(ui, {
    type: 'AssumedRole',
    principalId: `${role.id}:gh`,
    arn: 'arn:aws:sts::111111111111:assumed-role/ci/gh',
    accountId: '111111111111',
    accessKeyId: 'ASIAEXAMPLE',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: role.id,
        arn: role.arn,
        accountId: '111111111111',
        userName: 'ci',
      },
      webIdFederationData: { federatedProvider: provider, attributes: {} },
      attributes: { creationDate: '2024-01-02T03:04:05Z', mfaAuthenticated: 'false' },
      sourceIdentity: 'octocat',
    },
  });
  assert.ok(!JSON.stringify(ui).includes('session-secret-key'));
});

test('AssumeRoleWithWebIdentity caller, root, AWS service', () => {
  assert.deepEqual(webIdentityUser(provider, 'sts.amazonaws.com', 'repo:o/r'), {
    type: 'WebIdentityUser',
    principalId: `${provider}:sts.amazonaws.com:repo:o/r`,
    userName: 'repo:o/r',
    identityProvider: provider,
  });
  assert.deepEqual(
    userIdentityOf({
      type: 'Root',
      accountId: '1',
      arn: 'arn:aws:iam::1:root',
      userId: '1',
      accessKeyId: 'AKIA1',
    }),
    { type: 'Root', principalId: '1', arn: 'arn:aws:iam::1:root', accountId: '1', accessKeyId: 'AKIA1' },
  );
  assert.deepEqual(awsServiceIdentity('ec2.amazonaws.com'), {
    type: 'AWSService',
    invokedBy: 'ec2.amazonaws.com',
  });
});
