// iam:DeleteInstanceProfile — refused while the profile has a role (DeleteConflict).
import { VersionConflictError } from '../../../store/errors.js';
import { defineOperation } from '../../types.js';
import { deleteConflict, noSuchInstanceProfile } from '../errors.js';
import { KIND, type InstanceProfileRecord } from '../model.js';
import { profileCheck } from './GetInstanceProfile.js';

interface Input {
  InstanceProfileName: string;
}

export default defineOperation<Input>({
  name: 'DeleteInstanceProfile',
  authz: (input, ctx) => profileCheck(ctx, 'DeleteInstanceProfile', input.InstanceProfileName),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    for (let attempt = 0; ; attempt++) {
      const rec = store.getByName<InstanceProfileRecord>(
        KIND.instanceProfile,
        account,
        input.InstanceProfileName,
      );
      if (!rec) throw noSuchInstanceProfile(input.InstanceProfileName);
      if (rec.data.roles.length > 0) {
        throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
      }
      try {
        await store.delete(KIND.instanceProfile, account, rec.id, { expectVersion: rec.version });
        return {};
      } catch (e) {
        if (!(e instanceof VersionConflictError) || attempt >= 20) throw e;
      }
    }
  },
});
