// iam:GetAccountSummary — entity counts and quotas under the SummaryMap keys AWS returns.
import { defineOperation } from '../../types.js';
import { KIND, type ManagedPolicyRecord } from '../model.js';
import { listMfaDevices } from '../mfa/devices.js';
import { iamQuotas } from '../quotas.js';
import { userKeyRecords } from './ListAccessKeys.js';

/** Quotas rolechain does not model but AWS reports (its defaults). */
const FIXED = {
  ServerCertificates: 0,
  ServerCertificatesQuota: 20,
  SigningCertificatesPerUserQuota: 2,
  AccountSigningCertificatesPresent: 0,
  PolicyVersionsInUseQuota: 10000,
  GlobalEndpointTokenVersion: 1,
};

export default defineOperation<Record<string, never>>({
  name: 'GetAccountSummary',
  readOnly: true,
  authz: () => ({ action: 'iam:GetAccountSummary', resource: '*' }),
  handler(ctx) {
    const store = ctx.env.store;
    const account = ctx.caller.accountId;
    const q = iamQuotas();
    const count = (kind: string) => store.list(kind, account).length;
    const policies = store.list<ManagedPolicyRecord>(KIND.policy, account);
    const devices = listMfaDevices(store, account);
    const summary: Record<string, number> = {
      Users: count(KIND.user),
      UsersQuota: q.usersPerAccount,
      Groups: count(KIND.group),
      GroupsQuota: q.groupsPerAccount,
      Roles: count(KIND.role),
      RolesQuota: q.rolesPerAccount,
      Policies: policies.length,
      PoliciesQuota: q.customerManagedPoliciesPerAccount,
      PolicyVersionsInUse: policies.reduce((n, p) => n + p.data.versions.length, 0),
      InstanceProfiles: count(KIND.instanceProfile),
      InstanceProfilesQuota: q.instanceProfilesPerAccount,
      Providers: count(KIND.oidcProvider) + count(KIND.samlProvider),
      MFADevices: devices.length,
      MFADevicesInUse: devices.filter((d) => d.userId !== undefined).length,
      AccountMFAEnabled: 0,
      AccountAccessKeysPresent: userKeyRecords(store, account, undefined).length > 0 ? 1 : 0,
      UserPolicySizeQuota: q.userInlinePolicyChars,
      GroupPolicySizeQuota: q.groupInlinePolicyChars,
      RolePolicySizeQuota: q.roleInlinePolicyChars,
      PolicySizeQuota: q.managedPolicyChars,
      AssumeRolePolicySizeQuota: q.trustPolicyChars,
      VersionsPerPolicyQuota: q.policyVersions,
      GroupsPerUserQuota: q.groupsPerUser,
      AccessKeysPerUserQuota: q.accessKeysPerUser,
      AttachedPoliciesPerUserQuota: q.managedPoliciesPerEntity,
      AttachedPoliciesPerGroupQuota: q.managedPoliciesPerEntity,
      AttachedPoliciesPerRoleQuota: q.managedPoliciesPerEntity,
      ...FIXED,
    };
    return { SummaryMap: summary };
  },
});
