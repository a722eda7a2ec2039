// The shared body of StartInstances, StopInstances and TerminateInstances: authorize each instance,
// honour DryRun, apply the transition (the reply shows the intermediate state EC2 shows: pending,
// stopping, shutting-down; the record moves straight to running, stopped, terminated), then open or
// close the instances' metadata services.
import type { OperationContext } from '../../types.js';
import { mutateInstance, type InstanceRecord, type InstanceStateName } from '../model.js';
import { ec2AuthorizeAll } from '../authorize.js';
import { instanceCheck, requireInstances } from '../instances.js';
import { stateChange } from '../output.js';
import { syncImds } from '../runtime.js';

export interface Transition {
  action: 'StartInstances' | 'StopInstances' | 'TerminateInstances';
  /** Returns [shown, stored] for an instance, or throws (IncorrectInstanceState). undefined = unchanged. */
  next(r: InstanceRecord): [InstanceStateName, InstanceStateName] | undefined;
  reason: (now: Date) => string;
}

export async function changeStates(
  ctx: OperationContext,
  ids: string[],
  dryRun: boolean | undefined,
  t: Transition,
) {
  const instances = requireInstances(ctx, ids);
  ec2AuthorizeAll(
    ctx,
    instances.map((r) => instanceCheck(ctx, t.action, r)),
    dryRun,
  );
  const changes = [];
  const changed: InstanceRecord[] = [];
  for (const r of instances) {
    const step = t.next(r);
    if (!step) {
      changes.push(stateChange(r.instanceId, r.state, r.state));
      continue;
    }
    const [shown, stored] = step;
    const now = ctx.now;
    const updated = await mutateInstance(ctx.env.store, r.ownerId, r.instanceId, (x) => {
      x.state = stored;
      x.stateTransitionReason = t.reason(now);
      if (stored === 'running') x.bootCount += 1;
      if (stored === 'terminated') {
        x.terminatedAt = now.toISOString();
        // Terminating an instance ends its profile association.
        delete x.association;
      }
    });
    changed.push(updated);
    changes.push(stateChange(r.instanceId, r.state, shown));
  }
  await syncImds(ctx.env, changed);
  return changes;
}

/** "User initiated (2024-01-01 12:00:00 GMT)", EC2's StateTransitionReason. */
export function userInitiated(now: Date): string {
  return `User initiated (${now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, ' GMT')})`;
}
