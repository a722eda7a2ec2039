// The resources TagResource / UntagResource / ListTagsForResource address: roots, OUs, accounts and
// customer policies, with their tags and how to write new ones.
import type { BatchOp, Store } from '../../store/index.js';
import type { Tag } from '../iam/model.js';
import type { OrganizationRecord } from './model.js';
import { immutablePolicy, targetNotFound } from './errors.js';
import { putOp } from './mutate.js';
import { findPolicy } from './policies.js';
import { findTarget } from './targets.js';
import { POLICY_ID_RE, STATE_KIND } from './state.js';

export interface Taggable {
  tags: readonly Tag[];
  write(tags: Tag[]): BatchOp;
}

export function requireTaggable(store: Store, org: OrganizationRecord, id: string): Taggable {
  if (POLICY_ID_RE.test(id)) {
    const p = findPolicy(store, org, id);
    if (!p) throw targetNotFound();
    if (p.awsManaged) throw immutablePolicy();
    return {
      tags: p.record.tags,
      write: (tags) => putOp(org, STATE_KIND.policy, p.record.id, { ...p.record, tags }),
    };
  }
  const t = findTarget(store, org, id);
  if (!t) throw targetNotFound();
  return { tags: t.state.tags, write: (tags) => t.write({ ...t.state, tags }) };
}
