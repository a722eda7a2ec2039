// iam:UntagSAMLProvider — removes tags by key (case-insensitively).
import { defineOperation } from '../../types.js';
import { removeTags } from '../tags.js';
import { mutateSamlProvider, samlCheck } from './GetSAMLProvider.js';

interface Input {
  SAMLProviderArn: string;
  TagKeys: string[];
}

export default defineOperation<Input>({
  name: 'UntagSAMLProvider',
  authz: (input, ctx) =>
    samlCheck(ctx, 'UntagSAMLProvider', input.SAMLProviderArn, { 'aws:TagKeys': input.TagKeys }),
  async handler(ctx, input) {
    await mutateSamlProvider(ctx.env.store, ctx.caller.accountId, input.SAMLProviderArn, (p) => {
      p.tags = removeTags(p.tags, input.TagKeys);
    });
    return {};
  },
});
