// sts:GetSessionToken — temporary credentials for an IAM user (or the root user), optionally proving MFA.
// No permission is needed (AWS: it authenticates, policies cannot control it). Session credentials
// cannot call it. Users' sessions last 900 s to 36 h (default 12 h); the root user's at most 1 hour
// (longer requests are silently shortened, as AWS does). The session keeps the user's own permissions;
// IAM calls from it need MFA — see sessionTokenRestriction in ../ops-extra.ts.
import { defineOperation } from '../../types.js';
import { AwsError, accessDenied } from '../../../wire/errors.js';
import { issueSession } from '../issue-session.js';
import { verifyMfaCode } from '../mfa.js';
import type { SessionClaims } from '../session-token.js';

interface Input {
  DurationSeconds?: number;
  SerialNumber?: string;
  TokenCode?: string;
}

export const USER_DEFAULT_S = 43_200;
export const ROOT_MAX_S = 3_600;

export default defineOperation<Input>({
  name: 'GetSessionToken',
  handler(ctx, input) {
    const c = ctx.caller;
    if (c.session !== undefined || c.accessKeyId?.startsWith('ASIA')) {
      throw accessDenied('Cannot call GetSessionToken with session credentials');
    }
    if (c.type !== 'IAMUser' && c.type !== 'Root')
      throw accessDenied('Cannot call GetSessionToken with session credentials');
    let duration = input.DurationSeconds ?? (c.type === 'Root' ? ROOT_MAX_S : USER_DEFAULT_S);
    if (c.type === 'Root') duration = Math.min(duration, ROOT_MAX_S);

    let mfa: SessionClaims['mfa'];
    if (input.SerialNumber !== undefined || input.TokenCode !== undefined) {
      if (!input.SerialNumber || !input.TokenCode) {
        throw new AwsError('ValidationError', 'SerialNumber and TokenCode must be specified together.');
      }
      verifyMfaCode(ctx, input.SerialNumber, input.TokenCode);
      mfa = { authTime: ctx.now.getTime() };
    }
    const now = ctx.now.getTime();
    const { Credentials } = issueSession(ctx.env, {
      account: c.accountId,
      type: c.type,
      arn: c.arn,
      userId: c.userId,
      iat: now,
      exp: now + duration * 1000,
      depth: 0,
      mfa,
      parentAccessKeyId: c.accessKeyId,
      origin: { arn: c.arn, accessKeyId: c.accessKeyId },
    });
    return { Credentials };
  },
});
