// iam:GetUser — a user, or without UserName the caller. Root gets AWS's answer for root (its account
// id and root ARN, no UserName/Path); role sessions and other non-user callers must name a user.
// Also home to the user helpers the identity operations share.
import { AwsError } from '../../../wire/errors.js';
import { getAccount } from '../../accounts/accounts.js';
import type { AuthzCheck, OperationContext } from '../../types.js';
import { noSuchUser } from '../errors.js';
import { getUserByName, userArn, type UserRecord } from '../model.js';
import { defineOperation } from '../../types.js';

/** The User structure. `list` omits what IAM's listings omit (PermissionsBoundary and Tags). */
export function describeUser(u: UserRecord, list = false) {
  return {
    Path: u.path,
    UserName: u.userName,
    UserId: u.userId,
    Arn: u.arn,
    CreateDate: new Date(u.createDate),
    PasswordLastUsed: u.passwordLastUsed ? new Date(u.passwordLastUsed) : undefined,
    PermissionsBoundary:
      list || !u.permissionsBoundaryArn
        ? undefined
        : {
            PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
            PermissionsBoundaryArn: u.permissionsBoundaryArn,
          },
    Tags: list || u.tags.length === 0 ? undefined : u.tags.map((t) => ({ Key: t.Key, Value: t.Value })),
  };
}

export function requireUser(ctx: OperationContext, name: string): UserRecord {
  const u = getUserByName(ctx.env.store, ctx.caller.accountId, name);
  if (!u) throw noSuchUser(name);
  return u;
}

/** The user's ARN for authorization: with its path when the user exists, else under "/". */
export function userResource(ctx: OperationContext, name: string): string {
  const u = getUserByName(ctx.env.store, ctx.caller.accountId, name);
  return u ? u.arn : userArn(ctx.caller.accountId, '/', name);
}

/**
 * An authorization check on a user: its ARN, its tags as aws:ResourceTag/iam:ResourceTag, and (for the
 * actions that support it) its current permissions boundary as iam:PermissionsBoundary.
 */
export function userCheck(
  ctx: OperationContext,
  action: string,
  name: string,
  extra: AuthzCheck['context'] = {},
  withBoundary = false,
): AuthzCheck {
  const u = getUserByName(ctx.env.store, ctx.caller.accountId, name);
  const context: NonNullable<AuthzCheck['context']> = {};
  for (const t of u?.tags ?? []) {
    context[`aws:ResourceTag/${t.Key}`] = t.Value;
    context[`iam:ResourceTag/${t.Key}`] = t.Value;
  }
  if (withBoundary && u?.permissionsBoundaryArn)
    context['iam:PermissionsBoundary'] = u.permissionsBoundaryArn;
  return {
    action,
    resource: u ? u.arn : userArn(ctx.caller.accountId, '/', name),
    context: { ...context, ...extra },
  };
}

/** IAM's answer when an operation defaults to the calling user and the caller is not one. */
export const nonUserCaller = () =>
  new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');

/**
 * The user an operation with an optional UserName acts on: the named one, else the calling IAM user.
 * undefined means the root user (operations on the root's own credentials); other callers must name one.
 */
export function targetUserName(ctx: OperationContext, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const c = ctx.caller;
  if (c.type === 'IAMUser' && c.userName) return c.userName;
  if (c.type === 'Root') return undefined;
  throw nonUserCaller();
}

/** The ARN an optional-UserName operation is authorized on (the root's ARN for root itself). */
export function targetResource(ctx: OperationContext, given: string | undefined): string {
  const name = targetUserName(ctx, given);
  return name === undefined ? `arn:aws:iam::${ctx.caller.accountId}:root` : userResource(ctx, name);
}

export default defineOperation<{ UserName?: string }>({
  name: 'GetUser',
  readOnly: true,
  authz: (input, ctx) => {
    const name = targetUserName(ctx, input.UserName);
    return name === undefined
      ? { action: 'iam:GetUser', resource: `arn:aws:iam::${ctx.caller.accountId}:root` }
      : userCheck(ctx, 'iam:GetUser', name);
  },
  handler(ctx, input) {
    const name = targetUserName(ctx, input.UserName);
    if (name === undefined) {
      const acct = getAccount(ctx.env.store, ctx.caller.accountId);
      return {
        User: {
          UserId: ctx.caller.accountId,
          Arn: `arn:aws:iam::${ctx.caller.accountId}:root`,
          CreateDate: new Date(acct?.joinedTimestamp ?? 0),
        },
      };
    }
    return { User: describeUser(requireUser(ctx, name)) };
  },
});
