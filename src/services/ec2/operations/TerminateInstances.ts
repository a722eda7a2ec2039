// ec2:TerminateInstances — any state → shutting-down (stored terminated, visible for an hour);
// terminated stays terminated. Termination ends the instance-profile association.
import { defineOperation } from '../../types.js';
import { changeStates, userInitiated } from './state-change.js';

interface Input {
  InstanceIds: string[];
  DryRun?: boolean;
}

export default defineOperation<Input>({
  name: 'TerminateInstances',
  async handler(ctx, input) {
    const TerminatingInstances = await changeStates(ctx, input.InstanceIds, input.DryRun, {
      action: 'TerminateInstances',
      next: (r) => (r.state === 'terminated' ? undefined : ['shutting-down', 'terminated']),
      reason: userInitiated,
    });
    return { TerminatingInstances };
  },
});
