// iam:ListMFADevices — the MFA devices assigned to the named (or calling) user, paged. The root user
// has none in rolechain.
import { defineOperation } from '../../types.js';
import { userMfaDevices } from '../mfa/devices.js';
import { iamPage } from '../paging.js';
import { requireUser, targetResource, targetUserName } from './GetUser.js';

export default defineOperation<{ UserName?: string; Marker?: string; MaxItems?: number }>({
  name: 'ListMFADevices',
  readOnly: true,
  authz: (input, ctx) => ({ action: 'iam:ListMFADevices', resource: targetResource(ctx, input.UserName) }),
  handler(ctx, input) {
    const name = targetUserName(ctx, input.UserName);
    const devices =
      name === undefined
        ? []
        : userMfaDevices(ctx.env.store, ctx.caller.accountId, requireUser(ctx, name).userId);
    const page = iamPage(devices, input.Marker, input.MaxItems);
    return {
      MFADevices: page.items.map((d) => ({
        UserName: d.userName,
        SerialNumber: d.serialNumber,
        EnableDate: new Date(d.enableDate!),
      })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
