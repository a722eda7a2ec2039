// EC2's error codes and messages (the EC2 codec wraps them in <Response><Errors><Error>).
import { AwsError } from '../../wire/errors.js';

const plural = (ids: readonly string[]) => ids.length > 1;

export const invalidInstanceIdNotFound = (ids: readonly string[]): AwsError =>
  new AwsError(
    'InvalidInstanceID.NotFound',
    plural(ids)
      ? `The instance IDs '${ids.join(', ')}' do not exist`
      : `The instance ID '${ids[0]}' does not exist`,
  );

export const invalidInstanceIdMalformed = (id: string): AwsError =>
  new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}" (expecting "i-...")`);

export const invalidAmiIdMalformed = (id: string): AwsError =>
  new AwsError('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);

export const invalidAssociationIdNotFound = (id: string): AwsError =>
  new AwsError('InvalidAssociationID.NotFound', `An association with ID ${id} does not exist.`);

export const incorrectInstanceState = (id: string, what: string): AwsError =>
  new AwsError(
    'IncorrectInstanceState',
    `This instance '${id}' is not in a state from which it can be ${what}.`,
  );

export const incorrectState = (message: string): AwsError => new AwsError('IncorrectState', message);

export const invalidParameterValue = (message: string): AwsError =>
  new AwsError('InvalidParameterValue', message);

export const invalidParameterCombination = (message: string): AwsError =>
  new AwsError('InvalidParameterCombination', message);

/** What EC2 answers when every check passed but the request asked for a dry run. */
export const dryRunOperation = (): AwsError =>
  new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', { status: 412 });

export const invalidFilter = (name: string): AwsError =>
  new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);

export const invalidNextToken = (): AwsError =>
  new AwsError('InvalidParameterValue', 'Invalid value for parameter NextToken');

export const instanceLimitExceeded = (n: number, limit: number): AwsError =>
  new AwsError(
    'InstanceLimitExceeded',
    `You have requested more instances (${n}) than your current instance limit of ${limit} allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
  );
