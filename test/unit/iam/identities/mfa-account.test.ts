import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opContext, rejectsAws, run, testEnv } from './helpers.js';
import CreateUser from '../../../../src/services/iam/operations/CreateUser.js';
import DeleteUser from '../../../../src/services/iam/operations/DeleteUser.js';
import UpdateUser from '../../../../src/services/iam/operations/UpdateUser.js';
import CreateVirtualMFADevice from '../../../../src/services/iam/operations/CreateVirtualMFADevice.js';
import EnableMFADevice from '../../../../src/services/iam/operations/EnableMFADevice.js';
import DeactivateMFADevice from '../../../../src/services/iam/operations/DeactivateMFADevice.js';
import ResyncMFADevice from '../../../../src/services/iam/operations/ResyncMFADevice.js';
import ListMFADevices from '../../../../src/services/iam/operations/ListMFADevices.js';
import ListVirtualMFADevices from '../../../../src/services/iam/operations/ListVirtualMFADevices.js';
import DeleteVirtualMFADevice from '../../../../src/services/iam/operations/DeleteVirtualMFADevice.js';
import CreateAccountAlias from '../../../../src/services/iam/operations/CreateAccountAlias.js';
import DeleteAccountAlias from '../../../../src/services/iam/operations/DeleteAccountAlias.js';
import ListAccountAliases from '../../../../src/services/iam/operations/ListAccountAliases.js';
import GetAccountSummary from '../../../../src/services/iam/operations/GetAccountSummary.js';
import CreateGroup from '../../../../src/services/iam/operations/CreateGroup.js';
import { totp, verifyTotp } from '../../../../src/services/iam/mfa/totp.js';
import { verifyUserMfaCode } from '../../../../src/services/iam/mfa/devices.js';
import { PNG_SIGNATURE } from '../../../../src/services/iam/mfa/png.js';
import { loadModel } from '../../../../src/wire/models.js';

const ACCT = '123456789012';

test('virtual MFA: create (seed + QR), enable with two consecutive codes, list, resync, deactivate, delete', async () => {
  const env = await testEnv();
  const u = (await run(CreateUser, opContext(env), { UserName: 'm' })).User;
  const dev = (
    await run(CreateVirtualMFADevice, opContext(env), {
      VirtualMFADeviceName: 'm-phone',
      Tags: [{ Key: 't', Value: '1' }],
    })
  ).VirtualMFADevice;
  assert.equal(dev.SerialNumber, `arn:aws:iam::${ACCT}:mfa/m-phone`);
  const seed = dev.Base32StringSeed.toString('ascii');
  assert.match(seed, /^[A-Z2-7]{64}$/);
  assert.deepEqual(dev.QRCodePNG.subarray(0, 8), PNG_SIGNATURE);
  await rejectsAws(
    run(CreateVirtualMFADevice, opContext(env), { VirtualMFADeviceName: 'M-PHONE' }),
    'EntityAlreadyExists',
  );

  const now = env.clock.now();
  const prev = totp(seed, new Date(now.getTime() - 30_000));
  const cur = totp(seed, now);
  await rejectsAws(
    run(EnableMFADevice, opContext(env), {
      UserName: 'm',
      SerialNumber: dev.SerialNumber,
      AuthenticationCode1: cur,
      AuthenticationCode2: prev,
    }),
    'InvalidAuthenticationCode',
    'Authentication code for device is not valid.',
    403,
  );
  await run(EnableMFADevice, opContext(env), {
    UserName: 'm',
    SerialNumber: dev.SerialNumber,
    AuthenticationCode1: prev,
    AuthenticationCode2: cur,
  });
  await run(CreateUser, opContext(env), { UserName: 'n' });
  await rejectsAws(
    run(EnableMFADevice, opContext(env), {
      UserName: 'n',
      SerialNumber: dev.SerialNumber,
      AuthenticationCode1: prev,
      AuthenticationCode2: cur,
    }),
    'EntityAlreadyExists',
  );
  const listed = (await run(ListMFADevices, opContext(env), { UserName: 'm' })).MFADevices;
  assert.equal(listed.length, 1);
  assert.equal(listed[0].SerialNumber, dev.SerialNumber);
  assert.equal(listed[0].UserName, 'm');
  assert.ok(listed[0].EnableDate instanceof Date);
  assert.ok(verifyUserMfaCode(env.store, env.secrets, ACCT, u.UserId, dev.SerialNumber, cur, now));
  assert.equal(
    verifyUserMfaCode(env.store, env.secrets, ACCT, 'AIDAOTHER', dev.SerialNumber, cur, now),
    false,
  );

  const assigned = (await run(ListVirtualMFADevices, opContext(env), { AssignmentStatus: 'Assigned' }))
    .VirtualMFADevices;
  assert.equal(assigned[0].User.UserName, 'm');
  assert.equal(assigned[0].Base32StringSeed, undefined);
  assert.equal(
    (await run(ListVirtualMFADevices, opContext(env), { AssignmentStatus: 'Unassigned' })).VirtualMFADevices
      .length,
    0,
  );

  await run(ResyncMFADevice, opContext(env), {
    UserName: 'm',
    SerialNumber: dev.SerialNumber,
    AuthenticationCode1: prev,
    AuthenticationCode2: cur,
  });
  await rejectsAws(
    run(DeleteUser, opContext(env), { UserName: 'm' }),
    'DeleteConflict',
    'Cannot delete entity, must delete MFA device first.',
  );
  await rejectsAws(
    run(DeleteVirtualMFADevice, opContext(env), { SerialNumber: dev.SerialNumber }),
    'DeleteConflict',
  );

  // A renamed user keeps the device.
  await run(UpdateUser, opContext(env), { UserName: 'm', NewUserName: 'm2' });
  assert.equal((await run(ListMFADevices, opContext(env), { UserName: 'm2' })).MFADevices[0].UserName, 'm2');

  await rejectsAws(
    run(DeactivateMFADevice, opContext(env), { UserName: 'n', SerialNumber: dev.SerialNumber }),
    'NoSuchEntity',
  );
  await run(DeactivateMFADevice, opContext(env), { UserName: 'm2', SerialNumber: dev.SerialNumber });
  assert.equal((await run(ListMFADevices, opContext(env), { UserName: 'm2' })).MFADevices.length, 0);
  await run(DeleteUser, opContext(env), { UserName: 'm2' });
  await run(DeleteVirtualMFADevice, opContext(env), { SerialNumber: dev.SerialNumber });
  await rejectsAws(
    run(DeleteVirtualMFADevice, opContext(env), { SerialNumber: dev.SerialNumber }),
    'NoSuchEntity',
  );
  assert.ok(verifyTotp(seed, cur, now));
});

test('account alias: create, replace, global uniqueness, delete', async () => {
  const env = await testEnv();
  await run(CreateAccountAlias, opContext(env), { AccountAlias: 'acme-dev' });
  assert.deepEqual((await run(ListAccountAliases, opContext(env))).AccountAliases, ['acme-dev']);
  await run(CreateAccountAlias, opContext(env), { AccountAlias: 'acme-dev' });
  await run(CreateAccountAlias, opContext(env), { AccountAlias: 'acme-prod' });
  assert.deepEqual((await run(ListAccountAliases, opContext(env))).AccountAliases, ['acme-prod']);
  const other = {
    type: 'Root' as const,
    accountId: '210987654321',
    arn: 'arn:aws:iam::210987654321:root',
    userId: '210987654321',
  };
  await rejectsAws(
    run(CreateAccountAlias, opContext(env, other), { AccountAlias: 'acme-prod' }),
    'EntityAlreadyExists',
    'The account alias acme-prod already exists.',
  );
  await rejectsAws(
    run(DeleteAccountAlias, opContext(env), { AccountAlias: 'acme-dev' }),
    'NoSuchEntity',
    'The account alias acme-dev cannot be found.',
  );
  await run(DeleteAccountAlias, opContext(env), { AccountAlias: 'acme-prod' });
  assert.deepEqual((await run(ListAccountAliases, opContext(env))).AccountAliases, []);
  await run(CreateAccountAlias, opContext(env, other), { AccountAlias: 'acme-prod' });
});

test("GetAccountSummary: every key is one of the model's SummaryKeyType values, with counts", async () => {
  const env = await testEnv();
  await run(CreateUser, opContext(env), { UserName: 's1' });
  await run(CreateUser, opContext(env), { UserName: 's2' });
  await run(CreateGroup, opContext(env), { GroupName: 'g' });
  await run(CreateVirtualMFADevice, opContext(env), { VirtualMFADeviceName: 'd' });
  const map = (await run(GetAccountSummary, opContext(env))).SummaryMap;
  const keys = loadModel('iam').shape('summaryKeyType').enum!;
  for (const k of Object.keys(map)) assert.ok(keys.includes(k), k);
  assert.equal(map.Users, 2);
  assert.equal(map.Groups, 1);
  assert.equal(map.MFADevices, 1);
  assert.equal(map.MFADevicesInUse, 0);
  assert.equal(map.AccountAccessKeysPresent, 1);
  assert.equal(map.UsersQuota, 5000);
  assert.equal(map.AccessKeysPerUserQuota, 2);
  assert.equal(map.UserPolicySizeQuota, 2048);
  assert.equal(map.GroupPolicySizeQuota, 5120);
});
