import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgFixture, doc } from './helpers.js';

const A = '222222222222';
const SCP = 'SERVICE_CONTROL_POLICY';
const RCP = 'RESOURCE_CONTROL_POLICY';
const denyAll = doc([{ Effect: 'Deny', Action: '*', Resource: '*' }]);

test('detaching the last SCP of a target fails; with a replacement attached it works', async () => {
  const f = await orgFixture([A]);
  const ou = (await f.op('CreateOrganizationalUnit', { ParentId: f.rootId, Name: 'x' })).OrganizationalUnit;
  await f.op('EnablePolicyType', { RootId: f.rootId, PolicyType: SCP });
  const names = async (t: string) =>
    (await f.op('ListPoliciesForTarget', { TargetId: t, Filter: SCP })).Policies.map((p: any) => p.Name);
  assert.deepEqual(await names(ou.Id), ['FullAWSAccess']);
  assert.deepEqual(await names(A), ['FullAWSAccess']);
  assert.deepEqual(await names(f.rootId), ['FullAWSAccess']);
  for (const t of [ou.Id, A, f.rootId]) {
    assert.equal(
      await f.fails('DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: t }),
      'ConstraintViolationException/MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
    );
  }
  const p = (await f.op('CreatePolicy', { Name: 'deny', Description: '', Type: SCP, Content: denyAll }))
    .Policy;
  await f.op('AttachPolicy', { PolicyId: p.PolicySummary.Id, TargetId: ou.Id });
  await f.op('DetachPolicy', { PolicyId: 'p-FullAWSAccess', TargetId: ou.Id });
  assert.deepEqual(await names(ou.Id), ['deny']);
});

test('AttachPolicy: type not enabled, duplicate, 5 per target, unknown target/policy; DeletePolicy in use; AWS managed immutable', async () => {
  const f = await orgFixture([A]);
  const p = (await f.op('CreatePolicy', { Name: 'deny', Description: 'd', Type: SCP, Content: denyAll }))
    .Policy.PolicySummary;
  assert.match(p.Id, /^p-[0-9a-z]{8}$/);
  assert.equal(p.Arn, `arn:aws:organizations::123456789012:policy/${f.orgId}/service_control_policy/${p.Id}`);
  assert.equal(p.AwsManaged, false);
  assert.equal(
    await f.fails('AttachPolicy', { PolicyId: p.Id, TargetId: A }),
    'PolicyTypeNotEnabledException',
  );
  await f.op('EnablePolicyType', { RootId: f.rootId, PolicyType: SCP });
  assert.equal(
    await f.fails('EnablePolicyType', { RootId: f.rootId, PolicyType: SCP }),
    'PolicyTypeAlreadyEnabledException',
  );
  assert.equal(
    await f.fails('EnablePolicyType', { RootId: 'r-zzzz', PolicyType: SCP }),
    'RootNotFoundException',
  );
  await f.op('AttachPolicy', { PolicyId: p.Id, TargetId: A });
  assert.equal(
    await f.fails('AttachPolicy', { PolicyId: p.Id, TargetId: A }),
    'DuplicatePolicyAttachmentException',
  );
  assert.equal(
    await f.fails('AttachPolicy', { PolicyId: p.Id, TargetId: '999999999999' }),
    'TargetNotFoundException',
  );
  assert.equal(
    await f.fails('AttachPolicy', { PolicyId: 'p-00000000', TargetId: A }),
    'PolicyNotFoundException',
  );
  for (let i = 0; i < 3; i++) {
    const q = (await f.op('CreatePolicy', { Name: `q${i}`, Description: '', Type: SCP, Content: denyAll }))
      .Policy;
    await f.op('AttachPolicy', { PolicyId: q.PolicySummary.Id, TargetId: A });
  }
  const sixth = (await f.op('CreatePolicy', { Name: 'six', Description: '', Type: SCP, Content: denyAll }))
    .Policy;
  assert.equal(
    await f.fails('AttachPolicy', { PolicyId: sixth.PolicySummary.Id, TargetId: A }),
    'ConstraintViolationException/MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED',
  );
  assert.equal(await f.fails('DeletePolicy', { PolicyId: p.Id }), 'PolicyInUseException');
  assert.equal(
    await f.fails('DetachPolicy', { PolicyId: sixth.PolicySummary.Id, TargetId: A }),
    'PolicyNotAttachedException',
  );
  await f.op('DetachPolicy', { PolicyId: p.Id, TargetId: A });
  await f.op('DeletePolicy', { PolicyId: p.Id });
  assert.equal(await f.fails('DescribePolicy', { PolicyId: p.Id }), 'PolicyNotFoundException');
  assert.equal(
    await f.fails('DeletePolicy', { PolicyId: 'p-FullAWSAccess' }),
    'InvalidInputException/IMMUTABLE_POLICY',
  );
  assert.equal(
    await f.fails('UpdatePolicy', { PolicyId: 'p-FullAWSAccess', Name: 'x' }),
    'InvalidInputException/IMMUTABLE_POLICY',
  );
  const full = (await f.op('DescribePolicy', { PolicyId: 'p-FullAWSAccess' })).Policy;
  assert.equal(
    full.PolicySummary.Arn,
    'arn:aws:organizations::aws:policy/service_control_policy/p-FullAWSAccess',
  );
  assert.equal(full.PolicySummary.AwsManaged, true);
  assert.deepEqual(JSON.parse(full.Content).Statement, [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
  const targets = (await f.op('ListTargetsForPolicy', { PolicyId: 'p-FullAWSAccess' })).Targets;
  assert.deepEqual(targets.map((t: any) => t.Type).sort(), ['ACCOUNT', 'ACCOUNT', 'ROOT']);
  // Disabling the type detaches every SCP; re-enabling attaches FullAWSAccess everywhere again.
  await f.op('DisablePolicyType', { RootId: f.rootId, PolicyType: SCP });
  assert.deepEqual((await f.op('ListRoots')).Roots[0].PolicyTypes, []);
  assert.deepEqual((await f.op('ListTargetsForPolicy', { PolicyId: 'p-FullAWSAccess' })).Targets, []);
  assert.equal(
    await f.fails('DisablePolicyType', { RootId: f.rootId, PolicyType: SCP }),
    'PolicyTypeNotEnabledException',
  );
  await f.op('EnablePolicyType', { RootId: f.rootId, PolicyType: SCP });
  const back = await f.op('ListPoliciesForTarget', { TargetId: A, Filter: SCP });
  assert.deepEqual(
    back.Policies.map((x: any) => x.Name),
    ['FullAWSAccess'],
  );
});

test('CreatePolicy / UpdatePolicy: grammar, 5,120 characters, duplicate names, ListPolicies filter', async () => {
  const f = await orgFixture();
  const create = (Name: string, Content: string, Type = SCP) =>
    f.fails('CreatePolicy', { Name, Description: '', Type, Content });
  assert.equal(await create('a', '{not json'), 'MalformedPolicyDocumentException');
  assert.equal(
    await create('a', doc([{ Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }])),
    'MalformedPolicyDocumentException',
  );
  assert.equal(
    await create('a', doc([{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }]), RCP),
    'MalformedPolicyDocumentException',
    'customer RCPs may not Allow',
  );
  const big = doc([{ Sid: 'x'.repeat(5100), Effect: 'Deny', Action: '*', Resource: '*' }]);
  assert.equal(await create('a', big), 'ConstraintViolationException/POLICY_CONTENT_LIMIT_EXCEEDED');
  assert.equal(await create('a', denyAll, 'TAG_POLICY'), 'PolicyTypeNotAvailableForOrganizationException');
  const rcp = doc([{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }]);
  await f.op('CreatePolicy', { Name: 'a', Description: '', Type: RCP, Content: rcp });
  const s = (await f.op('CreatePolicy', { Name: 'a', Description: 'first', Type: SCP, Content: denyAll }))
    .Policy;
  assert.equal(await create('a', denyAll), 'DuplicatePolicyException');
  const list = async (Filter: string) =>
    (await f.op('ListPolicies', { Filter })).Policies.map((p: any) => p.Name);
  assert.deepEqual(await list(SCP), ['FullAWSAccess', 'a']);
  assert.deepEqual(await list(RCP), ['RCPFullAWSAccess', 'a']);
  const u = (
    await f.op('UpdatePolicy', {
      PolicyId: s.PolicySummary.Id,
      Description: 'second',
      Content: doc([{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }]),
    })
  ).Policy;
  assert.equal(u.PolicySummary.Description, 'second');
  assert.equal(u.PolicySummary.Name, 'a');
  assert.match(u.Content, /iam:\*/);
  assert.equal(
    await f.fails('UpdatePolicy', { PolicyId: s.PolicySummary.Id, Content: '[]' }),
    'MalformedPolicyDocumentException',
  );
});

test('RCPFullAWSAccess is attached by default and cannot be detached', async () => {
  const f = await orgFixture([A]);
  await f.op('EnablePolicyType', { RootId: f.rootId, PolicyType: RCP });
  const names = (await f.op('ListPoliciesForTarget', { TargetId: A, Filter: RCP })).Policies.map(
    (p: any) => p.Name,
  );
  assert.deepEqual(names, ['RCPFullAWSAccess']);
  assert.equal(
    await f.fails('DetachPolicy', { PolicyId: 'p-RCPFullAWSAccess', TargetId: A }),
    'InvalidInputException/NON_DETACHABLE_POLICY',
  );
  const r = (await f.op('ListRoots')).Roots[0];
  assert.deepEqual(r.PolicyTypes, [{ Type: RCP, Status: 'ENABLED' }]);
  assert.equal(r.Arn, `arn:aws:organizations::123456789012:root/${f.orgId}/${f.rootId}`);
});
