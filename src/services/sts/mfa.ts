// MFA on STS calls: SerialNumber + TokenCode checked against the calling IAM user's virtual MFA device.
import { accessDenied } from '../../wire/errors.js';
import type { OperationContext } from '../types.js';
import { verifyUserMfaCode } from '../iam/mfa/index.js';

export function verifyMfaCode(ctx: OperationContext, serialNumber: string, code: string): void {
  const c = ctx.caller;
  const ok =
    c.type === 'IAMUser' &&
    verifyUserMfaCode(ctx.env.store, ctx.env.secrets, c.accountId, c.userId, serialNumber, code, ctx.now);
  if (!ok) throw accessDenied('MultiFactorAuthentication failed with invalid MFA one time pass code. ');
}
