// iam:GetAccessKeyLastUsed — when, where and with which service a key of this account was last used
// ("N/A" for service and region when never used, as IAM answers). Authorized on the key's owner.
import { getAccessKey } from '../../accounts/access-keys.js';
import { defineOperation } from '../../types.js';
import { userResource } from './GetUser.js';
import { noSuchAccessKey } from './UpdateAccessKey.js';
import { auditRecorder } from '../../cloudtrail/recorder.js';

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
    // The recorder holds the freshest value; the store's copy is written at most once a minute.
    const lastUsed = auditRecorder(ctx.env)?.keyLastUsed(k.accessKeyId) ?? k.lastUsed;
    return {
      UserName: k.userName,
      AccessKeyLastUsed: lastUsed
        ? {
            LastUsedDate: new Date(lastUsed.date),
            ServiceName: lastUsed.serviceName,
            Region: lastUsed.region,
          }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  },
});
