// organizations:CreateOrganization — the caller's account becomes the management account.
import { defineOperation } from '../../types.js';
import { AwsError } from '../../../wire/errors.js';
import * as ids from '../../ids.js';
import { getAccount, putAccount } from '../../accounts/accounts.js';
import { ORG_KIND, organizationOf, type OrganizationRecord } from '../model.js';
import { describeOrganization } from './DescribeOrganization.js';

export default defineOperation<{ FeatureSet?: 'ALL' | 'CONSOLIDATED_BILLING' }>({
  name: 'CreateOrganization',
  authz: () => ({ action: 'organizations:CreateOrganization', resource: '*' }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    if (organizationOf(store, ctx.caller.accountId)) {
      throw new AwsError(
        'AlreadyInOrganizationException',
        'The AWS account is already a member of an organization.',
      );
    }
    const acct = getAccount(store, ctx.caller.accountId);
    if (!acct)
      throw new AwsError('AccessDeniedException', "You don't have permissions to access this resource.");
    const id = ids.orgId();
    const org: OrganizationRecord = {
      id,
      arn: `arn:aws:organizations::${acct.id}:organization/${id}`,
      featureSet: input.FeatureSet ?? 'ALL',
      masterAccountId: acct.id,
      masterAccountEmail: acct.email,
      rootId: ids.rootId(),
      createdAt: ctx.now.toISOString(),
    };
    await store.put({ kind: ORG_KIND.organization, account: acct.id, id, data: org }, { ifAbsent: true });
    await putAccount(store, {
      ...acct,
      organizationId: id,
      joinedMethod: 'CREATED',
      joinedTimestamp: org.createdAt,
    });
    return { Organization: describeOrganization(org) };
  },
});
