// iam:GetAccessKeyLastUsed — when, where and with which service a key of this account was last used
// ("N/A" for service and region when never used, as IAM answers). Authorized on the key's owner.
import { getAccessKey } from '../../accounts/access-keys.js';
import { defineOperation } from '../../types.js';
import { userResource } from './GetUser.js';
import { noSuchAccessKey } from './UpdateAccessKey.js';

export default defineOperation<{ AccessKeyId: string }>({
  name: 'GetAccessKeyLastUsed',
  readOnly: true,
  authz: (input, ctx) => {
    const k = getAccessKey(ctx.env.store, input.AccessKeyId);
    const mine = k && k.accountId === ctx.caller.accountId;
    const resource =
      mine && k.userName !== undefined
        ? userResource(ctx, k.userName)
        : `arn:aws:iam::${ctx.caller.accountId}:root`;
    return { action: 'iam:GetAccessKeyLastUsed', resource };
  },
  handler(ctx, input) {
    const k = getAccessKey(ctx.env.store, input.AccessKeyId);
    if (!k || k.accountId !== ctx.caller.accountId) throw noSuchAccessKey(input.AccessKeyId);
    return {
      UserName: k.userName,
      AccessKeyLastUsed: k.lastUsed
        ? {
            LastUsedDate: new Date(k.lastUsed.date),
            ServiceName: k.lastUsed.serviceName,
            Region: k.lastUsed.region,
          }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  },
});
