// ec2:DescribeInstances — by InstanceIds and/or Filters, grouped by reservation, paged by instance.
// Terminated instances stay visible for an hour. MaxResults cannot be combined with InstanceIds.
import { defineOperation } from '../../types.js';
import { listInstances, type InstanceRecord } from '../model.js';
import { ec2AuthorizeAll } from '../authorize.js';
import { instanceFilter, type Filter } from '../filters.js';
import { instanceOutput } from '../output.js';
import { requireInstances } from '../instances.js';
import { invalidParameterCombination } from '../errors.js';
import { page, pageSize } from '../paging.js';

interface Input {
  InstanceIds?: string[];
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
  DryRun?: boolean;
}

export function reservations(instances: readonly InstanceRecord[]) {
  const byReservation = new Map<string, InstanceRecord[]>();
  for (const r of instances) {
    const list = byReservation.get(r.reservationId) ?? [];
    list.push(r);
    byReservation.set(r.reservationId, list);
  }
  return [...byReservation.values()].map((list) => ({
    ReservationId: list[0]!.reservationId,
    OwnerId: list[0]!.ownerId,
    Groups: [],
    Instances: list.map((r) => instanceOutput(r)),
  }));
}

export default defineOperation<Input>({
  name: 'DescribeInstances',
  readOnly: true,
  handler(ctx, input) {
    ec2AuthorizeAll(ctx, [{ action: 'ec2:DescribeInstances', resource: '*' }], input.DryRun);
    if (input.InstanceIds?.length && input.MaxResults !== undefined) {
      throw invalidParameterCombination(
        'The parameter instancesSet cannot be used with the parameter maxResults',
      );
    }
    const max = pageSize(input.MaxResults);
    const matches = instanceFilter(input.Filters);
    const base = input.InstanceIds?.length
      ? requireInstances(ctx, input.InstanceIds)
      : listInstances(ctx.env.store, ctx.caller.accountId, ctx.region, ctx.now.getTime());
    const selected = base.filter(matches);
    const { items, nextToken } = page(selected, (r) => r.instanceId, max, input.NextToken);
    return { Reservations: reservations(items), NextToken: nextToken };
  },
});
