// The one error the parser throws. Its message is IAM's (or Organizations') exact wording, so the
// server can return it verbatim as MalformedPolicyDocument / MalformedPolicyDocumentException.

export class MalformedPolicyError extends Error {
  override readonly name = 'MalformedPolicyError';
  constructor(message: string) {
    super(message);
  }
}

/** The wordings IAM uses. Those marked "(chosen)" are not documented anywhere we could find; see README. */
export const Msg = {
  syntax: 'Syntax errors in policy.',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacy: 'The policy failed legacy parsing',
  sidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  sidChars:
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  noActions: 'Policy statement must contain actions.',
  noResources: 'Policy statement must contain resources.',
  vendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  oneColon: 'Actions/Condition can contain only one colon.',
  vendorInvalid: (vendor: string) => `Vendor ${vendor} is not valid`,
  resourceFormat: (r: string) => `Resource ${r} must be in ARN format or "*".`,
  partition: (p: string, rebuilt: string) => `Partition "${p}" is not valid for resource "${rebuilt}".`,
  resourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
  iamRegion: (r: string) => `IAM resource ${r} cannot contain region information.`,
  s3Region: (r: string) => `Resource ${r} can not contain region information.`,
  iamPath:
    'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
  noPrincipalAllowed: 'Policy document should not specify a principal.',
  principalRequired: 'Missing required field Principal.', // (chosen: trailing period as in "Has prohibited field Resource.")
  resourceProhibited: 'Has prohibited field Resource.',
  trustActions:
    'Trust Policy statement actions can only be sts:AssumeRole, sts:AssumeRoleWithSAML,  and sts:AssumeRoleWithWebIdentity',
  invalidPrincipal: (type: string, value: string) => `Invalid principal in policy: "${type}":"${value}"`,
  emptyPrincipal:
    'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!',
  notPrincipalAllow: 'Invalid principal in policy: NotPrincipal can only be used with Effect Deny.', // (chosen)
  organizations: 'The provided policy document does not meet the requirements of the specified policy type.',
} as const;
