// iam:TagSAMLProvider — merges tags, at most 50.
import { defineOperation } from '../../types.js';
import type { Tag } from '../model.js';
import { mergeTags, requestTagContext } from '../tags.js';
import { mutateSamlProvider, samlCheck } from './GetSAMLProvider.js';

interface Input {
  SAMLProviderArn: string;
  Tags: Tag[];
}

export default defineOperation<Input>({
  name: 'TagSAMLProvider',
  authz: (input, ctx) =>
    samlCheck(ctx, 'TagSAMLProvider', input.SAMLProviderArn, requestTagContext(input.Tags)),
  async handler(ctx, input) {
    await mutateSamlProvider(ctx.env.store, ctx.caller.accountId, input.SAMLProviderArn, (p) => {
      p.tags = mergeTags(p.tags, input.Tags);
    });
    return {};
  },
});
