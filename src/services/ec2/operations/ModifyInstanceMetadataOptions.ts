// ec2:ModifyInstanceMetadataOptions — HttpTokens, HttpEndpoint, hop limit, IPv6, tags in metadata.
// The reply's State is "pending" as in EC2; the instance's metadata service applies it at once.
import { defineOperation } from '../../types.js';
import { mutateInstance } from '../model.js';
import { ec2AuthorizeAll } from '../authorize.js';
import { instanceCheck, requireInstance } from '../instances.js';
import { checkMetadataOptions, type MetadataOptionsInput } from '../metadata-options.js';
import { metadataOptionsOutput } from '../output.js';
import { incorrectInstanceState } from '../errors.js';
import { syncImds } from '../runtime.js';

interface Input extends MetadataOptionsInput {
  InstanceId: string;
  DryRun?: boolean;
}

export default defineOperation<Input>({
  name: 'ModifyInstanceMetadataOptions',
  async handler(ctx, input) {
    const inst = requireInstance(ctx, input.InstanceId);
    ec2AuthorizeAll(ctx, [instanceCheck(ctx, 'ModifyInstanceMetadataOptions', inst)], input.DryRun);
    if (inst.state === 'terminated' || inst.state === 'shutting-down') {
      throw incorrectInstanceState(inst.instanceId, 'modified');
    }
    const options = checkMetadataOptions(inst.metadataOptions, input);
    const updated = await mutateInstance(ctx.env.store, inst.ownerId, inst.instanceId, (r) => {
      r.metadataOptions = options;
    });
    await syncImds(ctx.env, [updated]);
    return {
      InstanceId: inst.instanceId,
      InstanceMetadataOptions: metadataOptionsOutput(options, 'pending'),
    };
  },
});
