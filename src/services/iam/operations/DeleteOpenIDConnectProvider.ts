// iam:DeleteOpenIDConnectProvider — idempotent, as AWS documents: deleting a provider that does not
// exist succeeds.
import { defineOperation } from '../../types.js';
import { KIND } from '../model.js';
import { findOidcProvider, oidcCheck } from './GetOpenIDConnectProvider.js';

interface Input {
  OpenIDConnectProviderArn: string;
}

export default defineOperation<Input>({
  name: 'DeleteOpenIDConnectProvider',
  authz: (input, ctx) => oidcCheck(ctx, 'DeleteOpenIDConnectProvider', input.OpenIDConnectProviderArn),
  async handler(ctx, input) {
    const account = ctx.caller.accountId;
    const rec = findOidcProvider(ctx.env.store, account, input.OpenIDConnectProviderArn);
    if (rec) await ctx.env.store.delete(KIND.oidcProvider, account, rec.id);
    return {};
  },
});
