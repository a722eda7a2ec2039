// The role credentials an instance's metadata service hands out: real STS role sessions
// (assumed-role/<Role>/<instance-id>), minted only when the role's trust policy allows
// ec2.amazonaws.com to assume it, cached per instance and rotated well before expiry (a fresh session
// every hour; each lasts six hours, as EC2's do). A new association, role or run mints anew.
import type { ServerEnv } from '../../env.js';
import { evaluate, makeContext } from '../../../policy/index.js';
import { compiledDocument } from '../../iam/principal-policies.js';
import { KIND, getRoleByName, type InstanceProfileRecord, type RoleRecord } from '../../iam/model.js';
import { issueSession, type IssuedCredentials } from '../../sts/issue-session.js';
import { auditRecorder } from '../../cloudtrail/recorder.js';
import { instanceArn, type InstanceRecord } from '../model.js';

export const SESSION_LIFETIME_MS = 6 * 3600 * 1000;
export const ROTATE_AFTER_MS = 3600 * 1000;
export const EC2_SERVICE_PRINCIPAL = 'ec2.amazonaws.com';

export type RoleCredentialsResult =
  | { code: 'Success'; role: RoleRecord; credentials: IssuedCredentials; lastUpdated: Date }
  | { code: 'AssumeRoleUnauthorizedAccess'; role: RoleRecord; message: string; lastUpdated: Date };

interface Cached {
  key: string;
  credentials: IssuedCredentials;
  issuedMs: number;
}

/** The profile and role behind an instance's association, when it has both. */
export function instanceProfileOf(
  env: ServerEnv,
  inst: InstanceRecord,
): { profile: InstanceProfileRecord; role?: RoleRecord } | undefined {
  const a = inst.association;
  if (!a) return undefined;
  const profile = env.store.get<InstanceProfileRecord>(KIND.instanceProfile, inst.ownerId, a.profileId)?.data;
  if (!profile) return undefined;
  const roleName = profile.roles[0];
  return { profile, role: roleName ? getRoleByName(env.store, inst.ownerId, roleName) : undefined };
}

export function ec2MayAssume(role: RoleRecord): boolean {
  const trust = compiledDocument(role.assumeRolePolicyDocument, 'trust', { arn: role.arn });
  const account = role.arn.split(':')[4]!;
  return evaluate({
    principal: { type: 'Service', service: EC2_SERVICE_PRINCIPAL },
    action: 'sts:AssumeRole',
    resource: role.arn,
    resourceAccount: account,
    context: makeContext({
      'aws:PrincipalIsAWSService': true,
      'aws:PrincipalServiceName': EC2_SERVICE_PRINCIPAL,
    }),
    resourcePolicy: trust,
  }).allowed;
}

export class InstanceCredentials {
  private readonly cache = new Map<string, Cached>();
  constructor(private readonly env: ServerEnv) {}

  forget(instanceId: string): void {
    this.cache.delete(instanceId);
  }

  get(inst: InstanceRecord, role: RoleRecord): RoleCredentialsResult {
    const now = this.env.clock.nowMs();
    if (!ec2MayAssume(role)) {
      this.cache.delete(inst.instanceId);
      return {
        code: 'AssumeRoleUnauthorizedAccess',
        role,
        message: `EC2 cannot assume the role ${role.roleName}.  Please see documentation at https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html#troubleshoot_iam-ec2_errors-info-doc.`,
        lastUpdated: new Date(now),
      };
    }
    const key = `${inst.association?.associationId}|${role.roleId}|${inst.bootCount}`;
    let c = this.cache.get(inst.instanceId);
    // The server clock may jump (clock offset): rotate when the session is an hour old, or backwards.
    if (!c || c.key !== key || now - c.issuedMs >= ROTATE_AFTER_MS || now < c.issuedMs) {
      c = { key, credentials: this.mint(inst, role, now), issuedMs: now };
      this.cache.set(inst.instanceId, c);
    }
    return { code: 'Success', role, credentials: c.credentials, lastUpdated: new Date(c.issuedMs) };
  }

  private mint(inst: InstanceRecord, role: RoleRecord, now: number): IssuedCredentials {
    const account = inst.ownerId;
    const session = inst.instanceId;
    const arn = `arn:aws:sts::${account}:assumed-role/${role.roleName}/${session}`;
    const userId = `${role.roleId}:${session}`;
    const issued = issueSession(this.env, {
      account,
      type: 'AssumedRole',
      arn,
      userId,
      role: { arn: role.arn, id: role.roleId, name: role.roleName, path: role.path },
      sessionName: session,
      iat: now,
      exp: now + SESSION_LIFETIME_MS,
      depth: 1,
      origin: { arn: instanceArn(inst.region, account, inst.instanceId) },
    }).Credentials;
    // CloudTrail shows EC2 assuming the role; `trail chain` ends a chain there, at the instance.
    auditRecorder(this.env)?.serviceAssumeRole({
      service: 'ec2.amazonaws.com',
      account,
      region: inst.region,
      roleArn: role.arn,
      roleSessionName: session,
      assumedRoleUser: { assumedRoleId: userId, arn },
      accessKeyId: issued.AccessKeyId,
      expiration: new Date(issued.Expiration),
    });
    return issued;
  }
}
