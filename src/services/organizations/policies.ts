// Organizations policies: the AWS managed FullAWSAccess (SCP) and RCPFullAWSAccess (RCP), customer
// policies from the store, their ARNs and AWS's output shapes, and document validation (the engine's
// SCP/RCP grammar plus the 5,120-character size quota, white space included).
import { MalformedPolicyError, parsePolicy } from '../../policy/index.js';
import type { Store } from '../../store/index.js';
import type { OrganizationRecord } from './model.js';
import { constraintViolation, malformedPolicy, policyNotFound } from './errors.js';
import { MANAGED_POLICY_ID, QUOTAS, STATE_KIND, type OrgPolicyRecord, type OrgPolicyType } from './state.js';

const TYPE_SEGMENT: Record<OrgPolicyType, string> = {
  SERVICE_CONTROL_POLICY: 'service_control_policy',
  RESOURCE_CONTROL_POLICY: 'resource_control_policy',
};

const ALLOW_ALL = (principal: boolean) =>
  JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        principal
          ? { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }
          : { Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    },
    null,
    2,
  );

export interface ResolvedOrgPolicy {
  record: OrgPolicyRecord;
  awsManaged: boolean;
  arn: string;
}

const MANAGED: Record<string, OrgPolicyRecord> = {
  [MANAGED_POLICY_ID.SERVICE_CONTROL_POLICY]: {
    id: MANAGED_POLICY_ID.SERVICE_CONTROL_POLICY,
    name: 'FullAWSAccess',
    description: 'Allows access to every operation',
    type: 'SERVICE_CONTROL_POLICY',
    content: ALLOW_ALL(false),
    tags: [],
  },
  [MANAGED_POLICY_ID.RESOURCE_CONTROL_POLICY]: {
    id: MANAGED_POLICY_ID.RESOURCE_CONTROL_POLICY,
    name: 'RCPFullAWSAccess',
    description: 'Allows access to every operation',
    type: 'RESOURCE_CONTROL_POLICY',
    content: ALLOW_ALL(true),
    tags: [],
  },
};

export function isManagedPolicyId(id: string): boolean {
  return Object.hasOwn(MANAGED, id);
}

export function policyArn(org: OrganizationRecord, p: OrgPolicyRecord, awsManaged: boolean): string {
  return awsManaged
    ? `arn:aws:organizations::aws:policy/${TYPE_SEGMENT[p.type]}/${p.id}`
    : `arn:aws:organizations::${org.masterAccountId}:policy/${org.id}/${TYPE_SEGMENT[p.type]}/${p.id}`;
}

export function findPolicy(store: Store, org: OrganizationRecord, id: string): ResolvedOrgPolicy | undefined {
  const managed = Object.hasOwn(MANAGED, id) ? MANAGED[id] : undefined;
  if (managed) return { record: managed, awsManaged: true, arn: policyArn(org, managed, true) };
  const rec = store.get<OrgPolicyRecord>(STATE_KIND.policy, org.masterAccountId, id)?.data;
  return rec ? { record: rec, awsManaged: false, arn: policyArn(org, rec, false) } : undefined;
}

export function requirePolicy(store: Store, org: OrganizationRecord, id: string): ResolvedOrgPolicy {
  const p = findPolicy(store, org, id);
  if (!p) throw policyNotFound();
  return p;
}

export function listPolicies(
  store: Store,
  org: OrganizationRecord,
  type: OrgPolicyType,
): ResolvedOrgPolicy[] {
  const managed = MANAGED[MANAGED_POLICY_ID[type]]!;
  const out: ResolvedOrgPolicy[] = [
    { record: managed, awsManaged: true, arn: policyArn(org, managed, true) },
  ];
  for (const r of store.list<OrgPolicyRecord>(STATE_KIND.policy, org.masterAccountId)) {
    if (r.data.type === type)
      out.push({ record: r.data, awsManaged: false, arn: policyArn(org, r.data, false) });
  }
  return out;
}

export function policySummary(p: ResolvedOrgPolicy) {
  return {
    Id: p.record.id,
    Arn: p.arn,
    Name: p.record.name,
    Description: p.record.description,
    Type: p.record.type,
    AwsManaged: p.awsManaged,
  };
}

export function describePolicy(p: ResolvedOrgPolicy) {
  return { PolicySummary: policySummary(p), Content: p.record.content };
}

/** The engine's kind for a policy type. */
export function engineKind(type: OrgPolicyType): 'scp' | 'rcp' {
  return type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp';
}

/** Validates a customer policy document: size first (AWS's order), then the SCP/RCP grammar. */
export function validatePolicyContent(content: string, type: OrgPolicyType): void {
  if (content.length > QUOTAS.policyChars) throw constraintViolation('POLICY_CONTENT_LIMIT_EXCEEDED');
  try {
    parsePolicy(content, engineKind(type));
  } catch (e) {
    if (e instanceof MalformedPolicyError) throw malformedPolicy();
    throw e;
  }
}
