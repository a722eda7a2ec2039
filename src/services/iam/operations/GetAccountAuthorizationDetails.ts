// GetAccountAuthorizationDetails: every user, group and role with their policies, and the managed
// policies (all customer managed ones; AWS managed ones only when something uses them), documents
// URL-encoded. Filter selects the entity types; paging runs over the four lists in that order.
import { defineOperation } from '../../types.js';
import {
  findManagedPolicy,
  NO_USAGE,
  policyUsage,
  type PolicyUsage,
  type ResolvedManagedPolicy,
} from '../managed-policies.js';
import {
  KIND,
  type GroupRecord,
  type InlinePolicies,
  type InstanceProfileRecord,
  type ManagedPolicyRecord,
  type RoleRecord,
  type Tag,
  type UserRecord,
} from '../model.js';
import { encodeDocument } from '../policy-doc.js';
import { iamPage } from '../paging.js';
import type { Store } from '../../../store/types.js';

type EntityType = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';

interface Input {
  Filter?: EntityType[];
  MaxItems?: number;
  Marker?: string;
}

type Item =
  | { list: 'UserDetailList'; build: () => unknown }
  | { list: 'GroupDetailList'; build: () => unknown }
  | { list: 'RoleDetailList'; build: () => unknown }
  | { list: 'Policies'; build: () => unknown };

const inlineList = (p: InlinePolicies) =>
  Object.keys(p)
    .sort()
    .map((name) => ({ PolicyName: name, PolicyDocument: encodeDocument(p[name]!) }));

const tagList = (tags: readonly Tag[] | undefined) =>
  tags && tags.length > 0 ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined;

function attached(store: Store, account: string, arns: readonly string[]) {
  return arns.map((arn) => ({
    PolicyName: findManagedPolicy(store, account, arn)?.policyName ?? arn.slice(arn.lastIndexOf('/') + 1),
    PolicyArn: arn,
  }));
}

const boundary = (arn: string | undefined) =>
  arn ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn } : undefined;

function roleShape(r: RoleRecord) {
  return {
    Path: r.path,
    RoleName: r.roleName,
    RoleId: r.roleId,
    Arn: r.arn,
    CreateDate: new Date(r.createDate),
    AssumeRolePolicyDocument: encodeDocument(r.assumeRolePolicyDocument),
  };
}

function policyDetail(p: ResolvedManagedPolicy, usage: PolicyUsage) {
  const versions = p.record
    ? p.record.data.versions.map((v) => ({
        Document: encodeDocument(v.document),
        VersionId: v.versionId,
        IsDefaultVersion: v.isDefaultVersion,
        CreateDate: new Date(v.createDate),
      }))
    : [
        {
          Document: encodeDocument(p.defaultDocument()),
          VersionId: p.defaultVersionId,
          IsDefaultVersion: true,
          CreateDate: new Date(p.updateDate),
        },
      ];
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: p.attachable,
    Description: p.description,
    CreateDate: new Date(p.createDate),
    UpdateDate: new Date(p.updateDate),
    PolicyVersionList: versions,
  };
}

export default defineOperation<Input>({
  name: 'GetAccountAuthorizationDetails',
  readOnly: true,
  authz: () => ({ action: 'iam:GetAccountAuthorizationDetails', resource: '*' }),
  handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const want = (t: EntityType) => !input.Filter || input.Filter.length === 0 || input.Filter.includes(t);
    const items: Item[] = [];
    if (want('User')) {
      for (const { data: u } of store.list<UserRecord>(KIND.user, account)) {
        items.push({
          list: 'UserDetailList',
          build: () => ({
            Path: u.path,
            UserName: u.userName,
            UserId: u.userId,
            Arn: u.arn,
            CreateDate: new Date(u.createDate),
            UserPolicyList: inlineList(u.inlinePolicies),
            GroupList: [...u.groups],
            AttachedManagedPolicies: attached(store, account, u.attachedPolicyArns),
            PermissionsBoundary: boundary(u.permissionsBoundaryArn),
            Tags: tagList(u.tags),
          }),
        });
      }
    }
    if (want('Group')) {
      for (const { data: g } of store.list<GroupRecord>(KIND.group, account)) {
        items.push({
          list: 'GroupDetailList',
          build: () => ({
            Path: g.path,
            GroupName: g.groupName,
            GroupId: g.groupId,
            Arn: g.arn,
            CreateDate: new Date(g.createDate),
            GroupPolicyList: inlineList(g.inlinePolicies),
            AttachedManagedPolicies: attached(store, account, g.attachedPolicyArns),
          }),
        });
      }
    }
    if (want('Role')) {
      const profiles = store.list<InstanceProfileRecord>(KIND.instanceProfile, account).map((r) => r.data);
      for (const { data: r } of store.list<RoleRecord>(KIND.role, account)) {
        items.push({
          list: 'RoleDetailList',
          build: () => ({
            ...roleShape(r),
            InstanceProfileList: profiles
              .filter((ip) => ip.roles.some((n) => n.toLowerCase() === r.roleName.toLowerCase()))
              .map((ip) => ({
                Path: ip.path,
                InstanceProfileName: ip.instanceProfileName,
                InstanceProfileId: ip.instanceProfileId,
                Arn: ip.arn,
                CreateDate: new Date(ip.createDate),
                Roles: [roleShape(r)],
                Tags: tagList(ip.tags),
              })),
            RolePolicyList: inlineList(r.inlinePolicies),
            AttachedManagedPolicies: attached(store, account, r.attachedPolicyArns),
            PermissionsBoundary: boundary(r.permissionsBoundaryArn),
            Tags: tagList(r.tags),
            RoleLastUsed: r.roleLastUsed
              ? { LastUsedDate: new Date(r.roleLastUsed.lastUsedDate), Region: r.roleLastUsed.region }
              : {},
          }),
        });
      }
    }
    const usage = policyUsage(store, account);
    const policies: ResolvedManagedPolicy[] = [];
    if (want('AWSManagedPolicy')) {
      for (const arn of usage.keys()) {
        const p = findManagedPolicy(store, account, arn);
        if (p?.awsManaged) policies.push(p);
      }
    }
    if (want('LocalManagedPolicy')) {
      for (const rec of store.list<ManagedPolicyRecord>(KIND.policy, account)) {
        const p = findManagedPolicy(store, account, rec.data.arn);
        if (p) policies.push(p);
      }
    }
    policies.sort((a, b) => (a.policyName.toLowerCase() < b.policyName.toLowerCase() ? -1 : 1));
    for (const p of policies) {
      items.push({ list: 'Policies', build: () => policyDetail(p, usage.get(p.arn) ?? NO_USAGE) });
    }
    const page = iamPage(items, input.Marker, input.MaxItems);
    const out: Record<string, unknown[]> = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    };
    for (const it of page.items) out[it.list]!.push(it.build());
    return { ...out, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
});
