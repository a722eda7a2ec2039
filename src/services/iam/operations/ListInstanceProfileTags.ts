// iam:ListInstanceProfileTags — the profile's tags, paged.
import { defineOperation } from '../../types.js';
import { iamPage } from '../paging.js';
import { profileCheck, requireInstanceProfile } from './GetInstanceProfile.js';

interface Input {
  InstanceProfileName: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListInstanceProfileTags',
  readOnly: true,
  authz: (input, ctx) => profileCheck(ctx, 'ListInstanceProfileTags', input.InstanceProfileName),
  handler(ctx, input) {
    const p = requireInstanceProfile(ctx.env.store, ctx.caller.accountId, input.InstanceProfileName);
    const page = iamPage(p.tags, input.Marker, input.MaxItems);
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
