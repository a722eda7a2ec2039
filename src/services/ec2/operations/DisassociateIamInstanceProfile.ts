// ec2:DisassociateIamInstanceProfile — ends the association; the instance's metadata service stops
// serving the role's credentials at once (reply state "disassociating").
import { defineOperation } from '../../types.js';
import { mutateInstance } from '../model.js';
import { ec2Authorize } from '../authorize.js';
import { instanceCheck } from '../instances.js';
import { findAssociation } from '../associations.js';
import { invalidAssociationIdNotFound } from '../errors.js';
import { associationOutput } from '../output.js';
import { syncImds } from '../runtime.js';

interface Input {
  AssociationId: string;
}

export default defineOperation<Input>({
  name: 'DisassociateIamInstanceProfile',
  async handler(ctx, input) {
    const inst = findAssociation(ctx, input.AssociationId);
    ec2Authorize(ctx, instanceCheck(ctx, 'DisassociateIamInstanceProfile', inst));
    const previous = inst.association!;
    const updated = await mutateInstance(ctx.env.store, inst.ownerId, inst.instanceId, (r) => {
      if (r.association?.associationId !== input.AssociationId)
        throw invalidAssociationIdNotFound(input.AssociationId);
      delete r.association;
    });
    await syncImds(ctx.env, [updated]);
    return { IamInstanceProfileAssociation: associationOutput(updated, 'disassociating', previous) };
  },
});
