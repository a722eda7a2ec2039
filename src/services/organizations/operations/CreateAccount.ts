// organizations:CreateAccount — like AWS, asynchronous in shape: the response says IN_PROGRESS and
// DescribeCreateAccountStatus reports SUCCEEDED with the AccountId. The account is usable at once.
// It gets OrganizationAccountAccessRole (or RoleName) trusting the management account, with the inline
// policy AdministratorAccess, exactly as AWS creates it.
// Fixed ids for tests: tag the request with `rolechain:account-id` = a 12-digit id.
import { defineOperation } from '../../types.js';
import { AwsError } from '../../../wire/errors.js';
import * as ids from '../../ids.js';
import { getAccount, listAccounts, putAccount } from '../../accounts/accounts.js';
import { putRole, roleArn, type Tag } from '../../iam/model.js';
import { ORG_KIND, requireManagementAccount, type CreateAccountStatusRecord } from '../model.js';
import { describeCreateAccountStatus } from './DescribeCreateAccountStatus.js';

export const ACCOUNT_ID_TAG = 'rolechain:account-id';

interface Input {
  Email: string;
  AccountName: string;
  RoleName?: string;
  IamUserAccessToBilling?: string;
  Tags?: Tag[];
}

export default defineOperation<Input>({
  name: 'CreateAccount',
  authz: () => ({ action: 'organizations:CreateAccount', resource: '*' }),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    const now = ctx.now.toISOString();
    const status: CreateAccountStatusRecord = {
      id: ids.createAccountRequestId(),
      accountName: input.AccountName,
      state: 'SUCCEEDED',
      requestedTimestamp: now,
      completedTimestamp: now,
    };
    const wanted = input.Tags?.find((t) => t.Key === ACCOUNT_ID_TAG)?.Value;
    if (wanted !== undefined && !ids.ACCOUNT_ID_RE.test(wanted)) {
      throw new AwsError(
        'InvalidInputException',
        `The ${ACCOUNT_ID_TAG} tag must be a 12-digit account id.`,
        {
          fields: { Reason: 'INVALID_INPUT' },
        },
      );
    }
    const emailTaken = listAccounts(store).some((a) => a.email.toLowerCase() === input.Email.toLowerCase());
    const accountId = wanted ?? ids.accountId();
    if (emailTaken) {
      status.state = 'FAILED';
      status.failureReason = 'EMAIL_ALREADY_EXISTS';
    } else if (getAccount(store, accountId)) {
      status.state = 'FAILED';
      status.failureReason = 'INTERNAL_FAILURE';
    } else {
      await putAccount(
        store,
        {
          id: accountId,
          name: input.AccountName,
          email: input.Email,
          status: 'ACTIVE',
          joinedMethod: 'CREATED',
          joinedTimestamp: now,
          organizationId: org.id,
        },
        true,
      );
      const roleName = input.RoleName ?? 'OrganizationAccountAccessRole';
      await putRole(store, accountId, {
        roleName,
        roleId: ids.uniqueId('AROA'),
        arn: roleArn(accountId, '/', roleName),
        path: '/',
        createDate: now,
        assumeRolePolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${org.masterAccountId}:root` },
              Action: 'sts:AssumeRole',
            },
          ],
        }),
        maxSessionDuration: 3600,
        tags: [],
        attachedPolicyArns: [],
        inlinePolicies: {
          AdministratorAccess: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
          }),
        },
      });
      status.accountId = accountId;
    }
    await store.put({
      kind: ORG_KIND.createAccountStatus,
      account: org.masterAccountId,
      id: status.id,
      data: status,
    });
    // The first answer is IN_PROGRESS, as AWS's always is; DescribeCreateAccountStatus gives the outcome.
    const first = describeCreateAccountStatus({ ...status, state: 'IN_PROGRESS' });
    delete first.AccountId;
    delete first.CompletedTimestamp;
    delete first.FailureReason;
    return { CreateAccountStatus: first };
  },
});
