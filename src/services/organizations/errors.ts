// Organizations' errors with AWS's codes and message wording (all HTTP 400, awsJson1.1 `__type`).
// ConstraintViolationException and InvalidInputException carry a `Reason` member, as AWS's do.
import { AwsError } from '../../wire/errors.js';

const err = (code: string, message: string) => (): AwsError => new AwsError(code, message);

export const parentNotFound = err(
  'ParentNotFoundException',
  "We can't find a root or OU with the ParentId that you specified.",
);
export const ouNotFound = err(
  'OrganizationalUnitNotFoundException',
  "We can't find an OU with the OrganizationalUnitId that you specified.",
);
export const ouNotEmpty = err(
  'OrganizationalUnitNotEmptyException',
  'The specified OU is not empty. Move all accounts to another root or to other OUs, remove all child OUs, and try the operation again.',
);
export const duplicateOu = err(
  'DuplicateOrganizationalUnitException',
  'An OU with the same name already exists.',
);
export const childNotFound = err(
  'ChildNotFoundException',
  "We can't find an organizational unit (OU) or AWS account with the ChildId that you specified.",
);
export const sourceParentNotFound = err(
  'SourceParentNotFoundException',
  "We can't find a source root or OU with the ParentId that you specified.",
);
export const destinationParentNotFound = err(
  'DestinationParentNotFoundException',
  "We can't find a destination root or OU with the ParentId that you specified.",
);
export const duplicateAccount = err(
  'DuplicateAccountException',
  'That account is already present in the specified destination.',
);
export const accountNotFound = err(
  'AccountNotFoundException',
  "You specified an account that doesn't exist.",
);
export const rootNotFound = err(
  'RootNotFoundException',
  "We can't find a root with the RootId that you specified.",
);
export const policyTypeAlreadyEnabled = err(
  'PolicyTypeAlreadyEnabledException',
  'The specified policy type is already enabled.',
);
export const policyTypeNotEnabled = err(
  'PolicyTypeNotEnabledException',
  'This operation can be performed only for enabled policy types.',
);
export const policyTypeNotAvailable = err(
  'PolicyTypeNotAvailableForOrganizationException',
  "You can't use the specified policy type with the feature set currently enabled for this organization.",
);
export const policyNotFound = err(
  'PolicyNotFoundException',
  "We can't find a policy with the PolicyId that you specified.",
);
export const duplicatePolicy = err('DuplicatePolicyException', 'A policy with the same name already exists.');
export const duplicatePolicyAttachment = err(
  'DuplicatePolicyAttachmentException',
  'The selected policy is already attached to the specified target.',
);
export const policyNotAttached = err(
  'PolicyNotAttachedException',
  "The policy isn't attached to the specified target in the specified root.",
);
export const policyInUse = err(
  'PolicyInUseException',
  'The policy is attached to one or more entities. You must detach it from all roots, OUs, and accounts before performing this operation.',
);
export const targetNotFound = err(
  'TargetNotFoundException',
  "We can't find a root, OU, account, or policy with the TargetId that you specified.",
);
export const malformedPolicy = err(
  'MalformedPolicyDocumentException',
  'The provided policy document does not meet the requirements of the specified policy type.',
);
export const masterCannotLeave = err(
  'MasterCannotLeaveOrganizationException',
  "You can't remove a management account from an organization. If you want the management account to become a member account in another organization, you must first delete the current organization of the management account.",
);
export const accountAlreadyClosed = err(
  'AccountAlreadyClosedException',
  'You attempted to close an account that is already closed.',
);
export const concurrentModification = err(
  'ConcurrentModificationException',
  'The target of the operation is currently being modified by a different request. Try again later.',
);

export type ConstraintReason =
  | 'OU_NUMBER_LIMIT_EXCEEDED'
  | 'OU_DEPTH_LIMIT_EXCEEDED'
  | 'POLICY_NUMBER_LIMIT_EXCEEDED'
  | 'POLICY_CONTENT_LIMIT_EXCEEDED'
  | 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED'
  | 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED'
  | 'MAX_TAG_LIMIT_EXCEEDED'
  | 'CANNOT_CLOSE_MANAGEMENT_ACCOUNT'
  | 'ORGANIZATION_NOT_IN_ALL_FEATURES_MODE';

const CONSTRAINT_MESSAGES: Record<ConstraintReason, string> = {
  OU_NUMBER_LIMIT_EXCEEDED: 'You have exceeded the maximum number of OUs in your organization.',
  OU_DEPTH_LIMIT_EXCEEDED: 'You attempted to create an OU tree that is too many levels deep.',
  POLICY_NUMBER_LIMIT_EXCEEDED: 'You have exceeded the maximum number of policies in your organization.',
  POLICY_CONTENT_LIMIT_EXCEEDED: 'You have exceeded the maximum policy size.',
  MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED:
    'You have attached the maximum number of policies to the specified target.',
  MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED:
    'You attempted to detach a policy from an entity that would cause the entity to have fewer than the minimum number of policies of a certain type required.',
  MAX_TAG_LIMIT_EXCEEDED: 'You have exceeded the number of tags allowed on this resource.',
  CANNOT_CLOSE_MANAGEMENT_ACCOUNT: "You can't close the management account with the CloseAccount operation.",
  ORGANIZATION_NOT_IN_ALL_FEATURES_MODE:
    'You attempted to perform an operation that requires the organization to be configured to support all features.',
};

export const constraintViolation = (reason: ConstraintReason): AwsError =>
  new AwsError('ConstraintViolationException', CONSTRAINT_MESSAGES[reason], { fields: { Reason: reason } });

export const invalidInput = (reason: string, message = 'You specified an invalid value.'): AwsError =>
  new AwsError('InvalidInputException', message, { fields: { Reason: reason } });

export const immutablePolicy = (): AwsError =>
  invalidInput('IMMUTABLE_POLICY', 'You specified a policy that is managed by AWS and cannot be modified.');
