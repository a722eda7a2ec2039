// iam:GetInstanceProfile — the profile with its role (at most one) and tags. Also the helpers the
// other instance-profile operations share.
import type { Store } from '../../../store/index.js';
import { VersionConflictError } from '../../../store/errors.js';
import type { AuthzCheck, OperationContext } from '../../types.js';
import { defineOperation } from '../../types.js';
import { noSuchInstanceProfile } from '../errors.js';
import { KIND, getRoleByName, type InstanceProfileRecord } from '../model.js';
import { roleOutput } from './GetRole.js';

export function instanceProfileArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:instance-profile${path}${name}`;
}

export function getInstanceProfile(
  store: Store,
  account: string,
  name: string,
): InstanceProfileRecord | undefined {
  return store.getByName<InstanceProfileRecord>(KIND.instanceProfile, account, name)?.data;
}

export function requireInstanceProfile(store: Store, account: string, name: string): InstanceProfileRecord {
  const p = getInstanceProfile(store, account, name);
  if (!p) throw noSuchInstanceProfile(name);
  return p;
}

/** The check for an action on an instance profile: its real ARN (with its path) and its tags. */
export function profileCheck(
  ctx: OperationContext,
  action: string,
  name: string,
  context: AuthzCheck['context'] = {},
): AuthzCheck {
  const account = ctx.caller.accountId;
  const p = getInstanceProfile(ctx.env.store, account, name);
  const tagKeys: NonNullable<AuthzCheck['context']> = {};
  for (const t of p?.tags ?? []) tagKeys[`aws:ResourceTag/${t.Key}`] = t.Value;
  return {
    action: `iam:${action}`,
    resource: p ? p.arn : instanceProfileArn(account, '/', name),
    context: { ...tagKeys, ...context },
  };
}

/** An instance profile as IAM returns it; listings (withTags false) omit the tags, as AWS's do. */
export function instanceProfileOutput(
  store: Store,
  account: string,
  p: InstanceProfileRecord,
  withTags: boolean,
): Record<string, unknown> {
  const roles = p.roles.flatMap((n) => {
    const r = getRoleByName(store, account, n);
    return r ? [roleOutput(r, 'profile')] : [];
  });
  const out: Record<string, unknown> = {
    Path: p.path,
    InstanceProfileName: p.instanceProfileName,
    InstanceProfileId: p.instanceProfileId,
    Arn: p.arn,
    CreateDate: new Date(p.createDate),
    Roles: roles,
  };
  if (withTags && p.tags.length > 0) out.Tags = p.tags.map((t) => ({ Key: t.Key, Value: t.Value }));
  return out;
}

/** Read-modify-write of an instance profile with optimistic concurrency (see mutateRole). */
export async function mutateInstanceProfile(
  store: Store,
  account: string,
  name: string,
  change: (p: InstanceProfileRecord) => void,
): Promise<InstanceProfileRecord> {
  for (let attempt = 0; ; attempt++) {
    const rec = store.getByName<InstanceProfileRecord>(KIND.instanceProfile, account, name);
    if (!rec) throw noSuchInstanceProfile(name);
    const p = structuredClone(rec.data) as InstanceProfileRecord;
    change(p);
    try {
      await store.put(
        { kind: KIND.instanceProfile, account, id: rec.id, name: p.instanceProfileName, data: p },
        { expectVersion: rec.version },
      );
      return p;
    } catch (e) {
      if (!(e instanceof VersionConflictError) || attempt >= 20) throw e;
    }
  }
}

interface Input {
  InstanceProfileName: string;
}

export default defineOperation<Input>({
  name: 'GetInstanceProfile',
  readOnly: true,
  authz: (input, ctx) => profileCheck(ctx, 'GetInstanceProfile', input.InstanceProfileName),
  handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const p = requireInstanceProfile(store, account, input.InstanceProfileName);
    return { InstanceProfile: instanceProfileOutput(store, account, p, true) };
  },
});
