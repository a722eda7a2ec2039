// The errors AssumeRoleWithWebIdentity answers with, with the codes and messages AWS STS sends.
import { AwsError } from '../../../wire/errors.js';

export const NOT_A_JWT =
  'The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)';
export const NO_VERIFICATION_KEY =
  "Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements";

export const invalidIdentityToken = (message: string): AwsError =>
  new AwsError('InvalidIdentityToken', message);

export const noProvider = (issuer: string): AwsError =>
  invalidIdentityToken(`No OpenIDConnect provider found in your account for ${issuer}`);

export const incorrectAudience = (): AwsError => invalidIdentityToken('Incorrect token audience');

/** AWS prints both times in epoch seconds. */
export const tokenExpired = (nowS: number, expS: number): AwsError =>
  new AwsError(
    'ExpiredTokenException',
    `Token expired: current date/time ${nowS} must be before the expiration date/time ${expS}`,
  );

export const idpCommunicationError = (): AwsError =>
  new AwsError(
    'IDPCommunicationError',
    'The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. This is often a transient error caused by network conditions. Retry the request a limited number of times and wait a while before trying again.',
  );

export const idpRejectedClaim = (message: string): AwsError =>
  new AwsError('IDPRejectedClaim', message, { status: 403 });
