// Authorization checks of Organizations operations: the IAM action on the ARN of the root, OU, account
// or policy the request names (AWS's resource types for Organizations), or "*" when it names none that
// exists (the operation then answers with its own not-found error).
import type { AuthzCheck, OperationContext } from '../types.js';
import { accountArn, organizationOf } from './model.js';
import { findPolicy } from './policies.js';
import { ACCOUNT_RE, POLICY_ID_RE, getOu, ouArn, rootArn } from './state.js';

export function arnOf(ctx: OperationContext, id: string | undefined): string {
  if (!id) return '*';
  const store = ctx.env.store;
  const org = organizationOf(store, ctx.caller.accountId);
  if (!org) return '*';
  if (id === org.rootId) return rootArn(org);
  if (ACCOUNT_RE.test(id)) return accountArn(org, id);
  if (POLICY_ID_RE.test(id)) return findPolicy(store, org, id)?.arn ?? '*';
  return getOu(store, org, id) ? ouArn(org, id) : '*';
}

/** One check per named resource (e.g. AttachPolicy: the policy and the target). */
export function checks(ctx: OperationContext, action: string, ...ids: (string | undefined)[]): AuthzCheck[] {
  return ids.map((id) => ({ action: `organizations:${action}`, resource: arnOf(ctx, id) }));
}
