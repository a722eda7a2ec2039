import { test } from 'node:test';
import assert from 'node:assert/strict';
import { orgFixture } from './helpers.js';

const A = '222222222222';
const B = '333333333333';

test('OUs: create (ids, ARN, path), duplicate names, depth 5, rename, delete only when empty', async () => {
  const f = await orgFixture([A]);
  const mk = (ParentId: string, Name: string) => f.op('CreateOrganizationalUnit', { ParentId, Name });
  const ou = (await mk(f.rootId, 'prod')).OrganizationalUnit;
  assert.match(ou.Id, new RegExp(`^ou-${f.rootId.slice(2)}-[0-9a-z]{8}$`));
  assert.equal(ou.Arn, `arn:aws:organizations::123456789012:ou/${f.orgId}/${ou.Id}`);
  assert.equal(ou.Path, `${f.orgId}/${f.rootId}/${ou.Id}/`);
  assert.equal(
    await f.fails('CreateOrganizationalUnit', { ParentId: f.rootId, Name: 'prod' }),
    'DuplicateOrganizationalUnitException',
  );
  assert.equal(
    await f.fails('CreateOrganizationalUnit', { ParentId: 'ou-abcd-00000000', Name: 'x' }),
    'ParentNotFoundException',
  );
  let parent = ou.Id;
  for (let depth = 2; depth <= 5; depth++) parent = (await mk(parent, `l${depth}`)).OrganizationalUnit.Id;
  assert.equal(
    await f.fails('CreateOrganizationalUnit', { ParentId: parent, Name: 'l6' }),
    'ConstraintViolationException/OU_DEPTH_LIMIT_EXCEEDED',
  );
  const renamed = (
    await f.op('UpdateOrganizationalUnit', { OrganizationalUnitId: ou.Id, Name: 'production' })
  ).OrganizationalUnit;
  assert.equal(renamed.Name, 'production');
  assert.equal(
    (await f.op('DescribeOrganizationalUnit', { OrganizationalUnitId: ou.Id })).OrganizationalUnit.Name,
    'production',
  );
  assert.equal(
    await f.fails('DeleteOrganizationalUnit', { OrganizationalUnitId: ou.Id }),
    'OrganizationalUnitNotEmptyException',
  );
  assert.equal(
    await f.fails('DeleteOrganizationalUnit', { OrganizationalUnitId: 'ou-abcd-00000000' }),
    'OrganizationalUnitNotFoundException',
  );
  await f.op('DeleteOrganizationalUnit', { OrganizationalUnitId: parent });
  assert.equal(
    await f.fails('DescribeOrganizationalUnit', { OrganizationalUnitId: parent }),
    'OrganizationalUnitNotFoundException',
  );
});

test('MoveAccount, ListChildren, ListParents, ListAccountsForParent and their errors', async () => {
  const f = await orgFixture([A, B]);
  const ou = (await f.op('CreateOrganizationalUnit', { ParentId: f.rootId, Name: 'w' })).OrganizationalUnit
    .Id;
  const move = (AccountId: string, SourceParentId: string, DestinationParentId: string) =>
    f.fails('MoveAccount', { AccountId, SourceParentId, DestinationParentId });
  assert.equal(await move('999999999999', f.rootId, ou), 'AccountNotFoundException');
  assert.equal(await move(A, 'ou-abcd-00000000', ou), 'SourceParentNotFoundException');
  assert.equal(await move(A, f.rootId, 'ou-abcd-00000000'), 'DestinationParentNotFoundException');
  assert.equal(await move(A, f.rootId, f.rootId), 'DuplicateAccountException');
  await f.op('MoveAccount', { AccountId: A, SourceParentId: f.rootId, DestinationParentId: ou });
  assert.equal(await move(A, f.rootId, ou), 'DuplicateAccountException');
  const children = async (ParentId: string, ChildType: string) =>
    (await f.op('ListChildren', { ParentId, ChildType })).Children.map((c: any) => c.Id).sort();
  assert.deepEqual(await children(f.rootId, 'ACCOUNT'), ['123456789012', B]);
  assert.deepEqual(await children(ou, 'ACCOUNT'), [A]);
  assert.deepEqual(await children(f.rootId, 'ORGANIZATIONAL_UNIT'), [ou]);
  assert.deepEqual((await f.op('ListParents', { ChildId: A })).Parents, [
    { Id: ou, Type: 'ORGANIZATIONAL_UNIT' },
  ]);
  assert.deepEqual((await f.op('ListParents', { ChildId: ou })).Parents, [{ Id: f.rootId, Type: 'ROOT' }]);
  assert.equal(await f.fails('ListParents', { ChildId: '999999999999' }), 'ChildNotFoundException');
  const inOu = (await f.op('ListAccountsForParent', { ParentId: ou })).Accounts;
  assert.deepEqual(
    inOu.map((a: any) => a.Id),
    [A],
  );
  assert.equal(await f.fails('ListAccountsForParent', { ParentId: 'r-zzzz' }), 'ParentNotFoundException');
});

test('member accounts get AccessDenied; accounts outside any organization AWSOrganizationsNotInUse', async () => {
  const f = await orgFixture([A]);
  for (const name of ['ListRoots', 'ListPolicies', 'CreatePolicy']) {
    assert.equal(await f.fails(name, { Filter: 'SERVICE_CONTROL_POLICY' }, A), 'AccessDeniedException');
  }
  await f.op('RemoveAccountFromOrganization', { AccountId: A });
  assert.equal(await f.fails('ListRoots', {}, A), 'AWSOrganizationsNotInUseException');
  assert.equal(await f.fails('RemoveAccountFromOrganization', { AccountId: A }), 'AccountNotFoundException');
  assert.equal(
    await f.fails('RemoveAccountFromOrganization', { AccountId: '123456789012' }),
    'MasterCannotLeaveOrganizationException',
  );
});

test('CloseAccount: SUSPENDED, twice fails, never the management account', async () => {
  const f = await orgFixture([A]);
  await f.op('CloseAccount', { AccountId: A });
  assert.equal((await f.op('DescribeAccount', { AccountId: A })).Account.Status, 'SUSPENDED');
  assert.equal(await f.fails('CloseAccount', { AccountId: A }), 'AccountAlreadyClosedException');
  assert.equal(
    await f.fails('CloseAccount', { AccountId: '123456789012' }),
    'ConstraintViolationException/CANNOT_CLOSE_MANAGEMENT_ACCOUNT',
  );
});

test('tags on OUs, accounts, roots and policies; 50 at most; AWS managed policies untaggable', async () => {
  const f = await orgFixture([A]);
  const ou = (
    await f.op('CreateOrganizationalUnit', {
      ParentId: f.rootId,
      Name: 'w',
      Tags: [{ Key: 'team', Value: 'a' }],
    })
  ).OrganizationalUnit.Id;
  const p = (
    await f.op('CreatePolicy', {
      Name: 'p',
      Description: '',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }],
      }),
      Tags: [{ Key: 'k', Value: 'v' }],
    })
  ).Policy.PolicySummary.Id;
  const tags = async (ResourceId: string) => (await f.op('ListTagsForResource', { ResourceId })).Tags;
  assert.deepEqual(await tags(ou), [{ Key: 'team', Value: 'a' }]);
  assert.deepEqual(await tags(p), [{ Key: 'k', Value: 'v' }]);
  for (const id of [ou, A, f.rootId, p]) {
    await f.op('TagResource', {
      ResourceId: id,
      Tags: [
        { Key: 'team', Value: 'b' },
        { Key: 'x', Value: '1' },
      ],
    });
    await f.op('UntagResource', { ResourceId: id, TagKeys: ['x'] });
    assert.deepEqual(
      (await tags(id)).find((t: any) => t.Key === 'team'),
      { Key: 'team', Value: 'b' },
    );
    assert.equal(
      (await tags(id)).some((t: any) => t.Key === 'x'),
      false,
    );
  }
  const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: '' }));
  assert.equal(
    await f.fails('TagResource', { ResourceId: A, Tags: many }),
    'ConstraintViolationException/MAX_TAG_LIMIT_EXCEEDED',
  );
  assert.equal(
    await f.fails('TagResource', { ResourceId: '999999999999', Tags: [] }),
    'TargetNotFoundException',
  );
  assert.equal(
    await f.fails('TagResource', { ResourceId: 'p-FullAWSAccess', Tags: [{ Key: 'a', Value: 'b' }] }),
    'InvalidInputException/IMMUTABLE_POLICY',
  );
});
