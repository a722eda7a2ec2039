// iam:DeactivateMFADevice — unassigns an MFA device from the named (or calling) user; the virtual
// device remains and can be deleted or enabled again.
import { defineOperation } from '../../types.js';
import { KIND } from '../model.js';
import { getMfaDevice, mfaStoreName, type MfaDeviceRecord } from '../mfa/devices.js';
import { nonUserCaller, requireUser, targetResource, targetUserName } from './GetUser.js';
import { noSuchMfaDevice } from './EnableMFADevice.js';

export default defineOperation<{ UserName?: string; SerialNumber: string }>({
  name: 'DeactivateMFADevice',
  authz: (input, ctx) => ({
    action: 'iam:DeactivateMFADevice',
    resource: targetResource(ctx, input.UserName),
  }),
  async handler(ctx, input) {
    const account = ctx.caller.accountId;
    const name = targetUserName(ctx, input.UserName);
    if (name === undefined) throw nonUserCaller();
    const u = requireUser(ctx, name);
    const rec = getMfaDevice(ctx.env.store, account, input.SerialNumber);
    if (!rec || rec.data.userId !== u.userId) throw noSuchMfaDevice(input.SerialNumber);
    const dev: MfaDeviceRecord = { ...rec.data };
    delete dev.userName;
    delete dev.userId;
    delete dev.enableDate;
    await ctx.env.store.put(
      { kind: KIND.mfaDevice, account, id: rec.id, name: mfaStoreName(dev.path, dev.deviceName), data: dev },
      { expectVersion: rec.version },
    );
    return {};
  },
});
