// The errors AssumeRoleWithSAML answers with: AWS STS's codes and, where AWS documents them
// (IAM User Guide, "Troubleshoot SAML federation"), its exact messages.
import { AwsError, accessDenied } from '../../../wire/errors.js';

const invalid = (message: string): AwsError => new AwsError('InvalidIdentityToken', message);

export const SIGNATURE_INVALID = 'Response signature invalid';
export const samlErrors = {
  signatureInvalid: () => invalid(SIGNATURE_INVALID),
  /** Not base64, not XML, a DTD, not a samlp:Response, several or encrypted assertions. */
  malformed: () => invalid('Invalid SAML response'),
  noProvider: () => invalid("Specified provider doesn't exist."),
  issuerMismatch: () => invalid('Issuer not present in specified provider'),
  audience: () => invalid('Response does not contain the required audience.'),
  recipient: () =>
    invalid('Response does not contain a valid SubjectConfirmation with the required Recipient.'),
  notYetValid: () => invalid('SAML Assertion is not yet valid'),
  notSuccess: () => invalid('SAML response status is not Success'),
  noSubject: () => invalid('SAML Assertion has no Subject NameID'),
  sessionNameRequired: () => invalid('RoleSessionName is required in AuthnResponse'),
  sessionNameInvalid: () => invalid('RoleSessionName in AuthnResponse must match [a-zA-Z_0-9+=,.@-]{2,64}'),
  sourceIdentityInvalid: () =>
    invalid('Source Identity must match [a-zA-Z_0-9+=,.@-]{2,64} and not begin with "aws:"'),
  sessionDurationInvalid: () =>
    invalid('SessionDuration in AuthnResponse must be an integer from 900 to 43200'),
  /** The message AWS sends for an assertion presented too late. */
  expired: () => new AwsError('ExpiredTokenException', 'Token must be redeemed within 5 minutes of issuance'),
  tagsInvalid: (message: string) => new AwsError('IDPRejectedClaim', message, { status: 403 }),
  notAuthorized: () => accessDenied('Not authorized to perform sts:AssumeRoleWithSAML'),
};
