// iam:ListOpenIDConnectProviderTags — the provider's tags, paged.
import { defineOperation } from '../../types.js';
import { iamPage } from '../paging.js';
import { oidcCheck, requireOidcProvider } from './GetOpenIDConnectProvider.js';

interface Input {
  OpenIDConnectProviderArn: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListOpenIDConnectProviderTags',
  readOnly: true,
  authz: (input, ctx) => oidcCheck(ctx, 'ListOpenIDConnectProviderTags', input.OpenIDConnectProviderArn),
  handler(ctx, input) {
    const p = requireOidcProvider(ctx.env.store, ctx.caller.accountId, input.OpenIDConnectProviderArn);
    const page = iamPage(p.tags, input.Marker, input.MaxItems);
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
