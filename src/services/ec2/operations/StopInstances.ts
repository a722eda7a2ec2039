// ec2:StopInstances — running → stopping (stored stopped); stopped stays stopped; others refuse.
// A stopped instance has no metadata service, so its credentials are no longer served.
import { defineOperation } from '../../types.js';
import { incorrectInstanceState } from '../errors.js';
import { changeStates, userInitiated } from './state-change.js';

interface Input {
  InstanceIds: string[];
  DryRun?: boolean;
  Force?: boolean;
  Hibernate?: boolean;
}

export default defineOperation<Input>({
  name: 'StopInstances',
  async handler(ctx, input) {
    const StoppingInstances = await changeStates(ctx, input.InstanceIds, input.DryRun, {
      action: 'StopInstances',
      next: (r) => {
        if (r.state === 'stopped' || r.state === 'stopping') return undefined;
        if (r.state === 'running') return ['stopping', 'stopped'];
        throw incorrectInstanceState(r.instanceId, 'stopped');
      },
      reason: userInitiated,
    });
    return { StoppingInstances };
  },
});
