// IAM's entities as rolechain stores them. One store kind per entity; id = the AWS unique id, name =
// the entity's name (unique case-insensitively per account, as in IAM). Policy documents are kept as
// the JSON text the caller sent (IAM returns it URL-encoded on the wire; the codec's job is not that:
// operations encode it).
import type { Store } from '../../store/index.js';

export const KIND = {
  user: 'iam.user',
  group: 'iam.group',
  role: 'iam.role',
  policy: 'iam.policy',
  instanceProfile: 'iam.instanceProfile',
  oidcProvider: 'iam.oidcProvider',
  samlProvider: 'iam.samlProvider',
  mfaDevice: 'iam.mfaDevice',
  accountAlias: 'iam.accountAlias',
} as const;

export interface Tag {
  Key: string;
  Value: string;
}

export interface InlinePolicies {
  /** policy name → document JSON text */
  [name: string]: string;
}

export interface UserRecord {
  userName: string;
  userId: string;
  arn: string;
  path: string;
  createDate: string;
  permissionsBoundaryArn?: string;
  tags: Tag[];
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicies;
  /** Names of the groups the user is in. */
  groups: string[];
  passwordLastUsed?: string;
}

export interface GroupRecord {
  groupName: string;
  groupId: string;
  arn: string;
  path: string;
  createDate: string;
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicies;
}

export interface RoleRecord {
  roleName: string;
  roleId: string;
  arn: string;
  path: string;
  createDate: string;
  assumeRolePolicyDocument: string;
  description?: string;
  maxSessionDuration: number;
  permissionsBoundaryArn?: string;
  tags: Tag[];
  attachedPolicyArns: string[];
  inlinePolicies: InlinePolicies;
  roleLastUsed?: { lastUsedDate: string; region: string };
  /** Service-linked roles are exempt from SCPs and cannot be modified by users. */
  serviceLinked?: boolean;
}

export interface PolicyVersionRecord {
  versionId: string;
  document: string;
  isDefaultVersion: boolean;
  createDate: string;
}

export interface ManagedPolicyRecord {
  policyName: string;
  policyId: string;
  arn: string;
  path: string;
  description?: string;
  createDate: string;
  updateDate: string;
  defaultVersionId: string;
  versions: PolicyVersionRecord[];
  /** Next version number to hand out (v1, v2, … never reused). */
  nextVersion: number;
  tags: Tag[];
}

export interface InstanceProfileRecord {
  instanceProfileName: string;
  instanceProfileId: string;
  arn: string;
  path: string;
  createDate: string;
  /** At most one role (AWS's quota); names of roles. */
  roles: string[];
  tags: Tag[];
}

/** An IAM OIDC identity provider; store id and name = the ARN's resource part after "oidc-provider/" (host/path). */
export interface OidcProviderRecord {
  arn: string;
  /** The URL without its https:// scheme, as IAM reports it (e.g. "token.actions.githubusercontent.com"). */
  url: string;
  clientIds: string[];
  thumbprints: string[];
  createDate: string;
  tags: Tag[];
}

/** An IAM SAML identity provider; store id and name = the provider's name. */
export interface SamlProviderRecord {
  arn: string;
  name: string;
  metadataDocument: string;
  /** SAMLProviderUUID. */
  uuid: string;
  createDate: string;
  validUntil: string;
  assertionEncryptionMode?: 'Required' | 'Allowed';
  /** Keys to decrypt encrypted assertions; the PEM sealed by the SecretBox. */
  privateKeys: { keyId: string; timestamp: string; sealed: string }[];
  tags: Tag[];
}

export function getRoleByName(store: Store, account: string, name: string): RoleRecord | undefined {
  return store.getByName<RoleRecord>(KIND.role, account, name)?.data;
}
export function getUserByName(store: Store, account: string, name: string): UserRecord | undefined {
  return store.getByName<UserRecord>(KIND.user, account, name)?.data;
}
export function getGroupByName(store: Store, account: string, name: string): GroupRecord | undefined {
  return store.getByName<GroupRecord>(KIND.group, account, name)?.data;
}
export function getManagedPolicyByName(
  store: Store,
  account: string,
  name: string,
): ManagedPolicyRecord | undefined {
  return store.getByName<ManagedPolicyRecord>(KIND.policy, account, name)?.data;
}

export async function putRole(store: Store, account: string, r: RoleRecord, ifAbsent = false): Promise<void> {
  await store.put({ kind: KIND.role, account, id: r.roleId, name: r.roleName, data: r }, { ifAbsent });
}
export async function putUser(store: Store, account: string, u: UserRecord, ifAbsent = false): Promise<void> {
  await store.put({ kind: KIND.user, account, id: u.userId, name: u.userName, data: u }, { ifAbsent });
}

export function roleArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:role${path}${name}`;
}
export function userArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:user${path}${name}`;
}
