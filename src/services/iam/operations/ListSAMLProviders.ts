// iam:ListSAMLProviders — ARN, ValidUntil and CreateDate of each provider (IAM does not page it).
import { defineOperation } from '../../types.js';
import { KIND, type SamlProviderRecord } from '../model.js';

export default defineOperation<Record<string, never>>({
  name: 'ListSAMLProviders',
  readOnly: true,
  authz: () => ({ action: 'iam:ListSAMLProviders', resource: '*' }),
  handler(ctx) {
    const list = ctx.env.store.list<SamlProviderRecord>(KIND.samlProvider, ctx.caller.accountId);
    return {
      SAMLProviderList: list.map((r) => ({
        Arn: r.data.arn,
        ValidUntil: new Date(r.data.validUntil),
        CreateDate: new Date(r.data.createDate),
      })),
    };
  },
});
