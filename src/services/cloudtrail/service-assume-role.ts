// The record CloudTrail writes when an AWS service assumes a role on a customer's behalf — e.g. EC2
// fetching an instance profile's credentials for the metadata service: userIdentity AWSService, source IP
// and user agent the service's own name, the session name the instance id. It is what lets `trail chain`
// end a chain at the instance that started it.
import { eventId } from './event-id.js';
import { randomUUID } from 'node:crypto';
import { builtEvent, type BuiltEvent, type CloudTrailRecord } from './record.js';
import { EVENT_VERSION } from './record.js';
import { elementDate, isoSeconds } from './format.js';
import { awsServiceIdentity } from './user-identity.js';

export interface ServiceAssumeRoleInput {
  /** e.g. "ec2.amazonaws.com". */
  service: string;
  account: string;
  region: string;
  roleArn: string;
  roleSessionName: string;
  /** The session issued: its AROA…:session id and assumed-role ARN. */
  assumedRoleUser: { assumedRoleId: string; arn: string };
  /** The issued session's key id (never its secret or token). */
  accessKeyId: string;
  expiration: Date;
  time: Date;
}

export function buildServiceAssumeRoleEvent(i: ServiceAssumeRoleInput): BuiltEvent {
  const record: CloudTrailRecord = {
    eventVersion: EVENT_VERSION,
    userIdentity: awsServiceIdentity(i.service),
    eventTime: isoSeconds(i.time),
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRole',
    awsRegion: i.region,
    sourceIPAddress: i.service,
    userAgent: i.service,
    requestParameters: { roleArn: i.roleArn, roleSessionName: i.roleSessionName },
    responseElements: {
      credentials: { accessKeyId: i.accessKeyId, expiration: elementDate(i.expiration) },
      assumedRoleUser: i.assumedRoleUser,
    },
    requestID: randomUUID(),
    eventID: eventId(),
    readOnly: true,
    resources: [{ accountId: i.account, type: 'AWS::IAM::Role', ARN: i.roleArn }],
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: i.account,
    sharedEventID: randomUUID(),
    eventCategory: 'Management',
  };
  return builtEvent(i.account, record, {
    time: i.time,
    name: 'AssumeRole',
    source: 'sts.amazonaws.com',
    username: i.service,
    readOnly: true,
    resources: [{ type: 'AWS::IAM::Role', name: i.roleArn }],
  });
}
