// AWS's output shapes for roots and OUs, shared by the operations that return them.
import type { Store } from '../../store/index.js';
import type { OrganizationRecord } from './model.js';
import { ORG_POLICY_TYPES, entityPath, ouArn, ouChain, rootArn, rootRecord, type OuRecord } from './state.js';

export function describeRoot(store: Store, org: OrganizationRecord) {
  const root = rootRecord(store, org);
  return {
    Id: org.rootId,
    Arn: rootArn(org),
    Name: 'Root',
    PolicyTypes: ORG_POLICY_TYPES.filter((t) => root.policyTypes.includes(t)).map((t) => ({
      Type: t,
      Status: 'ENABLED',
    })),
  };
}

export function describeOu(store: Store, org: OrganizationRecord, ou: OuRecord) {
  return {
    Id: ou.id,
    Arn: ouArn(org, ou.id),
    Name: ou.name,
    Path: entityPath(org, ouChain(store, org, ou.id)),
  };
}
