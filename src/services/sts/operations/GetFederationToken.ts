// sts:GetFederationToken — a federated-user session for an IAM user (or root) acting for someone else
// (a proxy). Needs sts:GetFederationToken on arn:aws:sts::<acct>:federated-user/<Name>. The session's
// permissions are the intersection of the calling user's policies and the session policies passed here;
// without any session policy the session has no permissions, as in AWS. Session credentials cannot call it.
import { defineOperation } from '../../types.js';
import { AwsError, accessDenied } from '../../../wire/errors.js';
import { parsePolicy, MalformedPolicyError } from '../../../policy/index.js';
import { findManagedPolicy } from '../../iam/managed-policies.js';
import type { Tag } from '../../iam/model.js';
import { issueSession } from '../issue-session.js';
import { packedPolicySize } from '../packed-policy.js';
import { USER_DEFAULT_S, ROOT_MAX_S } from './GetSessionToken.js';

interface Input {
  Name: string;
  Policy?: string;
  PolicyArns?: { arn?: string }[];
  DurationSeconds?: number;
  Tags?: Tag[];
}

/** A session policy that allows nothing (every action on no resource): a federated user without session policies gets it. */
export const NO_PERMISSIONS_POLICY =
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","NotResource":"*"}]}';

export function federatedUserArn(account: string, name: string): string {
  return `arn:aws:sts::${account}:federated-user/${name}`;
}

export default defineOperation<Input>({
  name: 'GetFederationToken',
  authz: (input, ctx) => {
    const check = {
      resource: federatedUserArn(ctx.caller.accountId, input.Name),
      context: input.Tags?.length
        ? {
            'aws:TagKeys': input.Tags.map((t) => t.Key),
            ...Object.fromEntries(input.Tags.map((t) => [`aws:RequestTag/${t.Key}`, t.Value])),
          }
        : undefined,
    };
    // Session credentials are refused by the handler with AWS's message, not with an authorization error.
    if (ctx.caller.session !== undefined) return undefined;
    return input.Tags?.length
      ? [
          { action: 'sts:GetFederationToken', ...check },
          { action: 'sts:TagSession', ...check },
        ]
      : { action: 'sts:GetFederationToken', ...check };
  },
  handler(ctx, input) {
    const c = ctx.caller;
    const { env } = ctx;
    if (c.session !== undefined || (c.type !== 'IAMUser' && c.type !== 'Root')) {
      throw accessDenied('Cannot call GetFederationToken with session credentials');
    }
    let duration = input.DurationSeconds ?? (c.type === 'Root' ? ROOT_MAX_S : USER_DEFAULT_S);
    if (c.type === 'Root') duration = Math.min(duration, ROOT_MAX_S);
    if (input.Policy !== undefined) {
      try {
        parsePolicy(input.Policy, 'session');
      } catch (e) {
        if (e instanceof MalformedPolicyError) throw new AwsError('MalformedPolicyDocument', e.message);
        throw e;
      }
    }
    const policyArns = (input.PolicyArns ?? []).map((p) => p.arn ?? '');
    for (const arn of policyArns) {
      if (!findManagedPolicy(env.store, c.accountId, arn)) {
        throw new AwsError('InvalidParameterValue', `The policy ${arn} does not exist or is not attachable.`);
      }
    }
    const tags = (input.Tags ?? []).map((t) => ({ Key: t.Key, Value: t.Value }));
    const packed = packedPolicySize(input.Policy, policyArns, tags);
    if (packed > 100) {
      throw new AwsError(
        'PackedPolicyTooLarge',
        `Packed policy consumes ${packed}% of allotted space, please use smaller policy.`,
      );
    }
    const now = ctx.now.getTime();
    const arn = federatedUserArn(c.accountId, input.Name);
    const userId = `${c.accountId}:${input.Name}`;
    const hasPolicies = input.Policy !== undefined || policyArns.length > 0;
    const { Credentials } = issueSession(env, {
      account: c.accountId,
      type: 'FederatedUser',
      arn,
      userId,
      iat: now,
      exp: now + duration * 1000,
      policy: hasPolicies ? input.Policy : NO_PERMISSIONS_POLICY,
      policyArns: policyArns.length ? policyArns : undefined,
      tags: tags.length ? tags : undefined,
      depth: 0,
      parentAccessKeyId: c.accessKeyId,
      origin: { arn: c.arn, accessKeyId: c.accessKeyId },
    });
    return {
      Credentials,
      FederatedUser: { FederatedUserId: userId, Arn: arn },
      PackedPolicySize: hasPolicies || tags.length ? packed : undefined,
    };
  },
});
