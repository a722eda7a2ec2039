// iam:ListVirtualMFADevices — the account's virtual MFA devices (Assigned, Unassigned or Any), with
// the user of assigned ones; seeds are never listed.
import { defineOperation } from '../../types.js';
import { getUserByName } from '../model.js';
import { listMfaDevices } from '../mfa/devices.js';
import { iamPage } from '../paging.js';
import { describeUser } from './GetUser.js';

export default defineOperation<{
  AssignmentStatus?: 'Assigned' | 'Unassigned' | 'Any';
  Marker?: string;
  MaxItems?: number;
}>({
  name: 'ListVirtualMFADevices',
  readOnly: true,
  authz: () => ({ action: 'iam:ListVirtualMFADevices', resource: '*' }),
  handler(ctx, input) {
    const status = input.AssignmentStatus ?? 'Any';
    const devices = listMfaDevices(ctx.env.store, ctx.caller.accountId).filter((d) =>
      status === 'Any' ? true : status === 'Assigned' ? d.userId !== undefined : d.userId === undefined,
    );
    const page = iamPage(devices, input.Marker, input.MaxItems);
    return {
      VirtualMFADevices: page.items.map((d) => {
        const user = d.userName ? getUserByName(ctx.env.store, ctx.caller.accountId, d.userName) : undefined;
        return {
          SerialNumber: d.serialNumber,
          User: user ? describeUser(user, true) : undefined,
          EnableDate: d.enableDate ? new Date(d.enableDate) : undefined,
          Tags: d.tags.length > 0 ? d.tags : undefined,
        };
      }),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
