// SimulatePrincipalPolicy / GetContextKeysForPrincipalPolicy: the user, group or role a
// PolicySourceArn names, its policies as the simulator sees them (a user's include its groups'),
// its permissions boundary, and the principal a request from it would carry.
import type { RequestPrincipal } from '../../../policy/index.js';
import type { Store } from '../../../store/types.js';
import { invalidInput, noSuchGroup, noSuchRole, noSuchUser } from '../errors.js';
import { findManagedPolicy } from '../managed-policies.js';
import { getGroupByName, getRoleByName, getUserByName, type InlinePolicies } from '../model.js';
import { simPolicy, type SimPolicy, type SourcePolicyType } from './simulate.js';

export interface PrincipalSource {
  principal: RequestPrincipal;
  identity: SimPolicy[];
  boundary?: SimPolicy;
}

const ENTITY_ARN_RE = /^arn:aws:iam::(\d{12}):(user|group|role)(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]+)$/;

function inline(out: SimPolicy[], policies: InlinePolicies, type: SourcePolicyType): void {
  for (const name of Object.keys(policies)) {
    out.push(simPolicy(policies[name]!, 'identity', name, type, { fromInput: false }));
  }
}

function managed(out: SimPolicy[], store: Store, account: string, arns: readonly string[]): void {
  for (const arn of arns) {
    const p = findManagedPolicy(store, account, arn);
    if (!p) continue;
    out.push(
      simPolicy(
        p.defaultDocument(),
        'identity',
        p.policyName,
        p.awsManaged ? 'aws-managed' : 'user-managed',
        {
          fromInput: false,
        },
      ),
    );
  }
}

function boundaryPolicy(store: Store, account: string, arn: string | undefined): SimPolicy | undefined {
  if (!arn) return undefined;
  const p = findManagedPolicy(store, account, arn);
  if (!p) return undefined;
  return simPolicy(
    p.defaultDocument(),
    'boundary',
    p.policyName,
    p.awsManaged ? 'aws-managed' : 'user-managed',
    {
      fromInput: false,
    },
  );
}

export function resolvePrincipalSource(store: Store, account: string, arn: string): PrincipalSource {
  const m = ENTITY_ARN_RE.exec(arn);
  if (!m) throw invalidInput(`Invalid Entity Arn: ${arn} does not clearly define entity type and name.`);
  const [, acct, type, , name] = m as unknown as [string, string, 'user' | 'group' | 'role', string, string];
  const identity: SimPolicy[] = [];
  if (type === 'user') {
    const u = acct === account ? getUserByName(store, account, name) : undefined;
    if (!u || u.arn !== arn) throw noSuchUser(name);
    inline(identity, u.inlinePolicies, 'user');
    managed(identity, store, account, u.attachedPolicyArns);
    for (const g of u.groups) {
      const group = getGroupByName(store, account, g);
      if (!group) continue;
      inline(identity, group.inlinePolicies, 'group');
      managed(identity, store, account, group.attachedPolicyArns);
    }
    return {
      principal: { type: 'IAMUser', arn: u.arn, accountId: account, userId: u.userId },
      identity,
      boundary: boundaryPolicy(store, account, u.permissionsBoundaryArn),
    };
  }
  if (type === 'group') {
    const g = acct === account ? getGroupByName(store, account, name) : undefined;
    if (!g || g.arn !== arn) throw noSuchGroup(name);
    inline(identity, g.inlinePolicies, 'group');
    managed(identity, store, account, g.attachedPolicyArns);
    // A group is no principal: the simulation runs as an unnamed user of the account.
    return { principal: { type: 'IAMUser', arn: g.arn, accountId: account, userId: g.groupId }, identity };
  }
  const r = acct === account ? getRoleByName(store, account, name) : undefined;
  if (!r || r.arn !== arn) throw noSuchRole(name);
  inline(identity, r.inlinePolicies, 'role');
  managed(identity, store, account, r.attachedPolicyArns);
  return {
    principal: { type: 'AssumedRole', arn: r.arn, roleArn: r.arn, accountId: account, userId: r.roleId },
    identity,
    boundary: boundaryPolicy(store, account, r.permissionsBoundaryArn),
  };
}

/** The principal named by CallerArn (an IAM user or role ARN), or undefined. */
export function callerPrincipal(callerArn: string | undefined, fallbackAccount: string): RequestPrincipal {
  const m = callerArn ? /^arn:aws:iam::(\d{12}):(user|role)\//.exec(callerArn) : null;
  if (callerArn && m) {
    return m[2] === 'role'
      ? { type: 'AssumedRole', arn: callerArn, roleArn: callerArn, accountId: m[1] }
      : { type: 'IAMUser', arn: callerArn, accountId: m[1] };
  }
  if (callerArn)
    throw invalidInput(`Invalid Entity Arn: ${callerArn} does not clearly define entity type and name.`);
  return { type: 'IAMUser', accountId: fallbackAccount };
}

/** ResourceOwner: an account id, or an ARN whose account field is the owner. */
export function ownerAccount(resourceOwner: string | undefined): string | undefined {
  if (!resourceOwner) return undefined;
  if (/^\d{12}$/.test(resourceOwner)) return resourceOwner;
  return /^arn:aws:iam::(\d{12}):/.exec(resourceOwner)?.[1];
}
