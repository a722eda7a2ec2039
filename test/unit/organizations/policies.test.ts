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
