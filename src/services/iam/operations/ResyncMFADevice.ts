// iam:ResyncMFADevice — re-synchronizes a device whose clock drifted: two consecutive codes anywhere
// within ±5 minutes of now. (rolechain keeps no per-device drift: codes are checked against real time.)
import { defineOperation } from '../../types.js';
import { KIND } from '../model.js';
import { getMfaDevice, mfaStoreName } from '../mfa/devices.js';
import { matchConsecutiveCodes } from '../mfa/totp.js';
import { requireUser, userCheck } from './GetUser.js';
import { invalidAuthenticationCode, noSuchMfaDevice } from './EnableMFADevice.js';

const RESYNC_WINDOW = 10;

interface Input {
  UserName: string;
  SerialNumber: string;
  AuthenticationCode1: string;
  AuthenticationCode2: string;
}

export default defineOperation<Input>({
  name: 'ResyncMFADevice',
  authz: (input, ctx) => userCheck(ctx, 'iam:ResyncMFADevice', input.UserName),
  async handler(ctx, input) {
    const account = ctx.caller.accountId;
    const u = requireUser(ctx, input.UserName);
    const rec = getMfaDevice(ctx.env.store, account, input.SerialNumber);
    if (!rec || rec.data.userId !== u.userId) throw noSuchMfaDevice(input.SerialNumber);
    const seed = ctx.env.secrets.open(rec.data.seedSealed);
    const step = matchConsecutiveCodes(
      seed,
      input.AuthenticationCode1,
      input.AuthenticationCode2,
      ctx.now,
      RESYNC_WINDOW,
    );
    if (step === undefined) throw invalidAuthenticationCode();
    await ctx.env.store.put(
      {
        kind: KIND.mfaDevice,
        account,
        id: rec.id,
        name: mfaStoreName(rec.data.path, rec.data.deviceName),
        data: { ...rec.data, lastStep: step },
      },
      { expectVersion: rec.version },
    );
    return {};
  },
});
