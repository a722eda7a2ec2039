// iam:DeleteVirtualMFADevice — deletes an unassigned virtual MFA device (DeleteConflict while a user
// has it enabled).
import { defineOperation } from '../../types.js';
import { deleteConflict } from '../errors.js';
import { KIND } from '../model.js';
import { getMfaDevice } from '../mfa/devices.js';
import { noSuchMfaDevice } from './EnableMFADevice.js';

export default defineOperation<{ SerialNumber: string }>({
  name: 'DeleteVirtualMFADevice',
  authz: (input) => ({ action: 'iam:DeleteVirtualMFADevice', resource: input.SerialNumber }),
  async handler(ctx, input) {
    const rec = getMfaDevice(ctx.env.store, ctx.caller.accountId, input.SerialNumber);
    if (!rec) throw noSuchMfaDevice(input.SerialNumber);
    if (rec.data.userId !== undefined)
      throw deleteConflict('Cannot delete entity, must deactivate MFA device first.');
    await ctx.env.store.delete(KIND.mfaDevice, ctx.caller.accountId, rec.id, { expectVersion: rec.version });
    return {};
  },
});
