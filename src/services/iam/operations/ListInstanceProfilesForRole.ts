// iam:ListInstanceProfilesForRole — the profiles holding the role, by name, paged.
import { defineOperation } from '../../types.js';
import { iamPage } from '../paging.js';
import { profilesOfRole } from './DeleteRole.js';
import { instanceProfileOutput } from './GetInstanceProfile.js';
import { requireRole, roleCheck } from './GetRole.js';

interface Input {
  RoleName: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListInstanceProfilesForRole',
  readOnly: true,
  authz: (input, ctx) => roleCheck(ctx, 'ListInstanceProfilesForRole', input.RoleName),
  handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const role = requireRole(store, account, input.RoleName);
    const page = iamPage(profilesOfRole(store, account, role.roleName), input.Marker, input.MaxItems);
    return {
      InstanceProfiles: page.items.map((p) => instanceProfileOutput(store, account, p, false)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
