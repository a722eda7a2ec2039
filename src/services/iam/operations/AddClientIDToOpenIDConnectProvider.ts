// iam:AddClientIDToOpenIDConnectProvider — idempotent; at most 100 client ids.
import { defineOperation } from '../../types.js';
import { limitExceeded } from '../errors.js';
import { iamQuotas } from '../quotas.js';
import { mutateOidcProvider, oidcCheck } from './GetOpenIDConnectProvider.js';

interface Input {
  OpenIDConnectProviderArn: string;
  ClientID: string;
}

export default defineOperation<Input>({
  name: 'AddClientIDToOpenIDConnectProvider',
  authz: (input, ctx) => oidcCheck(ctx, 'AddClientIDToOpenIDConnectProvider', input.OpenIDConnectProviderArn),
  async handler(ctx, input) {
    await mutateOidcProvider(ctx.env.store, ctx.caller.accountId, input.OpenIDConnectProviderArn, (p) => {
      if (p.clientIds.includes(input.ClientID)) return;
      const max = iamQuotas().clientIdsPerOidcProvider;
      if (p.clientIds.length >= max) {
        throw limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${max}`);
      }
      p.clientIds.push(input.ClientID);
    });
    return {};
  },
});
