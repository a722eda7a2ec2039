// iam:ListInstanceProfiles — by name, PathPrefix, paged; without tags, as AWS lists them.
import { defineOperation } from '../../types.js';
import { KIND, type InstanceProfileRecord } from '../model.js';
import { iamPage, underPath } from '../paging.js';
import { instanceProfileOutput } from './GetInstanceProfile.js';

interface Input {
  PathPrefix?: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListInstanceProfiles',
  readOnly: true,
  authz: () => ({ action: 'iam:ListInstanceProfiles', resource: '*' }),
  handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const all = store
      .list<InstanceProfileRecord>(KIND.instanceProfile, account)
      .map((r) => r.data)
      .filter((p) => underPath(p.path, input.PathPrefix));
    const page = iamPage(all, input.Marker, input.MaxItems);
    return {
      InstanceProfiles: page.items.map((p) => instanceProfileOutput(store, account, p, false)),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
