// Instance-profile associations live on their instance record; these find one by its id.
import type { OperationContext } from '../types.js';
import { ASSOCIATION_ID_RE, listInstances, type InstanceRecord } from './model.js';
import { invalidAssociationIdNotFound } from './errors.js';

export function findAssociation(ctx: OperationContext, associationId: string): InstanceRecord {
  if (ASSOCIATION_ID_RE.test(associationId)) {
    for (const r of listInstances(ctx.env.store, ctx.caller.accountId, ctx.region, ctx.now.getTime())) {
      if (r.association?.associationId === associationId) return r;
    }
  }
  throw invalidAssociationIdNotFound(associationId);
}
