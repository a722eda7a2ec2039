// organizations:MoveAccount — from its current parent (SourceParentId must be it) to another root or OU.
import { defineOperation } from '../../types.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit } from '../mutate.js';
import {
  accountNotFound,
  destinationParentNotFound,
  duplicateAccount,
  sourceParentNotFound,
} from '../errors.js';
import { findTarget } from '../targets.js';
import { memberRecord, parentExists, STATE_KIND } from '../state.js';
import { putOp } from '../mutate.js';

export default defineOperation<{ AccountId: string; SourceParentId: string; DestinationParentId: string }>({
  name: 'MoveAccount',
  authz: (input, ctx) =>
    checks(ctx, 'MoveAccount', input.AccountId, input.SourceParentId, input.DestinationParentId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    await commit(store, org, () => {
      if (!findTarget(store, org, input.AccountId)) throw accountNotFound();
      if (!parentExists(store, org, input.SourceParentId)) throw sourceParentNotFound();
      if (!parentExists(store, org, input.DestinationParentId)) throw destinationParentNotFound();
      const m = memberRecord(store, org, input.AccountId);
      if (m.parentId === input.DestinationParentId) throw duplicateAccount();
      if (m.parentId !== input.SourceParentId) throw accountNotFound();
      return {
        ops: [putOp(org, STATE_KIND.member, m.id, { ...m, parentId: input.DestinationParentId })],
        result: undefined,
      };
    });
    return {};
  },
});
