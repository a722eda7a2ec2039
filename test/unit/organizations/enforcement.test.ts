// SCPs and RCPs through the server's Authorizer with the organization lookup the server installs:
// levels root → OU → account, the management account and service-linked roles exempt, the cache
// following every change, and the organization context keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgFixture, doc, type OrgFixture } from './helpers.js';
import { opContext } from '../../helpers/op-context.js';
import { Authorizer } from '../../../src/server/authorize.js';
import { orgKeysLookup, orgPolicyLookup, orgView } from '../../../src/services/organizations/enforcement.js';
import { putRole, roleArn } from '../../../src/services/iam/model.js';
import type { Caller } from '../../../src/services/caller.js';
import { accessDeniedMessage } from '../../../src/policy/index.js';

const A = '222222222222';
const MGMT = '123456789012';
const SCP = 'SERVICE_CONTROL_POLICY';

async function roleCaller(f: OrgFixture, account: string, name: string, path = '/'): Promise<Caller> {
  const arn = roleArn(account, path, name);
  await putRole(f.env.store, account, {
    roleName: name,
    roleId: `AROA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    arn,
    path,
    createDate: new Date().toISOString(),
    assumeRolePolicyDocument: doc([]),
    maxSessionDuration: 3600,
    tags: [],
    attachedPolicyArns: [],
    inlinePolicies: { all: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
  });
  return {
    type: 'AssumedRole',
    accountId: account,
    arn: `arn:aws:sts::${account}:assumed-role/${name}/s`,
    userId: 'AROAX:s',
    role: { arn, id: 'AROAX', name, path },
    sessionName: 's',
  };
}

function authorizer(f: OrgFixture): Authorizer {
  const a = new Authorizer(f.env);
  a.orgPolicies = orgPolicyLookup(f.env.store);
  a.orgKeys = orgKeysLookup(f.env.store);
  return a;
}

test('a deny SCP on an OU: the member role below is denied, the management account and service-linked roles are not', async () => {
  const f = await orgFixture([A]);
  const authz = authorizer(f);
  const admin = await roleCaller(f, A, 'admin');
  const slr = await roleCaller(f, A, 'AWSServiceRoleForX', '/aws-service-role/x.amazonaws.com/');
  const mgmtAdmin = await roleCaller(f, MGMT, 'admin');
  const decide = (c: Caller, action = 's3:ListAllMyBuckets') =>
    authz.decide(opContext(f.env, c), { action, resource: '*' });
  assert.equal(decide(admin).allowed, true);

  const ou = (await f.op('CreateOrganizationalUnit', { ParentId: f.rootId, Name: 'w' })).OrganizationalUnit
    .Id;
  await f.op('MoveAccount', { AccountId: A, SourceParentId: f.rootId, DestinationParentId: ou });
  await f.op('EnablePolicyType', { RootId: f.rootId, PolicyType: SCP });
  assert.equal(decide(admin).allowed, true, 'FullAWSAccess at every level');
  const p = (
    await f.op('CreatePolicy', {
      Name: 'no-s3',
      Description: '',
      Type: SCP,
      Content: doc([{ Effect: 'Deny', Action: 's3:*', Resource: '*' }]),
    })
  ).Policy.PolicySummary;
  await f.op('AttachPolicy', { PolicyId: p.Id, TargetId: ou });
  const d = decide(admin);
  assert.equal(d.allowed, false);
  assert.equal(d.source, 'scp');
  assert.equal(d.level, 1, 'the OU level');
  assert.equal(d.policy?.meta.arn, p.Arn);
  assert.equal(
    accessDeniedMessage(d, { principalArn: admin.arn, action: 's3:ListAllMyBuckets', resource: '*' }),
    `User: ${admin.arn} is not authorized to perform: s3:ListAllMyBuckets on resource: * with an explicit deny in a service control policy`,
  );
  assert.equal(decide(admin, 'iam:ListRoles').allowed, true);
  assert.equal(decide(slr).allowed, true, 'service-linked roles are exempt');
  await f.op('AttachPolicy', { PolicyId: p.Id, TargetId: f.rootId });
  assert.equal(decide(mgmtAdmin).allowed, true, 'the management account is exempt');

  // Allow list at the account level: only what it lists passes.
  await f.op('DetachPolicy', { PolicyId: p.Id, TargetId: ou });
  await f.op('DetachPolicy', { PolicyId: p.Id, TargetId: f.rootId });
  const allow = (
    await f.op('CreatePolicy', {
      Name: 'iam-only',
      Description: '',
      Type: SCP,
      Content: doc([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]),
    })
  ).Policy.PolicySummary;
  await f.op('AttachPolicy', { PolicyId: allow.Id, TargetId: A });
  await f.op('DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: A });
  const implicit = decide(admin);
  assert.equal(implicit.allowed, false);
  assert.equal(implicit.level, 2);
  assert.match(
    accessDeniedMessage(implicit, { principalArn: admin.arn, action: 's3:ListAllMyBuckets', resource: '*' }),
    /because no service control policy allows the s3:ListAllMyBuckets action$/,
  );
  assert.equal(decide(admin, 'iam:CreateUser').allowed, true);
  // UpdatePolicy takes effect at once.
  await f.op('UpdatePolicy', {
    PolicyId: allow.Id,
    Content: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  });
  assert.equal(decide(admin).allowed, true);
  // Leaving the organization drops the SCPs.
  await f.op('UpdatePolicy', {
    PolicyId: allow.Id,
    Content: doc([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }]),
  });
  assert.equal(decide(admin).allowed, false);
  await f.op('RemoveAccountFromOrganization', { AccountId: A });
  assert.equal(decide(admin).allowed, true);
  assert.equal(orgView(f.env.store, A), undefined);
});

test('RCPs apply to resources of member accounts; org keys in the context; the view is cached until a change', async () => {
  const f = await orgFixture([A]);
  const authz = authorizer(f);
  const outsider = await roleCaller(f, '999999999999', 'ext');
  const insider = await roleCaller(f, MGMT, 'admin');
  const bucket = { action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', resourceAccount: A };
  const policy = doc([
    { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
  ]);
  const { compilePolicy, parsePolicy } = await import('../../../src/policy/index.js');
  const resourcePolicy = compilePolicy(parsePolicy(policy, 'resource'), { type: 'resource' });
  const decide = (c: Caller) => authz.decide(opContext(f.env, c), { ...bucket, resourcePolicy });
  assert.equal(decide(outsider).allowed, true);

  await f.op('EnablePolicyType', { RootId: f.rootId, PolicyType: 'RESOURCE_CONTROL_POLICY' });
  const before = orgView(f.env.store, A);
  assert.equal(orgView(f.env.store, A), before, 'served from the cache');
  const rcp = (
    await f.op('CreatePolicy', {
      Name: 'perimeter',
      Description: '',
      Type: 'RESOURCE_CONTROL_POLICY',
      Content: doc([
        {
          Effect: 'Deny',
          Principal: '*',
          Action: 's3:*',
          Resource: '*',
          Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': f.orgId } },
        },
      ]),
    })
  ).Policy.PolicySummary;
  await f.op('AttachPolicy', { PolicyId: rcp.Id, TargetId: A });
  assert.notEqual(orgView(f.env.store, A), before, 'rebuilt after the change');
  const d = decide(outsider);
  assert.equal(d.allowed, false);
  assert.equal(d.source, 'rcp');
  assert.match(
    accessDeniedMessage(d, { principalArn: outsider.arn, action: 's3:GetObject', resource: bucket.resource }),
    /with an explicit deny in a resource control policy$/,
  );
  assert.equal(decide(insider).allowed, true, 'aws:PrincipalOrgID matches');

  const view = orgView(f.env.store, A)!;
  assert.equal(view.orgId, f.orgId);
  assert.deepEqual(view.paths, [`${f.orgId}/${f.rootId}/`]);
});
