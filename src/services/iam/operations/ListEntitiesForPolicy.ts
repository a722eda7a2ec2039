// ListEntitiesForPolicy: the users, groups and roles a managed policy is attached to (or is the
// permissions boundary of), filtered by EntityFilter, PathPrefix and PolicyUsageFilter, paged over the
// three lists together (groups, then users, then roles, each by name).
import { defineOperation } from '../../types.js';
import { requireManagedPolicy } from '../managed-policies.js';
import { KIND, type GroupRecord, type RoleRecord, type UserRecord } from '../model.js';
import { iamPage, underPath } from '../paging.js';

interface Input {
  PolicyArn: string;
  EntityFilter?: 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';
  PathPrefix?: string;
  PolicyUsageFilter?: 'PermissionsPolicy' | 'PermissionsBoundary';
  Marker?: string;
  MaxItems?: number;
}

type Entity =
  | { type: 'group'; name: string; id: string }
  | { type: 'user'; name: string; id: string }
  | { type: 'role'; name: string; id: string };

interface Usable {
  path: string;
  attachedPolicyArns: readonly string[];
  permissionsBoundaryArn?: string;
}

export default defineOperation<Input>({
  name: 'ListEntitiesForPolicy',
  readOnly: true,
  authz: (input) => ({ action: 'iam:ListEntitiesForPolicy', resource: input.PolicyArn }),
  handler(ctx, input) {
    const { store } = ctx.env;
    const account = ctx.caller.accountId;
    const p = requireManagedPolicy(ctx, input.PolicyArn);
    const filter = input.EntityFilter;
    // LocalManagedPolicy / AWSManagedPolicy filter on the policy's kind: the wrong kind lists nothing.
    const kindOk =
      filter === 'LocalManagedPolicy' ? !p.awsManaged : filter === 'AWSManagedPolicy' ? p.awsManaged : true;
    const want = (t: 'User' | 'Group' | 'Role') =>
      kindOk && (filter === undefined || filter === t || !/^(User|Group|Role)$/.test(filter));
    const uses = (e: Usable) => {
      if (!underPath(e.path, input.PathPrefix)) return false;
      const attached = e.attachedPolicyArns.includes(p.arn);
      const boundary = e.permissionsBoundaryArn === p.arn;
      if (input.PolicyUsageFilter === 'PermissionsPolicy') return attached;
      if (input.PolicyUsageFilter === 'PermissionsBoundary') return boundary;
      return attached || boundary;
    };
    const all: Entity[] = [];
    if (want('Group')) {
      for (const r of store.list<GroupRecord>(KIND.group, account)) {
        if (uses(r.data)) all.push({ type: 'group', name: r.data.groupName, id: r.data.groupId });
      }
    }
    if (want('User')) {
      for (const r of store.list<UserRecord>(KIND.user, account)) {
        if (uses(r.data)) all.push({ type: 'user', name: r.data.userName, id: r.data.userId });
      }
    }
    if (want('Role')) {
      for (const r of store.list<RoleRecord>(KIND.role, account)) {
        if (uses(r.data)) all.push({ type: 'role', name: r.data.roleName, id: r.data.roleId });
      }
    }
    const page = iamPage(all, input.Marker, input.MaxItems);
    const of = (t: Entity['type']) => page.items.filter((e) => e.type === t);
    return {
      PolicyGroups: of('group').map((e) => ({ GroupName: e.name, GroupId: e.id })),
      PolicyUsers: of('user').map((e) => ({ UserName: e.name, UserId: e.id })),
      PolicyRoles: of('role').map((e) => ({ RoleName: e.name, RoleId: e.id })),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
});
