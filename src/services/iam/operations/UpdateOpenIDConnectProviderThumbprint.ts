// iam:UpdateOpenIDConnectProviderThumbprint — replaces the whole thumbprint list.
import { defineOperation } from '../../types.js';
import { checkThumbprints } from './CreateOpenIDConnectProvider.js';
import { mutateOidcProvider, oidcCheck } from './GetOpenIDConnectProvider.js';

interface Input {
  OpenIDConnectProviderArn: string;
  ThumbprintList: string[];
}

export default defineOperation<Input>({
  name: 'UpdateOpenIDConnectProviderThumbprint',
  authz: (input, ctx) =>
    oidcCheck(ctx, 'UpdateOpenIDConnectProviderThumbprint', input.OpenIDConnectProviderArn),
  async handler(ctx, input) {
    const list = input.ThumbprintList.map((t) => t.toLowerCase());
    checkThumbprints(list);
    await mutateOidcProvider(ctx.env.store, ctx.caller.accountId, input.OpenIDConnectProviderArn, (p) => {
      p.thumbprints = [...new Set(list)];
    });
    return {};
  },
});
