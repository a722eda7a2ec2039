// IAM's errors with AWS's codes, statuses and message wording.
import { AwsError } from '../../wire/errors.js';

export const noSuchEntity = (message: string): AwsError =>
  new AwsError('NoSuchEntity', message, { status: 404 });

export const entityAlreadyExists = (message: string): AwsError =>
  new AwsError('EntityAlreadyExists', message, { status: 409 });

export const deleteConflict = (message: string): AwsError =>
  new AwsError('DeleteConflict', message, { status: 409 });

export const limitExceeded = (message: string): AwsError =>
  new AwsError('LimitExceeded', message, { status: 409 });

export const malformedPolicyDocument = (message: string): AwsError =>
  new AwsError('MalformedPolicyDocument', message, { status: 400 });

export const invalidInput = (message: string): AwsError =>
  new AwsError('InvalidInput', message, { status: 400 });

export const unmodifiableEntity = (message: string): AwsError =>
  new AwsError('UnmodifiableEntity', message, { status: 400 });

export const policyNotAttachable = (message: string): AwsError =>
  new AwsError('PolicyNotAttachable', message, { status: 400 });

export const concurrentModification = (message: string): AwsError =>
  new AwsError('ConcurrentModification', message, { status: 409 });

/** The NoSuchEntity messages IAM uses, e.g. "The role with name X cannot be found." */
export const noSuchRole = (name: string) => noSuchEntity(`The role with name ${name} cannot be found.`);
export const noSuchUser = (name: string) => noSuchEntity(`The user with name ${name} cannot be found.`);
export const noSuchGroup = (name: string) => noSuchEntity(`The group with name ${name} cannot be found.`);
export const noSuchInstanceProfile = (name: string) =>
  noSuchEntity(`Instance Profile ${name} cannot be found.`);
export const noSuchPolicy = (arn: string) =>
  noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
