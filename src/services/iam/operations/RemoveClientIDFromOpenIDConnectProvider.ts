// iam:RemoveClientIDFromOpenIDConnectProvider — idempotent: removing an absent client id succeeds.
import { defineOperation } from '../../types.js';
import { mutateOidcProvider, oidcCheck } from './GetOpenIDConnectProvider.js';

interface Input {
  OpenIDConnectProviderArn: string;
  ClientID: string;
}

export default defineOperation<Input>({
  name: 'RemoveClientIDFromOpenIDConnectProvider',
  authz: (input, ctx) =>
    oidcCheck(ctx, 'RemoveClientIDFromOpenIDConnectProvider', input.OpenIDConnectProviderArn),
  async handler(ctx, input) {
    await mutateOidcProvider(ctx.env.store, ctx.caller.accountId, input.OpenIDConnectProviderArn, (p) => {
      p.clientIds = p.clientIds.filter((c) => c !== input.ClientID);
    });
    return {};
  },
});
