// Policy targets (a root, an OU or an account) resolved from an id, with what AttachPolicy,
// ListTargetsForPolicy and the tag operations need: their state, name, ARN, and how to write them back.
import type { BatchOp, Store } from '../../store/index.js';
import { accountArn, type OrganizationRecord } from './model.js';
import {
  ACCOUNT_RE,
  OU_ID_RE,
  ROOT_ID_RE,
  STATE_KIND,
  getOu,
  listOus,
  memberAccount,
  memberAccounts,
  memberRecord,
  ouArn,
  rootArn,
  rootRecord,
  type MemberRecord,
  type OuRecord,
  type RootRecord,
  type TargetState,
} from './state.js';
import { putOp } from './mutate.js';

export type TargetType = 'ROOT' | 'ORGANIZATIONAL_UNIT' | 'ACCOUNT';

export interface Target {
  type: TargetType;
  id: string;
  name: string;
  arn: string;
  state: TargetState;
  /** The put that stores `next` as this target's state (attachments, tags). */
  write(next: TargetState): BatchOp;
}

function rootTarget(org: OrganizationRecord, root: RootRecord): Target {
  return {
    type: 'ROOT',
    id: root.id,
    name: 'Root',
    arn: rootArn(org),
    state: root,
    write: (next) => putOp<RootRecord>(org, STATE_KIND.root, root.id, { ...root, ...next }),
  };
}

function ouTarget(org: OrganizationRecord, ou: OuRecord): Target {
  return {
    type: 'ORGANIZATIONAL_UNIT',
    id: ou.id,
    name: ou.name,
    arn: ouArn(org, ou.id),
    state: ou,
    write: (next) => putOp<OuRecord>(org, STATE_KIND.ou, ou.id, { ...ou, ...next }),
  };
}

function accountTarget(org: OrganizationRecord, m: MemberRecord, name: string): Target {
  return {
    type: 'ACCOUNT',
    id: m.id,
    name,
    arn: accountArn(org, m.id),
    state: m,
    write: (next) => putOp<MemberRecord>(org, STATE_KIND.member, m.id, { ...m, ...next }),
  };
}

/** The target with this id in the organization, or undefined. */
export function findTarget(store: Store, org: OrganizationRecord, id: string): Target | undefined {
  if (ROOT_ID_RE.test(id)) return id === org.rootId ? rootTarget(org, rootRecord(store, org)) : undefined;
  if (OU_ID_RE.test(id)) {
    const ou = getOu(store, org, id);
    return ou ? ouTarget(org, ou) : undefined;
  }
  if (ACCOUNT_RE.test(id)) {
    const a = memberAccount(store, org, id);
    return a ? accountTarget(org, memberRecord(store, org, id), a.name) : undefined;
  }
  return undefined;
}

/** Every target of the organization: the root, all OUs, all accounts. */
export function allTargets(store: Store, org: OrganizationRecord): Target[] {
  const out = [rootTarget(org, rootRecord(store, org))];
  for (const ou of listOus(store, org)) out.push(ouTarget(org, ou));
  for (const a of memberAccounts(store, org))
    out.push(accountTarget(org, memberRecord(store, org, a.id), a.name));
  return out;
}

export function targetSummary(t: Target) {
  return { TargetId: t.id, Arn: t.arn, Name: t.name, Type: t.type };
}
