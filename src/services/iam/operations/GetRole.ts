// iam:GetRole — the role with its trust policy (URL-encoded), boundary, tags and RoleLastUsed.
// Also the helpers the other role operations share: lookup, authorization, output views, and
// optimistic read-modify-write.
import type { Store } from '../../../store/index.js';
import { VersionConflictError } from '../../../store/errors.js';
import type { AuthzCheck, OperationContext } from '../../types.js';
import { defineOperation } from '../../types.js';
import { noSuchRole, unmodifiableEntity } from '../errors.js';
import { KIND, getRoleByName, roleArn, type RoleRecord } from '../model.js';
import { encodeDocument } from '../policy-doc.js';

export function requireRole(store: Store, account: string, name: string): RoleRecord {
  const role = getRoleByName(store, account, name);
  if (!role) throw noSuchRole(name);
  return role;
}

/** Service-linked roles are changed by their service only. */
export function assertModifiable(role: RoleRecord): void {
  if (role.serviceLinked) {
    throw unmodifiableEntity(
      `Cannot perform the operation on the protected role '${role.roleName}' - this role is only modifiable by AWS`,
    );
  }
}

/**
 * The check for an action on an existing role: its real ARN (with its path) when it exists, its
 * current permissions boundary (iam:PermissionsBoundary) and its tags (aws:ResourceTag/…).
 */
export function roleCheck(
  ctx: OperationContext,
  action: string,
  roleName: string,
  context: AuthzCheck['context'] = {},
): AuthzCheck {
  const account = ctx.caller.accountId;
  const role = getRoleByName(ctx.env.store, account, roleName);
  const ctxKeys: NonNullable<AuthzCheck['context']> = {};
  if (role) {
    if (role.permissionsBoundaryArn) ctxKeys['iam:PermissionsBoundary'] = role.permissionsBoundaryArn;
    for (const t of role.tags) ctxKeys[`aws:ResourceTag/${t.Key}`] = t.Value;
  }
  return {
    action: `iam:${action}`,
    resource: role ? role.arn : roleArn(account, '/', roleName),
    context: { ...ctxKeys, ...context },
  };
}

export type RoleView = 'get' | 'create' | 'list' | 'profile';

/**
 * A role as IAM returns it. The views differ as AWS's do: GetRole has everything (RoleLastUsed always,
 * possibly empty); CreateRole has no MaxSessionDuration nor RoleLastUsed; ListRoles omits the boundary,
 * tags and RoleLastUsed; a role inside an instance profile has the core attributes only.
 */
export function roleOutput(r: RoleRecord, view: RoleView): Record<string, unknown> {
  const out: Record<string, unknown> = {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: new Date(r.createDate),
    AssumeRolePolicyDocument: encodeDocument(r.assumeRolePolicyDocument),
  };
  if (view === 'profile') return out;
  if (r.description !== undefined) out.Description = r.description;
  if (view !== 'create') out.MaxSessionDuration = r.maxSessionDuration;
  if (view === 'list') return out;
  if (r.permissionsBoundaryArn) {
    out.PermissionsBoundary = {
      PermissionsBoundaryType: 'PermissionsBoundaryPolicy',
      PermissionsBoundaryArn: r.permissionsBoundaryArn,
    };
  }
  if (r.tags.length > 0) out.Tags = r.tags.map((t) => ({ Key: t.Key, Value: t.Value }));
  if (view === 'get') {
    out.RoleLastUsed = r.roleLastUsed
      ? { LastUsedDate: new Date(r.roleLastUsed.lastUsedDate), Region: r.roleLastUsed.region }
      : {};
  }
  return out;
}

/**
 * Read-modify-write of a role with optimistic concurrency: `change` gets a mutable copy (and may throw
 * an AwsError); concurrent writers retry against the new version, so no update is lost and quotas
 * checked inside `change` hold.
 */
export async function mutateRole(
  store: Store,
  account: string,
  name: string,
  change: (role: RoleRecord) => void,
): Promise<RoleRecord> {
  for (let attempt = 0; ; attempt++) {
    const rec = store.getByName<RoleRecord>(KIND.role, account, name);
    if (!rec) throw noSuchRole(name);
    const role = structuredClone(rec.data) as RoleRecord;
    change(role);
    try {
      await store.put(
        { kind: KIND.role, account, id: rec.id, name: role.roleName, data: role },
        { expectVersion: rec.version },
      );
      return role;
    } catch (e) {
      if (!(e instanceof VersionConflictError) || attempt >= 20) throw e;
    }
  }
}

interface Input {
  RoleName: string;
}

export default defineOperation<Input>({
  name: 'GetRole',
  readOnly: true,
  authz: (input, ctx) => roleCheck(ctx, 'GetRole', input.RoleName),
  handler(ctx, input) {
    const role = requireRole(ctx.env.store, ctx.caller.accountId, input.RoleName);
    return { Role: roleOutput(role, 'get') };
  },
});
