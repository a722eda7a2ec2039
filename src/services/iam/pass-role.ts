// iam:PassRole, the one mechanism every operation that hands a role to a service uses (EC2's
// RunInstances / AssociateIamInstanceProfile / ReplaceIamInstanceProfileAssociation today; Lambda,
// ECS, CloudFormation… later). The caller must be allowed iam:PassRole on the role, evaluated with
// iam:PassedToService (the service principal that will assume it) and iam:AssociatedResourceArn (the
// resource the role is being attached to), plus the role's tags and boundary as resource context.
// A role can only be passed within the caller's own account.
import type { AuthzCheck, OperationContext } from '../types.js';
import { getRoleByName, type RoleRecord } from './model.js';
import { roleCheck } from './operations/GetRole.js';

export interface PassRoleRequest {
  /** The role to pass: its ARN (what most services take) or a role record already resolved. */
  role: string | RoleRecord;
  /** The service principal receiving the role, e.g. "ec2.amazonaws.com". */
  service: string;
  /** The resource the role becomes associated with (EC2: the instance ARN), when there is one. */
  associatedResourceArn?: string;
}

const ROLE_ARN_RE = /^arn:aws:iam::(\d{12}):role\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]+)$/;

/** The iam:PassRole check for a request (useful when the caller must translate AccessDenied). */
export function passRoleCheck(ctx: OperationContext, req: PassRoleRequest): AuthzCheck {
  const name =
    typeof req.role === 'string' ? (ROLE_ARN_RE.exec(req.role)?.[2] ?? req.role) : req.role.roleName;
  const check = roleCheck(ctx, 'PassRole', name, {
    'iam:PassedToService': req.service,
    'iam:AssociatedResourceArn': req.associatedResourceArn,
  });
  // A role in another account can never be passed: authorize against its real ARN so the engine denies it.
  if (typeof req.role === 'string' && ROLE_ARN_RE.exec(req.role)?.[1] !== ctx.caller.accountId) {
    return { ...check, resource: req.role };
  }
  return check;
}

/**
 * Authorizes passing the role; throws AccessDenied (the engine's message) when denied. `authorize`
 * defaults to the request's own; services with their own denial format (EC2) pass theirs.
 * Resolves to the role, or undefined when it does not exist in the caller's account.
 */
export function passRole(
  ctx: OperationContext,
  req: PassRoleRequest,
  authorize: (check: AuthzCheck) => void = (c) => ctx.authorize(c),
): RoleRecord | undefined {
  authorize(passRoleCheck(ctx, req));
  if (typeof req.role !== 'string') return req.role;
  const m = ROLE_ARN_RE.exec(req.role);
  if (!m || m[1] !== ctx.caller.accountId) return undefined;
  return getRoleByName(ctx.env.store, m[1], m[2]!);
}
