// The requesting principal as the decision flow sees it. The server builds one per request from the
// authenticated credentials (it knows the user, the role behind a session, the account...), so the engine
// never has to parse ARNs on the hot path.

export type PrincipalType =
  | 'Root' // the account root user
  | 'IAMUser'
  | 'AssumedRole' // a role session (AssumeRole*, instance profiles)
  | 'FederatedUser' // GetFederationToken session
  | 'WebIdentity' // the caller of AssumeRoleWithWebIdentity (only ever meets trust policies)
  | 'SAML' // the caller of AssumeRoleWithSAML (only ever meets trust policies)
  | 'Service' // an AWS service principal, e.g. cloudtrail.amazonaws.com
  | 'Anonymous'; // an unsigned request

export interface RequestPrincipal {
  type: PrincipalType;
  /**
   * The caller's ARN: `arn:aws:iam::A:root`, `arn:aws:iam::A:user/path/name`,
   * `arn:aws:sts::A:assumed-role/Role/Session`, `arn:aws:sts::A:federated-user/name`.
   */
  arn?: string;
  /** The caller's account (absent for Service, Anonymous, WebIdentity, SAML). */
  accountId?: string;
  /** Unique id: AIDA… for users, `AROA…:session` for role sessions (as aws:userid). */
  userId?: string;
  /** AssumedRole: the full role ARN *with its path*, `arn:aws:iam::A:role/path/Role`. */
  roleArn?: string;
  /** Service: the service principal name, e.g. `ec2.amazonaws.com`. */
  service?: string;
  /**
   * WebIdentity/SAML: the provider as a trust policy names it — an IAM OIDC/SAML provider ARN
   * (`arn:aws:iam::A:oidc-provider/host`, `arn:aws:iam::A:saml-provider/Name`) or a well-known host
   * (`accounts.google.com`, `cognito-identity.amazonaws.com`, `graph.facebook.com`, `www.amazon.com`).
   */
  federatedProvider?: string;
  /** S3 canonical user id, when the caller has one (matches `{"CanonicalUser": …}`). */
  canonicalUserId?: string;
  /** A service-linked role's session: exempt from SCPs and RCPs. */
  isServiceLinkedRole?: boolean;
}
