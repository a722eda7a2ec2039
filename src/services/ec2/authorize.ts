// EC2's way of refusing: UnauthorizedOperation (403) whose message carries the engine's explanation and
// an "Encoded authorization failure message" that sts:DecodeAuthorizationMessage opens. And DryRun:
// every check runs, then DryRunOperation (412) instead of the change.
import type { AuthzCheck, OperationContext } from '../types.js';
import { AwsError, isAwsError } from '../../wire/errors.js';
import { encodeAuthorizationMessage } from '../sts/operations/DecodeAuthorizationMessage.js';
import { dryRunOperation } from './errors.js';

function stringContext(check: AuthzCheck): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(check.context ?? {})) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String) : String(v);
  }
  return out;
}

/** Authorizes one check; a denial becomes EC2's UnauthorizedOperation with the encoded message. */
export function ec2Authorize(ctx: OperationContext, check: AuthzCheck): void {
  try {
    ctx.authorize(check);
  } catch (e) {
    if (!isAwsError(e) || e.code !== 'AccessDenied') throw e;
    const encoded = encodeAuthorizationMessage(ctx.env, {
      account: ctx.caller.accountId,
      principal: { id: ctx.caller.userId, name: ctx.caller.userName, arn: ctx.caller.arn },
      action: check.action,
      resource: check.resource,
      explicitDeny: e.message.includes('with an explicit deny'),
      context: stringContext(check),
    });
    const reason = e.message.replace(/\.$/, '');
    throw new AwsError(
      'UnauthorizedOperation',
      `You are not authorized to perform this operation. ${reason}. Encoded authorization failure message: ${encoded}`,
      { status: 403 },
    );
  }
}

/** Runs the checks; with DryRun set, stops there with DryRunOperation. */
export function ec2AuthorizeAll(
  ctx: OperationContext,
  checks: AuthzCheck[],
  dryRun: boolean | undefined,
): void {
  for (const c of checks) ec2Authorize(ctx, c);
  if (dryRun) throw dryRunOperation();
}

/** The resource-tag context of an instance (aws:ResourceTag/… and EC2's own ec2:ResourceTag/…). */
export function instanceTagContext(tags: readonly { Key: string; Value: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of tags) {
    out[`aws:ResourceTag/${t.Key}`] = t.Value;
    out[`ec2:ResourceTag/${t.Key}`] = t.Value;
  }
  return out;
}
