// IAM quotas (AWS's defaults; configurable through ROLECHAIN_IAM_QUOTAS='{"rolesPerAccount":5000,…}').
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html

export interface IamQuotas {
  usersPerAccount: number;
  groupsPerAccount: number;
  rolesPerAccount: number;
  customerManagedPoliciesPerAccount: number;
  instanceProfilesPerAccount: number;
  groupsPerUser: number;
  managedPoliciesPerEntity: number;
  accessKeysPerUser: number;
  policyVersions: number;
  rolesPerInstanceProfile: number;
  tagsPerEntity: number;
  oidcProvidersPerAccount: number;
  samlProvidersPerAccount: number;
  clientIdsPerOidcProvider: number;
  thumbprintsPerOidcProvider: number;
  mfaDevicesPerUser: number;
  /** Characters, whitespace not counted. */
  userInlinePolicyChars: number;
  groupInlinePolicyChars: number;
  roleInlinePolicyChars: number;
  managedPolicyChars: number;
  trustPolicyChars: number;
}

export const DEFAULT_IAM_QUOTAS: IamQuotas = {
  usersPerAccount: 5000,
  groupsPerAccount: 300,
  rolesPerAccount: 1000,
  customerManagedPoliciesPerAccount: 1500,
  instanceProfilesPerAccount: 1000,
  groupsPerUser: 10,
  managedPoliciesPerEntity: 10,
  accessKeysPerUser: 2,
  policyVersions: 5,
  rolesPerInstanceProfile: 1,
  tagsPerEntity: 50,
  oidcProvidersPerAccount: 100,
  samlProvidersPerAccount: 100,
  clientIdsPerOidcProvider: 100,
  thumbprintsPerOidcProvider: 5,
  mfaDevicesPerUser: 8,
  userInlinePolicyChars: 2048,
  groupInlinePolicyChars: 5120,
  roleInlinePolicyChars: 10240,
  managedPolicyChars: 6144,
  trustPolicyChars: 2048,
};

let current: IamQuotas | undefined;

export function iamQuotas(): IamQuotas {
  if (!current) {
    const override = process.env.ROLECHAIN_IAM_QUOTAS;
    current = { ...DEFAULT_IAM_QUOTAS, ...(override ? (JSON.parse(override) as Partial<IamQuotas>) : {}) };
  }
  return current;
}

/** Tests change quotas in-process. */
export function setIamQuotas(q: Partial<IamQuotas>): void {
  current = { ...iamQuotas(), ...q };
}
