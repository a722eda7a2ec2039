// iam:CreateVirtualMFADevice — a virtual MFA device with a fresh 40-byte seed, returned once as Base32
// (Base32StringSeed) and as a QR code of the otpauth:// URI (QRCodePNG) that authenticator apps scan.
import { randomBytes } from 'node:crypto';
import { ConflictError } from '../../../store/index.js';
import { defineOperation, type OperationContext } from '../../types.js';
import { entityAlreadyExists, limitExceeded } from '../errors.js';
import { KIND, type Tag } from '../model.js';
import { mfaArn, mfaStoreName, type MfaDeviceRecord } from '../mfa/devices.js';
import { encodeQr } from '../mfa/qr.js';
import { qrPng } from '../mfa/png.js';
import { base32Encode } from '../mfa/totp.js';
import { iamQuotas } from '../quotas.js';
import { requestTagContext, validateTags } from '../tags.js';
import { accountAliasOf } from './ListAccountAliases.js';

interface Input {
  VirtualMFADeviceName: string;
  Path?: string;
  Tags?: Tag[];
}

/** The otpauth URI AWS puts in the QR code: otpauth://totp/<device>@<alias or account id>?secret=<seed>. */
export function otpauthUri(ctx: OperationContext, deviceName: string, seed: string): string {
  const label = `${deviceName}@${accountAliasOf(ctx.env.store, ctx.caller.accountId) ?? ctx.caller.accountId}`;
  return `otpauth://totp/${encodeURIComponent(label).replace(/%40/g, '@')}?secret=${seed}`;
}

export default defineOperation<Input>({
  name: 'CreateVirtualMFADevice',
  authz: (input, ctx) => ({
    action: 'iam:CreateVirtualMFADevice',
    resource: mfaArn(ctx.caller.accountId, input.Path ?? '/', input.VirtualMFADeviceName),
    context: requestTagContext(input.Tags),
  }),
  async handler(ctx, input) {
    const account = ctx.caller.accountId;
    validateTags(input.Tags);
    if (input.Tags && input.Tags.length > iamQuotas().tagsPerEntity) {
      throw limitExceeded('The number of tags has reached the maximum limit.');
    }
    const path = input.Path ?? '/';
    const seed = base32Encode(randomBytes(40));
    const dev: MfaDeviceRecord = {
      serialNumber: mfaArn(account, path, input.VirtualMFADeviceName),
      path,
      deviceName: input.VirtualMFADeviceName,
      seedSealed: ctx.env.secrets.seal(seed),
      createDate: ctx.now.toISOString(),
      tags: (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value })),
    };
    try {
      await ctx.env.store.put(
        {
          kind: KIND.mfaDevice,
          account,
          id: dev.serialNumber,
          name: mfaStoreName(path, dev.deviceName),
          data: dev,
        },
        { ifAbsent: true },
      );
    } catch (e) {
      if (e instanceof ConflictError)
        throw entityAlreadyExists('MFADevice entity at the same path and name already exists.');
      throw e;
    }
    return {
      VirtualMFADevice: {
        SerialNumber: dev.serialNumber,
        Base32StringSeed: Buffer.from(seed, 'ascii'),
        QRCodePNG: qrPng(encodeQr(otpauthUri(ctx, dev.deviceName, seed)).modules),
        Tags: dev.tags.length > 0 ? dev.tags : undefined,
      },
    };
  },
});
