// Looking up the instances a request names: malformed ids first (InvalidInstanceID.Malformed), then
// the ones that do not exist in the caller's account and region, all named in one NotFound, as EC2 does.
import type { OperationContext } from '../types.js';
import { INSTANCE_ID_RE, getInstance, instanceArn, type InstanceRecord } from './model.js';
import { invalidInstanceIdMalformed, invalidInstanceIdNotFound } from './errors.js';
import { instanceTagContext } from './authorize.js';
import type { AuthzCheck } from '../types.js';

export function requireInstances(ctx: OperationContext, ids: readonly string[]): InstanceRecord[] {
  for (const id of ids) if (!INSTANCE_ID_RE.test(id)) throw invalidInstanceIdMalformed(id);
  const found: InstanceRecord[] = [];
  const missing: string[] = [];
  const now = ctx.now.getTime();
  for (const id of new Set(ids)) {
    const r = getInstance(ctx.env.store, ctx.caller.accountId, ctx.region, id, now);
    if (r) found.push(r);
    else missing.push(id);
  }
  if (missing.length) throw invalidInstanceIdNotFound(missing);
  return found;
}

export function requireInstance(ctx: OperationContext, id: string): InstanceRecord {
  return requireInstances(ctx, [id])[0]!;
}

/** The check for an action on an instance: its ARN and its tags. */
export function instanceCheck(ctx: OperationContext, action: string, r: InstanceRecord): AuthzCheck {
  return {
    action: `ec2:${action}`,
    resource: instanceArn(r.region, r.ownerId, r.instanceId),
    context: instanceTagContext(r.tags),
  };
}
