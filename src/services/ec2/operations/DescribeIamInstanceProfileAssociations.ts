// ec2:DescribeIamInstanceProfileAssociations — by AssociationIds and/or Filters (instance-id, state),
// paged (MaxResults 5..1000).
import { defineOperation } from '../../types.js';
import { listInstances } from '../model.js';
import { ec2Authorize } from '../authorize.js';
import { associationFilter, type Filter } from '../filters.js';
import { associationOutput } from '../output.js';
import { invalidAssociationIdNotFound } from '../errors.js';
import { page, pageSize } from '../paging.js';

interface Input {
  AssociationIds?: string[];
  Filters?: Filter[];
  MaxResults?: number;
  NextToken?: string;
}

export default defineOperation<Input>({
  name: 'DescribeIamInstanceProfileAssociations',
  readOnly: true,
  handler(ctx, input) {
    ec2Authorize(ctx, { action: 'ec2:DescribeIamInstanceProfileAssociations', resource: '*' });
    const max = pageSize(input.MaxResults);
    const matches = associationFilter(input.Filters);
    let withAssoc = listInstances(ctx.env.store, ctx.caller.accountId, ctx.region, ctx.now.getTime()).filter(
      (r) => r.association !== undefined,
    );
    if (input.AssociationIds?.length) {
      const wanted = new Set(input.AssociationIds);
      const found = new Set(withAssoc.map((r) => r.association!.associationId));
      for (const id of wanted) if (!found.has(id)) throw invalidAssociationIdNotFound(id);
      withAssoc = withAssoc.filter((r) => wanted.has(r.association!.associationId));
    }
    const selected = withAssoc.filter((r) => matches({ instanceId: r.instanceId, state: 'associated' }));
    const { items, nextToken } = page(selected, (r) => r.association!.associationId, max, input.NextToken);
    return {
      IamInstanceProfileAssociations: items.map((r) => associationOutput(r, 'associated')),
      NextToken: nextToken,
    };
  },
});
