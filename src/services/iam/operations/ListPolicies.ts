// ListPolicies: customer managed (Local) and AWS managed (AWS) policies, ordered by name, filtered
// by PathPrefix, OnlyAttached and PolicyUsageFilter, paged.
import { defineOperation } from '../../types.js';
import { byName, iamPage, underPath } from '../paging.js';
import {
  fromRecord,
  listAwsManagedPolicies,
  NO_USAGE,
  policyShape,
  policyUsage,
  type AwsManagedPolicyInfo,
  type PolicyUsage,
  type ResolvedManagedPolicy,
} from '../managed-policies.js';
import { KIND, type ManagedPolicyRecord } from '../model.js';

interface Input {
  Scope?: 'All' | 'AWS' | 'Local';
  OnlyAttached?: boolean;
  PathPrefix?: string;
  PolicyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary';
  Marker?: string;
  MaxItems?: number;
}

type Listed = Pick<ResolvedManagedPolicy, 'policyName' | 'path' | 'arn'> & {
  resolve(): ResolvedManagedPolicy;
};

function awsListed(i: AwsManagedPolicyInfo): Listed {
  return {
    policyName: i.policyName,
    path: i.path,
    arn: i.arn,
    resolve: () => ({
      ...i,
      attachable: true,
      awsManaged: true,
      serviceRolePolicy: false,
      defaultDocument: () => '',
    }),
  };
}

export default defineOperation<Input>({
  name: 'ListPolicies',
  readOnly: true,
  authz: () => ({ action: 'iam:ListPolicies', resource: '*' }),
  handler(ctx, input) {
    const { store } = ctx.env;
    const scope = input.Scope ?? 'All';
    const usage = policyUsage(store, ctx.caller.accountId);
    const all: Listed[] = [];
    if (scope !== 'Local') all.push(...listAwsManagedPolicies().map(awsListed));
    if (scope !== 'AWS') {
      for (const rec of store.list<ManagedPolicyRecord>(KIND.policy, ctx.caller.accountId)) {
        const p = fromRecord(rec);
        all.push({ policyName: p.policyName, path: p.path, arn: p.arn, resolve: () => p });
      }
      if (scope === 'All') all.sort(byName((x) => x.policyName));
    }
    const inUse = (u: PolicyUsage | undefined): boolean => {
      if (!u) return false;
      if (input.PolicyUsageFilter === 'PermissionsPolicy') return u.attachments > 0;
      if (input.PolicyUsageFilter === 'PermissionsBoundary') return u.boundaries > 0;
      return u.attachments > 0 || u.boundaries > 0;
    };
    const filtered = all.filter((p) => {
      if (!underPath(p.path, input.PathPrefix)) return false;
      if (input.OnlyAttached || input.PolicyUsageFilter) return inUse(usage.get(p.arn));
      return true;
    });
    const page = iamPage(filtered, input.Marker, input.MaxItems);
    return {
      Policies: page.items.map((p) =>
        policyShape(p.resolve(), usage.get(p.arn) ?? NO_USAGE, { detail: false }),
      ),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
