// ec2:ReplaceIamInstanceProfileAssociation — swaps the profile of an association (a new association
// id), with the same iam:PassRole check as AssociateIamInstanceProfile. The metadata service serves the
// new role's credentials from then on.
import { defineOperation } from '../../types.js';
import { mutateInstance, instanceArn, newAssociationId } from '../model.js';
import { ec2Authorize } from '../authorize.js';
import { instanceCheck } from '../instances.js';
import { findAssociation } from '../associations.js';
import { passProfileRole, resolveProfile, type ProfileSpec } from '../profile-spec.js';
import { invalidAssociationIdNotFound } from '../errors.js';
import { associationOutput } from '../output.js';
import { syncImds } from '../runtime.js';

interface Input {
  IamInstanceProfile: ProfileSpec;
  AssociationId: string;
}

export default defineOperation<Input>({
  name: 'ReplaceIamInstanceProfileAssociation',
  async handler(ctx, input) {
    const inst = findAssociation(ctx, input.AssociationId);
    ec2Authorize(ctx, instanceCheck(ctx, 'ReplaceIamInstanceProfileAssociation', inst));
    const profile = resolveProfile(ctx, input.IamInstanceProfile);
    passProfileRole(ctx, profile, instanceArn(inst.region, inst.ownerId, inst.instanceId));
    const updated = await mutateInstance(ctx.env.store, inst.ownerId, inst.instanceId, (r) => {
      if (r.association?.associationId !== input.AssociationId)
        throw invalidAssociationIdNotFound(input.AssociationId);
      r.association = {
        associationId: newAssociationId(),
        profileArn: profile.arn,
        profileId: profile.instanceProfileId,
        timestamp: ctx.now.toISOString(),
      };
    });
    await syncImds(ctx.env, [updated]);
    return { IamInstanceProfileAssociation: associationOutput(updated, 'associating') };
  },
});
