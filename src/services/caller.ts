// The authenticated identity behind a request, in the terms CloudTrail's userIdentity and
// STS GetCallerIdentity use. Built by the server from a long-term key or a session token.

export type CallerType =
  | 'Root'
  | 'IAMUser'
  | 'AssumedRole'
  | 'FederatedUser'
  | 'WebIdentityUser'
  | 'SAMLUser'
  | 'AWSService'
  | 'Unknown';

export interface Caller {
  type: CallerType;
  accountId: string;
  /** arn:aws:iam::<acct>:root, arn:aws:iam::<acct>:user/<path><name>, arn:aws:sts::<acct>:assumed-role/<role>/<session>. */
  arn: string;
  /** GetCallerIdentity's UserId: the account id for root, AIDA… for users, AROA…:<session> for role sessions. */
  userId: string;
  accessKeyId?: string;
  /** IAM users: the user's name; root: undefined. */
  userName?: string;
  /** Role sessions: the role that was assumed. */
  role?: { arn: string; id: string; name: string; path: string };
  sessionName?: string;
  /** For temporary credentials, the session's claims (opaque to the wire layer). */
  session?: unknown;
}

export const ANONYMOUS: Caller = { type: 'Unknown', accountId: '', arn: '', userId: 'anonymous' };

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}
