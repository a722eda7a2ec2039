// iam:ListOpenIDConnectProviders — the ARNs of the account's OIDC providers (IAM does not page it).
import { defineOperation } from '../../types.js';
import { KIND, type OidcProviderRecord } from '../model.js';

export default defineOperation<Record<string, never>>({
  name: 'ListOpenIDConnectProviders',
  readOnly: true,
  authz: () => ({ action: 'iam:ListOpenIDConnectProviders', resource: '*' }),
  handler(ctx) {
    const list = ctx.env.store.list<OidcProviderRecord>(KIND.oidcProvider, ctx.caller.accountId);
    return { OpenIDConnectProviderList: list.map((r) => ({ Arn: r.data.arn })) };
  },
});
