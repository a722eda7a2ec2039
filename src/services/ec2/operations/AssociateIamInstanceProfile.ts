// ec2:AssociateIamInstanceProfile — one association per instance (IncorrectState otherwise); the
// caller needs iam:PassRole on the profile's role for ec2.amazonaws.com with the instance as
// iam:AssociatedResourceArn. The reply says "associating"; the association is in effect at once.
import { defineOperation } from '../../types.js';
import { mutateInstance, instanceArn, newAssociationId } from '../model.js';
import { ec2Authorize } from '../authorize.js';
import { instanceCheck, requireInstance } from '../instances.js';
import { passProfileRole, resolveProfile, type ProfileSpec } from '../profile-spec.js';
import { incorrectState } from '../errors.js';
import { associationOutput } from '../output.js';
import { syncImds } from '../runtime.js';

interface Input {
  IamInstanceProfile: ProfileSpec;
  InstanceId: string;
}

export default defineOperation<Input>({
  name: 'AssociateIamInstanceProfile',
  async handler(ctx, input) {
    const inst = requireInstance(ctx, input.InstanceId);
    ec2Authorize(ctx, instanceCheck(ctx, 'AssociateIamInstanceProfile', inst));
    const profile = resolveProfile(ctx, input.IamInstanceProfile);
    passProfileRole(ctx, profile, instanceArn(inst.region, inst.ownerId, inst.instanceId));
    if (inst.state === 'terminated' || inst.state === 'shutting-down') {
      throw incorrectState(`The instance '${inst.instanceId}' is not in a valid state for this operation.`);
    }
    const updated = await mutateInstance(ctx.env.store, inst.ownerId, inst.instanceId, (r) => {
      if (r.association)
        throw incorrectState(`There is an existing association for instance ${r.instanceId}`);
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
