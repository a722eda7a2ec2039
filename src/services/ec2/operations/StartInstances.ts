// ec2:StartInstances — stopped → pending (stored running); running stays running; others refuse.
import { defineOperation } from '../../types.js';
import { incorrectInstanceState } from '../errors.js';
import { changeStates } from './state-change.js';

interface Input {
  InstanceIds: string[];
  DryRun?: boolean;
}

export default defineOperation<Input>({
  name: 'StartInstances',
  async handler(ctx, input) {
    const StartingInstances = await changeStates(ctx, input.InstanceIds, input.DryRun, {
      action: 'StartInstances',
      next: (r) => {
        if (r.state === 'running' || r.state === 'pending') return undefined;
        if (r.state === 'stopped') return ['pending', 'running'];
        throw incorrectInstanceState(r.instanceId, 'started');
      },
      reason: () => '',
    });
    return { StartingInstances };
  },
});
