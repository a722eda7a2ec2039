// `rolechain revoke-sessions --role NAME|ARN`: what the IAM console's "Revoke active sessions" button
// does. It puts the inline policy AWSRevokeOlderSessions on the role, denying every action to any
// session of the role whose token was issued before now (aws:TokenIssueTime). Sessions assumed later
// are unaffected; running it again moves the cut-off forward. The same is available to any client as
// iam:PutRolePolicy with revokeOlderSessionsPolicy()'s document.
import { parseArgs } from 'node:util';
import { cliTarget, queryCall } from './aws-query.js';

export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';

export const REVOKE_HELP = `Usage: rolechain revoke-sessions --role NAME|ARN [--endpoint URL] [--region REGION]

Revokes every active session of an IAM role, as the IAM console's "Revoke active sessions" does: puts
the inline policy ${REVOKE_POLICY_NAME} on the role, which denies all actions to sessions whose
credentials were issued before now (condition DateLessThan on aws:TokenIssueTime). Sessions assumed
afterwards work. Calls iam:PutRolePolicy with the caller's credentials (AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN) in the role's account.

Options:
  --role NAME|ARN   the role (a name, or its ARN)
  --endpoint URL    the rolechain server (default: $AWS_ENDPOINT_URL, $ROLECHAIN_URL, http://127.0.0.1:4566)
  --region REGION   SigV4 region (default: $AWS_REGION, us-east-1)
`;

/** The document the console writes: Deny * on * to tokens issued before `cutoff`. */
export function revokeOlderSessionsPolicy(cutoff: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Deny',
        Action: ['*'],
        Resource: ['*'],
        Condition: { DateLessThan: { 'aws:TokenIssueTime': cutoff.toISOString() } },
      },
    ],
  });
}

/** The role name in a role name or ARN (arn:aws:iam::ACCT:role/path/NAME). */
export function roleNameOf(role: string): string {
  if (!role.startsWith('arn:')) return role;
  const m = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(role);
  if (!m) throw new Error(`not a role ARN: ${role}`);
  return m[1]!;
}

export async function revokeSessionsCommand(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      endpoint: { type: 'string' },
      region: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(REVOKE_HELP);
    return;
  }
  const fail = (msg: string, code = 2) => {
    process.stderr.write(`rolechain revoke-sessions: ${msg}\n`);
    process.exitCode = code;
  };
  if (!values.role) return fail('--role is required');
  try {
    const roleName = roleNameOf(values.role);
    const target = cliTarget(env, values);
    const cutoff = new Date();
    await queryCall({
      ...target,
      service: 'iam',
      action: 'PutRolePolicy',
      params: {
        RoleName: roleName,
        PolicyName: REVOKE_POLICY_NAME,
        PolicyDocument: revokeOlderSessionsPolicy(cutoff),
      },
    });
    process.stdout.write(
      `Revoked the sessions of role ${roleName} issued before ${cutoff.toISOString()} (inline policy ${REVOKE_POLICY_NAME}).\n`,
    );
  } catch (e) {
    fail((e as Error).message, 1);
  }
}
