// organizations:CreateOrganizationalUnit — under the root or an OU, at most 5 levels deep, names unique
// among siblings; the new OU gets the AWS managed policy of each enabled policy type.
import { defineOperation } from '../../types.js';
import * as ids from '../../ids.js';
import type { Tag } from '../../iam/model.js';
import { requireManagementAccount } from '../model.js';
import { checks } from '../authz.js';
import { commit, putOp } from '../mutate.js';
import { constraintViolation, duplicateOu, parentNotFound } from '../errors.js';
import { describeOu } from '../output.js';
import { checkTags, copyTags } from '../tags.js';
import {
  QUOTAS,
  STATE_KIND,
  defaultPolicies,
  listOus,
  ouChain,
  parentExists,
  rootRecord,
  type OuRecord,
} from '../state.js';

export default defineOperation<{ ParentId: string; Name: string; Tags?: Tag[] }>({
  name: 'CreateOrganizationalUnit',
  authz: (input, ctx) => checks(ctx, 'CreateOrganizationalUnit', input.ParentId),
  async handler(ctx, input) {
    const { store } = ctx.env;
    const org = requireManagementAccount(store, ctx.caller);
    checkTags(input.Tags);
    const ou = await commit(store, org, () => {
      if (!parentExists(store, org, input.ParentId)) throw parentNotFound();
      const all = listOus(store, org);
      if (all.some((o) => o.parentId === input.ParentId && o.name === input.Name)) throw duplicateOu();
      if (all.length >= QUOTAS.ous) throw constraintViolation('OU_NUMBER_LIMIT_EXCEEDED');
      if (ouChain(store, org, input.ParentId).length >= QUOTAS.ouDepth) {
        throw constraintViolation('OU_DEPTH_LIMIT_EXCEEDED');
      }
      const rec: OuRecord = {
        id: ids.ouId(org.rootId),
        name: input.Name,
        parentId: input.ParentId,
        policies: defaultPolicies(rootRecord(store, org)),
        tags: copyTags(input.Tags),
      };
      return { ops: [putOp(org, STATE_KIND.ou, rec.id, rec)], result: rec };
    });
    return { OrganizationalUnit: describeOu(store, org, ou) };
  },
});
