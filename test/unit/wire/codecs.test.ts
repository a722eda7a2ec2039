// The protocol codecs against botocore itself: botocore serializes requests that we decode, and parses the
// responses and errors we encode. Equality here means the AWS CLI and boto3 see what they would from AWS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadModel,
  codecFor,
  AwsError,
  validationError,
  type WireRequest,
  type ServiceName,
} from '../../../src/wire/index.js';
import { botoOk } from './botocore.js';

const lower = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

// ---- decode: botocore-serialized requests → our input objects ----

interface DecodeCase {
  service: ServiceName;
  operation: string;
  params: Record<string, unknown>;
  /** What the service should receive; defaults to params. */
  expect?: Record<string, unknown>;
}

const DECODE: DecodeCase[] = [
  { service: 'sts', operation: 'GetCallerIdentity', params: {} },
  {
    service: 'iam',
    operation: 'CreateRole',
    params: {
      Path: '/a/b/',
      RoleName: 'my-role+=,.@_',
      AssumeRolePolicyDocument:
        '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"x":"a&b<c> +%ü"}}}]}',
      MaxSessionDuration: 7200,
      Tags: [
        { Key: 'k1', Value: 'v 1' },
        { Key: 'k2', Value: '' },
      ],
    },
  },
  {
    service: 'iam',
    operation: 'CreateRole',
    params: { RoleName: 'r', AssumeRolePolicyDocument: '{}', Tags: [] },
  },
  {
    service: 'sts',
    operation: 'AssumeRole',
    params: {
      RoleArn: 'arn:aws:iam::123456789012:role/r',
      RoleSessionName: 'sess',
      PolicyArns: [
        { arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        { arn: 'arn:aws:iam::123456789012:policy/p' },
      ],
      DurationSeconds: 900,
      Tags: [{ Key: 'team', Value: 'x' }],
      TransitiveTagKeys: ['team'],
    },
  },
  {
    service: 'iam',
    operation: 'SimulatePrincipalPolicy',
    params: {
      PolicySourceArn: 'arn:aws:iam::123456789012:user/u',
      ActionNames: ['s3:GetObject', 's3:PutObject'],
      ContextEntries: [
        {
          ContextKeyName: 'aws:SourceIp',
          ContextKeyValues: ['10.0.0.1', '10.0.0.2'],
          ContextKeyType: 'ipList',
        },
      ],
      MaxItems: 10,
    },
  },
  {
    service: 'ec2',
    operation: 'DescribeInstances',
    params: {
      Filters: [{ Name: 'instance-state-name', Values: ['running', 'stopped'] }],
      InstanceIds: ['i-1', 'i-2'],
      DryRun: false,
      MaxResults: 5,
    },
  },
  {
    service: 'ec2',
    operation: 'AssociateIamInstanceProfile',
    params: {
      IamInstanceProfile: { Arn: 'arn:aws:iam::123456789012:instance-profile/p', Name: 'p' },
      InstanceId: 'i-1',
    },
  },
  {
    service: 'ec2',
    operation: 'DescribeSpotPriceHistory',
    params: { StartTime: '2026-11-21T20:00:00Z', InstanceTypes: ['t3.micro'] },
    expect: { StartTime: new Date('2026-11-21T20:00:00Z'), InstanceTypes: ['t3.micro'] },
  },
  {
    service: 'organizations',
    operation: 'CreatePolicy',
    params: {
      Content: '{"Version":"2012-10-17"}',
      Description: 'd',
      Name: 'n',
      Type: 'SERVICE_CONTROL_POLICY',
      Tags: [{ Key: 'a', Value: 'b' }],
    },
  },
  {
    service: 'cloudtrail',
    operation: 'LookupEvents',
    params: {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }],
      StartTime: '2026-11-21T19:00:00Z',
      EndTime: '2026-11-21T20:00:00Z',
      MaxResults: 50,
    },
    expect: {
      LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }],
      StartTime: new Date('2026-11-21T19:00:00Z'),
      EndTime: new Date('2026-11-21T20:00:00Z'),
      MaxResults: 50,
    },
  },
];

test('decode: botocore-serialized requests decode to the same input (query, EC2, JSON 1.1)', () => {
  const serialized = botoOk(
    DECODE.map((c) => ({ kind: 'serialize', service: c.service, operation: c.operation, params: c.params })),
  );
  DECODE.forEach((c, i) => {
    const s = serialized[i];
    const model = loadModel(c.service);
    const req: WireRequest = {
      method: s.method,
      path: '/',
      rawQuery: '',
      headers: lower(s.headers),
      body: Buffer.from(s.body),
    };
    const got = codecFor(model).decode(req, model);
    assert.equal(got.operation, c.operation);
    assert.deepEqual(got.input, c.expect ?? c.params, `${c.service}.${c.operation}`);
  });
});

test('decode: GET query string form works too', () => {
  const model = loadModel('sts');
  const got = codecFor(model).decode(
    {
      method: 'GET',
      path: '/',
      rawQuery: 'Action=GetCallerIdentity&Version=2011-06-15',
      headers: {},
      body: Buffer.alloc(0),
    },
    model,
  );
  assert.deepEqual(got, { operation: 'GetCallerIdentity', input: {} });
});

// ---- validation errors, with AWS's wording ----

function decodeErr(service: ServiceName, body: string, headers: Record<string, string> = {}): AwsError {
  const model = loadModel(service);
  try {
    codecFor(model).decode(
      { method: 'POST', path: '/', rawQuery: '', headers, body: Buffer.from(body) },
      model,
    );
  } catch (e) {
    assert.ok(e instanceof AwsError);
    return e;
  }
  assert.fail('expected an error');
}

test('validation: missing required member', () => {
  const e = decodeErr('iam', 'Action=CreateRole&Version=2010-05-08&AssumeRolePolicyDocument=%7B%7D');
  assert.equal(e.code, 'ValidationError');
  assert.equal(e.status, 400);
  assert.equal(
    e.message,
    "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null",
  );
});

test('validation: several problems joined with "; " and counted', () => {
  const long = 'x'.repeat(65);
  const e = decodeErr('iam', `Action=CreateRole&Version=2010-05-08&RoleName=${long}&MaxSessionDuration=100`);
  assert.equal(
    e.message,
    `3 validation errors detected: Value '${long}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; ` +
      "Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null; " +
      "Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
  );
});

test('validation: pattern, enum, nested list members', () => {
  const e = decodeErr(
    'iam',
    'Action=CreateRole&Version=2010-05-08&RoleName=bad%20name&AssumeRolePolicyDocument=%7B%7D&Tags.member.1.Key=k',
  );
  assert.equal(
    e.message,
    "2 validation errors detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+; " +
      "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
  );
  const o = decodeErr('organizations', '{"Content":"{}","Description":"d","Name":"n","Type":"NOPE"}', {
    'x-amz-target': 'AWSOrganizationsV20161128.CreatePolicy',
  });
  assert.equal(o.code, 'ValidationError');
  assert.match(
    o.message,
    /^1 validation error detected: Value 'NOPE' at 'type' failed to satisfy constraint: Member must satisfy enum value set: \[SERVICE_CONTROL_POLICY, /,
  );
});

test('unknown / missing action', () => {
  const e = decodeErr('sts', 'Action=Nope&Version=2011-06-15');
  assert.equal(e.code, 'InvalidAction');
  assert.equal(e.message, 'Could not find operation Nope for version 2011-06-15');
  assert.equal(decodeErr('sts', 'Version=2011-06-15').code, 'MissingAction');
  assert.equal(
    decodeErr('organizations', '{}', { 'x-amz-target': 'Wrong.DescribeOrganization' }).code,
    'UnknownOperationException',
  );
  assert.equal(
    decodeErr('organizations', '{', { 'x-amz-target': 'AWSOrganizationsV20161128.DescribeOrganization' })
      .code,
    'SerializationException',
  );
  assert.equal(
    decodeErr('organizations', '{"PolicyId": 5}', {
      'x-amz-target': 'AWSOrganizationsV20161128.DescribePolicy',
    }).code,
    'SerializationException',
  );
  const ec2 = decodeErr(
    'ec2',
    'Action=AssociateIamInstanceProfile&Version=2016-11-15&IamInstanceProfile.Name=p',
  );
  assert.equal(ec2.code, 'MissingParameter');
  assert.equal(ec2.message, 'The request must contain the parameter InstanceId');
});

// ---- encode: our responses parsed by botocore ----

interface EncodeCase {
  service: ServiceName;
  operation: string;
  output: Record<string, unknown>;
  /** What botocore should parse (timestamps as ISO with millis, as the bridge prints them). */
  expect: Record<string, unknown>;
}

const T = new Date('2026-11-21T20:00:00Z');
const TS = '2026-11-21T20:00:00.000Z';

const ENCODE: EncodeCase[] = [
  {
    service: 'sts',
    operation: 'GetCallerIdentity',
    output: { UserId: 'AIDAEXAMPLE', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice' },
    expect: { UserId: 'AIDAEXAMPLE', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/alice' },
  },
  {
    service: 'sts',
    operation: 'AssumeRole',
    output: {
      Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: 's/e+c', SessionToken: 't<&>"', Expiration: T },
      AssumedRoleUser: { AssumedRoleId: 'AROAX:sess', Arn: 'arn:aws:sts::123456789012:assumed-role/r/sess' },
      PackedPolicySize: 6,
      SourceIdentity: 'who',
    },
    expect: {
      Credentials: { AccessKeyId: 'ASIAX', SecretAccessKey: 's/e+c', SessionToken: 't<&>"', Expiration: TS },
      AssumedRoleUser: { AssumedRoleId: 'AROAX:sess', Arn: 'arn:aws:sts::123456789012:assumed-role/r/sess' },
      PackedPolicySize: 6,
      SourceIdentity: 'who',
    },
  },
  {
    service: 'iam',
    operation: 'ListRoles',
    output: {
      Roles: [
        {
          Path: '/',
          RoleName: 'r1',
          RoleId: 'AROA1',
          Arn: 'arn:aws:iam::1:role/r1',
          CreateDate: T,
          AssumeRolePolicyDocument: '%7B%7D',
          Tags: [{ Key: 'a', Value: 'b' }],
          MaxSessionDuration: 3600,
        },
        {
          Path: '/x/',
          RoleName: 'r2',
          RoleId: 'AROA2',
          Arn: 'arn:aws:iam::1:role/x/r2',
          CreateDate: '2026-01-02T03:04:05Z',
          RoleLastUsed: { LastUsedDate: T, Region: 'us-east-1' },
        },
      ],
      IsTruncated: true,
      Marker: 'm&1',
    },
    expect: {
      Roles: [
        {
          Path: '/',
          RoleName: 'r1',
          RoleId: 'AROA1',
          Arn: 'arn:aws:iam::1:role/r1',
          CreateDate: TS,
          AssumeRolePolicyDocument: '%7B%7D',
          Tags: [{ Key: 'a', Value: 'b' }],
          MaxSessionDuration: 3600,
        },
        {
          Path: '/x/',
          RoleName: 'r2',
          RoleId: 'AROA2',
          Arn: 'arn:aws:iam::1:role/x/r2',
          CreateDate: '2026-01-02T03:04:05.000Z',
          RoleLastUsed: { LastUsedDate: TS, Region: 'us-east-1' },
        },
      ],
      IsTruncated: true,
      Marker: 'm&1',
    },
  },
  {
    service: 'iam',
    operation: 'ListRoles',
    output: { Roles: [], IsTruncated: false },
    expect: { Roles: [], IsTruncated: false },
  },
  {
    service: 'iam',
    operation: 'GetAccountSummary',
    output: { SummaryMap: { Users: 3, Roles: 10, AccountMFAEnabled: 0 } },
    expect: { SummaryMap: { Users: 3, Roles: 10, AccountMFAEnabled: 0 } },
  },
  { service: 'iam', operation: 'DeleteRole', output: {}, expect: {} },
  {
    service: 'ec2',
    operation: 'DescribeIamInstanceProfileAssociations',
    output: {
      IamInstanceProfileAssociations: [
        {
          AssociationId: 'iip-assoc-1',
          InstanceId: 'i-1',
          IamInstanceProfile: { Arn: 'arn:aws:iam::1:instance-profile/p', Id: 'AIPA1' },
          State: 'associated',
          Timestamp: T,
        },
      ],
    },
    expect: {
      IamInstanceProfileAssociations: [
        {
          AssociationId: 'iip-assoc-1',
          InstanceId: 'i-1',
          IamInstanceProfile: { Arn: 'arn:aws:iam::1:instance-profile/p', Id: 'AIPA1' },
          State: 'associated',
          Timestamp: TS,
        },
      ],
    },
  },
  {
    service: 'organizations',
    operation: 'DescribeAccount',
    output: {
      Account: {
        Id: '111122223333',
        Arn: 'arn:aws:organizations::1:account/o-x/111122223333',
        Email: 'a@b.c',
        Name: 'n',
        Status: 'ACTIVE',
        JoinedMethod: 'CREATED',
        JoinedTimestamp: T,
      },
    },
    expect: {
      Account: {
        Id: '111122223333',
        Arn: 'arn:aws:organizations::1:account/o-x/111122223333',
        Email: 'a@b.c',
        Name: 'n',
        Status: 'ACTIVE',
        JoinedMethod: 'CREATED',
        JoinedTimestamp: TS,
      },
    },
  },
  {
    service: 'cloudtrail',
    operation: 'LookupEvents',
    output: {
      Events: [
        {
          EventId: 'e1',
          EventName: 'AssumeRole',
          EventTime: T,
          CloudTrailEvent: '{"a":1}',
          Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: 'r' }],
        },
      ],
      NextToken: 'n',
    },
    expect: {
      Events: [
        {
          EventId: 'e1',
          EventName: 'AssumeRole',
          EventTime: TS,
          CloudTrailEvent: '{"a":1}',
          Resources: [{ ResourceType: 'AWS::IAM::Role', ResourceName: 'r' }],
        },
      ],
      NextToken: 'n',
    },
  },
];

test('encode: botocore parses our responses to exactly the output', () => {
  const rid = 'c2f5d1d0-0000-4000-8000-000000000001';
  const tasks = ENCODE.map((c) => {
    const model = loadModel(c.service);
    const r = codecFor(model).encodeResult(model, c.operation, c.output, rid);
    return {
      kind: 'parse',
      service: c.service,
      operation: c.operation,
      status: r.status,
      headers: r.headers,
      body: String(r.body),
    };
  });
  const parsed = botoOk(tasks);
  ENCODE.forEach((c, i) => {
    const { ResponseMetadata, ...rest } = parsed[i];
    assert.deepEqual(rest, c.expect, `${c.service}.${c.operation}`);
    assert.equal(ResponseMetadata.RequestId, rid, `${c.service}.${c.operation} request id`);
  });
});

test("encode: the awsQuery envelope is exactly AWS's", () => {
  const model = loadModel('sts');
  const r = codecFor(model).encodeResult(
    model,
    'GetCallerIdentity',
    { UserId: 'U', Account: '1', Arn: 'a' },
    'rid',
  );
  assert.equal(
    r.body,
    '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><UserId>U</UserId><Account>1</Account><Arn>a</Arn></GetCallerIdentityResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
  );
  assert.equal(r.headers['content-type'], 'text/xml');
  assert.equal(r.headers['x-amzn-requestid'], 'rid');
  const iam = loadModel('iam');
  assert.equal(
    codecFor(iam).encodeResult(iam, 'DeleteRole', undefined, 'rid').body,
    '<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DeleteRoleResponse>',
  );
});

// ---- errors: encoded per protocol, parsed by botocore ----

test('errors: botocore reads code, message and request id in every protocol', () => {
  const cases: { service: ServiceName; operation: string; err: AwsError; code: string; status: number }[] = [
    {
      service: 'iam',
      operation: 'GetRole',
      err: new AwsError('NoSuchEntity', 'The role with name x cannot be found.', { status: 404 }),
      code: 'NoSuchEntity',
      status: 404,
    },
    {
      service: 'sts',
      operation: 'GetCallerIdentity',
      err: new AwsError('SignatureDoesNotMatch', 'a <b> & c', { status: 403 }),
      code: 'SignatureDoesNotMatch',
      status: 403,
    },
    {
      service: 'iam',
      operation: 'CreateRole',
      err: validationError([
        "Value null at 'roleName' failed to satisfy constraint: Member must not be null",
      ]),
      code: 'ValidationError',
      status: 400,
    },
    {
      service: 'ec2',
      operation: 'DescribeInstances',
      err: new AwsError('InvalidInstanceID.NotFound', "The instance ID 'i-1' does not exist"),
      code: 'InvalidInstanceID.NotFound',
      status: 400,
    },
    {
      service: 'ec2',
      operation: 'DescribeInstances',
      err: new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', {
        status: 403,
      }),
      code: 'AuthFailure',
      status: 401,
    },
    {
      service: 'organizations',
      operation: 'DescribeOrganization',
      err: new AwsError(
        'AWSOrganizationsNotInUseException',
        'Your account is not a member of an organization.',
      ),
      code: 'AWSOrganizationsNotInUseException',
      status: 400,
    },
    {
      service: 'organizations',
      operation: 'DescribeOrganization',
      err: new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', {
        status: 403,
      }),
      code: 'UnrecognizedClientException',
      status: 400,
    },
    {
      service: 'cloudtrail',
      operation: 'LookupEvents',
      err: new AwsError('SignatureDoesNotMatch', 'nope', { status: 403 }),
      code: 'InvalidSignatureException',
      status: 400,
    },
  ];
  const rid = 'rid-1';
  const tasks = cases.map((c) => {
    const model = loadModel(c.service);
    const r = codecFor(model).encodeError(model, c.err, rid);
    assert.equal(r.status, c.status, `${c.service} ${c.code} status`);
    return {
      kind: 'parse',
      service: c.service,
      operation: c.operation,
      status: r.status,
      headers: r.headers,
      body: String(r.body),
    };
  });
  const parsed = botoOk(tasks);
  cases.forEach((c, i) => {
    assert.equal(parsed[i].Error.Code, c.code);
    if (c.code !== 'AuthFailure') assert.equal(parsed[i].Error.Message, c.err.message);
    assert.equal(parsed[i].ResponseMetadata.RequestId, rid);
  });
});

test('errors: exact awsQuery and EC2 error documents', () => {
  const iam = loadModel('iam');
  assert.equal(
    codecFor(iam).encodeError(iam, new AwsError('NoSuchEntity', 'x', { status: 404 }), 'rid').body,
    '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>x</Message></Error><RequestId>rid</RequestId></ErrorResponse>',
  );
  const ec2 = loadModel('ec2');
  assert.equal(
    codecFor(ec2).encodeError(ec2, new AwsError('Oops', 'y'), 'rid').body,
    '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>Oops</Code><Message>y</Message></Error></Errors><RequestID>rid</RequestID></Response>',
  );
  const org = loadModel('organizations');
  const r = codecFor(org).encodeError(org, new AwsError('AWSOrganizationsNotInUseException', 'm'), 'rid');
  assert.equal(r.body, '{"__type":"AWSOrganizationsNotInUseException","Message":"m"}');
  assert.equal(r.headers['content-type'], 'application/x-amz-json-1.1');
});
