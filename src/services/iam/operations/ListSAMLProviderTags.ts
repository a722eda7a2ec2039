// iam:ListSAMLProviderTags — the provider's tags, paged.
import { defineOperation } from '../../types.js';
import { iamPage } from '../paging.js';
import { requireSamlProvider, samlCheck } from './GetSAMLProvider.js';

interface Input {
  SAMLProviderArn: string;
  Marker?: string;
  MaxItems?: number;
}

export default defineOperation<Input>({
  name: 'ListSAMLProviderTags',
  readOnly: true,
  authz: (input, ctx) => samlCheck(ctx, 'ListSAMLProviderTags', input.SAMLProviderArn),
  handler(ctx, input) {
    const p = requireSamlProvider(ctx.env.store, ctx.caller.accountId, input.SAMLProviderArn);
    const page = iamPage(p.tags, input.Marker, input.MaxItems);
    return {
      Tags: page.items.map((t) => ({ Key: t.Key, Value: t.Value })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
