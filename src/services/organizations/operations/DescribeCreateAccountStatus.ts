// organizations:DescribeCreateAccountStatus
import { defineOperation } from '../../types.js';
import { AwsError } from '../../../wire/errors.js';
import { ORG_KIND, requireManagementAccount, type CreateAccountStatusRecord } from '../model.js';

export function describeCreateAccountStatus(s: CreateAccountStatusRecord): Record<string, unknown> {
  return {
    Id: s.id,
    AccountName: s.accountName,
    State: s.state,
    RequestedTimestamp: new Date(s.requestedTimestamp),
    CompletedTimestamp: s.completedTimestamp ? new Date(s.completedTimestamp) : undefined,
    AccountId: s.accountId,
    FailureReason: s.failureReason,
  };
}

export default defineOperation<{ CreateAccountRequestId: string }>({
  name: 'DescribeCreateAccountStatus',
  readOnly: true,
  authz: () => ({ action: 'organizations:DescribeCreateAccountStatus', resource: '*' }),
  handler(ctx, input) {
    const org = requireManagementAccount(ctx.env.store, ctx.caller);
    const rec = ctx.env.store.get<CreateAccountStatusRecord>(
      ORG_KIND.createAccountStatus,
      org.masterAccountId,
      input.CreateAccountRequestId,
    );
    if (!rec) {
      throw new AwsError(
        'CreateAccountStatusNotFoundException',
        "We can't find an create account request with the CreateAccountRequestId that you specified.",
      );
    }
    return { CreateAccountStatus: describeCreateAccountStatus(rec.data) };
  },
});
