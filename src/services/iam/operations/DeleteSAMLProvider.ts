// iam:DeleteSAMLProvider — NoSuchEntity when absent.
import { defineOperation } from '../../types.js';
import { KIND } from '../model.js';
import { findSamlProvider, noSuchSamlProvider, samlCheck } from './GetSAMLProvider.js';

interface Input {
  SAMLProviderArn: string;
}

export default defineOperation<Input>({
  name: 'DeleteSAMLProvider',
  authz: (input, ctx) => samlCheck(ctx, 'DeleteSAMLProvider', input.SAMLProviderArn),
  async handler(ctx, input) {
    const account = ctx.caller.accountId;
    const rec = findSamlProvider(ctx.env.store, account, input.SAMLProviderArn);
    if (!rec) throw noSuchSamlProvider(input.SAMLProviderArn);
    await ctx.env.store.delete(KIND.samlProvider, account, rec.id);
    return {};
  },
});
