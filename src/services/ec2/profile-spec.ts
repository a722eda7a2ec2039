// An IamInstanceProfileSpecification (Arn or Name) resolved to the caller's instance profile, and the
// iam:PassRole check for its role (passed to ec2.amazonaws.com, associated with the instance).
import type { OperationContext } from '../types.js';
import { KIND, type InstanceProfileRecord } from '../iam/model.js';
import { getInstanceProfile } from '../iam/operations/GetInstanceProfile.js';
import { passRole } from '../iam/pass-role.js';
import { roleArn } from '../iam/model.js';
import { ec2Authorize } from './authorize.js';
import { invalidParameterCombination, invalidParameterValue } from './errors.js';

export interface ProfileSpec {
  Arn?: string;
  Name?: string;
}

const PROFILE_ARN_RE = /^arn:aws:iam::(\d{12}):instance-profile\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]+)$/;

export function resolveProfile(ctx: OperationContext, spec: ProfileSpec | undefined): InstanceProfileRecord {
  const account = ctx.caller.accountId;
  const { store } = ctx.env;
  if (!spec || (spec.Arn === undefined && spec.Name === undefined)) {
    throw invalidParameterValue(
      'Value () for parameter iamInstanceProfile is invalid. Specify an ARN or a name.',
    );
  }
  let byArn: InstanceProfileRecord | undefined;
  if (spec.Arn !== undefined) {
    const m = PROFILE_ARN_RE.exec(spec.Arn);
    const p = m && m[1] === account ? getInstanceProfile(store, account, m[2]!) : undefined;
    byArn = p && p.arn === spec.Arn ? p : undefined;
    if (!byArn) {
      throw invalidParameterValue(
        `Value (${spec.Arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`,
      );
    }
  }
  if (spec.Name !== undefined) {
    const p = store.getByName<InstanceProfileRecord>(KIND.instanceProfile, account, spec.Name)?.data;
    if (!p) {
      throw invalidParameterValue(
        `Value (${spec.Name}) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name`,
      );
    }
    if (byArn && byArn.instanceProfileId !== p.instanceProfileId) {
      throw invalidParameterCombination(
        'The parameter iamInstanceProfile.name cannot be used with the parameter iamInstanceProfile.arn',
      );
    }
    return p;
  }
  return byArn!;
}

/** iam:PassRole for the profile's role (a profile without a role passes nothing). */
export function passProfileRole(
  ctx: OperationContext,
  p: InstanceProfileRecord,
  associatedResourceArn: string,
): void {
  const name = p.roles[0];
  if (!name) return;
  const account = ctx.caller.accountId;
  const role = ctx.env.store.getByName<{ arn: string; path: string }>(KIND.role, account, name)?.data;
  passRole(
    ctx,
    { role: role?.arn ?? roleArn(account, '/', name), service: 'ec2.amazonaws.com', associatedResourceArn },
    (c) => ec2Authorize(ctx, c),
  );
}
