// iam:EnableMFADevice — assigns a virtual MFA device to a user, proven by two consecutive TOTP codes
// (RFC 6238: 30-second steps, SHA-1, 6 digits). The user's record is version-checked in the same write,
// so a concurrent DeleteUser cannot leave a device assigned to a deleted user.
import { AwsError } from '../../../wire/errors.js';
import { defineOperation } from '../../types.js';
import { entityAlreadyExists, limitExceeded, noSuchEntity } from '../errors.js';
import { KIND } from '../model.js';
import { getMfaDevice, mfaStoreName, userMfaDevices, type MfaDeviceRecord } from '../mfa/devices.js';
import { matchConsecutiveCodes } from '../mfa/totp.js';
import { iamQuotas } from '../quotas.js';
import { userCheck } from './GetUser.js';
import { mutateUser } from './UpdateUser.js';

export const invalidAuthenticationCode = () =>
  new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', { status: 403 });

export const noSuchMfaDevice = (serial: string) =>
  noSuchEntity(`MFA device with serial number ${serial} does not exist.`);

/** How far (in 30-second steps) from now a pair of codes may be when enabling. */
const ENABLE_WINDOW = 2;

interface Input {
  UserName: string;
  SerialNumber: string;
  AuthenticationCode1: string;
  AuthenticationCode2: string;
}

export default defineOperation<Input>({
  name: 'EnableMFADevice',
  authz: (input, ctx) => userCheck(ctx, 'iam:EnableMFADevice', input.UserName),
  async handler(ctx, input) {
    const store = ctx.env.store;
    const account = ctx.caller.accountId;
    await mutateUser(ctx, input.UserName, (u) => {
      const rec = getMfaDevice(store, account, input.SerialNumber);
      if (!rec) throw noSuchMfaDevice(input.SerialNumber);
      if (rec.data.userId !== undefined) throw entityAlreadyExists('MFA Device is already in use.');
      const max = iamQuotas().mfaDevicesPerUser;
      if (userMfaDevices(store, account, u.userId).length >= max) {
        throw limitExceeded(`Cannot exceed quota for MFADevicesPerUser: ${max}`);
      }
      const seed = ctx.env.secrets.open(rec.data.seedSealed);
      const step = matchConsecutiveCodes(
        seed,
        input.AuthenticationCode1,
        input.AuthenticationCode2,
        ctx.now,
        ENABLE_WINDOW,
      );
      if (step === undefined) throw invalidAuthenticationCode();
      const dev: MfaDeviceRecord = {
        ...rec.data,
        userName: u.userName,
        userId: u.userId,
        enableDate: ctx.now.toISOString(),
        lastStep: step,
      };
      return {
        ops: [
          {
            op: 'put',
            rec: {
              kind: KIND.mfaDevice,
              account,
              id: rec.id,
              name: mfaStoreName(dev.path, dev.deviceName),
              data: dev,
            },
            opts: { expectVersion: rec.version },
          },
        ],
        result: undefined,
      };
    });
    return {};
  },
});
