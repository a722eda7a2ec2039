// IAM's answers for malformed identity policies, in IAM's phase order. The expected messages are
// IAM's, as observed against AWS (CreatePolicy) and recorded by emulators tested against it.
import { test } from 'node:test';
import { rejects, S, V, doc } from './helpers.js';

const M = {
  syntax: 'Syntax errors in policy.',
  version: 'Policy document must be version 2012-10-17 or greater.',
  legacy: 'The policy failed legacy parsing',
  vendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  colon: 'Actions/Condition can contain only one colon.',
  actions: 'Policy statement must contain actions.',
  resources: 'Policy statement must contain resources.',
  sid: 'Statement IDs (SID) in a single policy must be unique.',
  sidChars:
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  iamPath:
    'IAM resource path must either be "*" or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.',
};
const arnFmt = (r: string) => `Resource ${r} must be in ARN format or "*".`;

const cases: [string, unknown, string][] = [
  // JSON and top level
  ['not JSON', 'This is not a json document', M.syntax],
  [
    'trailing comma',
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*",}]}',
    M.syntax,
  ],
  ['top level array', [S], M.syntax],
  ['top level string', '"x"', M.syntax],
  ['top level null', 'null', M.syntax],
  ['unknown version', { Version: '2013-10-17', Statement: S }, M.syntax],
  ['numeric version', { Version: 2012, Statement: S }, M.syntax],
  ['no Statement', { Version: V }, M.syntax],
  ['Statement string', doc('afd'), M.syntax],
  ['Statement array of string', doc(['afd']), M.syntax],
  ['empty Statement array', doc([]), M.syntax],
  ['unknown top-level field', doc(S, { 'Extra field': 'value' }), M.syntax],
  ['lowercase top-level field', { version: V, Statement: S }, M.syntax],
  ['Id array', doc(S, { Id: ['x'] }), M.syntax],
  ['Id object', doc(S, { Id: {} }), M.syntax],
  // statement fields
  ['unknown statement field', doc({ ...S, 'Extra field': 'value' }), M.syntax],
  ['no Effect', doc({ Action: S.Action, Resource: S.Resource }), M.syntax],
  ['Effect invalid', doc({ ...S, Effect: 'invalid' }), M.syntax],
  ['Effect number', doc({ ...S, Effect: 1 }), M.syntax],
  ['Action and NotAction', doc({ ...S, NotAction: 's3:x' }), M.syntax],
  [
    'Action [] and NotAction',
    doc({ Effect: 'Allow', NotAction: 's3s:ListBucket', Action: [], Resource: S.Resource }),
    M.syntax,
  ],
  ['Resource and NotResource', doc({ ...S, NotResource: '*' }), M.syntax],
  ['Resource and empty NotResource', doc({ ...S, NotResource: [] }), M.syntax],
  ['Action object', doc({ ...S, Action: {} }), M.syntax],
  ['Action nested array', doc({ ...S, Effect: 'Deny', Action: [[]] }), M.syntax],
  ['Action number', doc({ ...S, Action: 3 }), M.syntax],
  ['Resource object', doc({ ...S, Resource: { a: 'arn:aws:s3:::example_bucket' } }), M.syntax],
  ['Resource list with object', doc({ ...S, Effect: 'Deny', Resource: ['adfdf', {}] }), M.syntax],
  ['Sid object', doc({ ...S, Sid: {} }), M.syntax],
  ['Sid array', doc({ ...S, Sid: [] }), M.syntax],
  // conditions
  ['Condition array', doc({ ...S, Condition: [] }), M.syntax],
  ['Condition string', doc({ ...S, Condition: 'a' }), M.syntax],
  ['Condition operator value string', doc({ ...S, Condition: { a: 'b' } }), M.syntax],
  ['Condition block string', doc({ ...S, Condition: { DateGreaterThan: 'b' } }), M.syntax],
  ['Condition block array', doc({ ...S, Condition: { DateGreaterThan: [] } }), M.syntax],
  ['Condition nested object value', doc({ ...S, Condition: { DateGreaterThan: { a: {} } } }), M.syntax],
  ['Condition nested object in list', doc({ ...S, Condition: { StringEquals: { a: ['x', {}] } } }), M.syntax],
  ['Condition null value', doc({ ...S, Condition: { StringEquals: { a: null } } }), M.syntax],
  ['unknown operator with keys', doc({ ...S, Condition: { x: { a: '1' } } }), M.syntax],
  [
    'double colon operator',
    doc({ ...S, Condition: { 'ForAnyValue::StringEqualsIfExists': { a: 'asf' } } }),
    M.syntax,
  ],
  ['NullIfExists', doc({ ...S, Condition: { NullIfExists: { a: 'true' } } }), M.syntax],
  ['lowercase operator', doc({ ...S, Condition: { stringequals: { a: 'x' } } }), M.syntax],
  [
    'syntax beats missing actions',
    doc({ Effect: 'Allow', Resource: S.Resource, Condition: { DateGreaterThan: { a: {} } } }),
    M.syntax,
  ],
  // version (managed policies only; see managed cases below)
  // legacy parsing
  ['Effect wrong case', doc({ ...S, Effect: 'denY' }), M.legacy],
  [
    'Effect lowercase without actions',
    doc({ Effect: 'allow', Resource: 'arn:aws:s3:us-east-1::example_bucket' }),
    M.legacy,
  ],
  [
    'Effect case beats duplicate Sid',
    doc([
      { ...S, Sid: 'sdf', Effect: 'aLLow' },
      { Sid: 'sdf', Effect: 'Allow' },
    ]),
    M.legacy,
  ],
  ['bad date', doc({ ...S, Condition: { DateGreaterThan: { a: 'sdfdsf' } } }), M.legacy],
  [
    'bad date without actions',
    doc({ Effect: 'Allow', Condition: { DateGreaterThan: { a: 'sdfdsf' } } }),
    M.legacy,
  ],
  ['bad month', doc({ ...S, Condition: { DateLessThanEquals: { a: '234-13' } } }), M.legacy],
  [
    'one-digit zone hour',
    doc({ ...S, Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.593194+1' } } }),
    M.legacy,
  ],
  [
    '10-digit fraction',
    doc({ ...S, Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.1999999999+10:59' } } }),
    M.legacy,
  ],
  ['epoch overflow', doc({ ...S, Condition: { DateLessThan: { a: '9223372036854775808' } } }), M.legacy],
  ['bad date in IfExists', doc({ ...S, Condition: { DateEqualsIfExists: { a: 'soon' } } }), M.legacy],
  [
    'bad date with bad partition',
    doc({ ...S, Resource: 'arn:error:s3:::example_bucket', Condition: { DateGreaterThan: { a: 'sdfdsf' } } }),
    M.legacy,
  ],
  ['resource :: with 5 fields', doc({ ...S, Resource: 'arn:aws:s3::example_bucket' }), M.legacy],
  ['resource :: without actions', doc({ Effect: 'Allow', Resource: 'arn:aws:s3::example_bucket' }), M.legacy],
  [
    'resource empty service',
    doc({ ...S, NotAction: undefined, Resource: 'arn:aws::::example_bucket' }),
    M.legacy,
  ],
  ['NotResource ::', doc({ ...S, Resource: undefined, NotResource: 'arn:aws:s3::example_bucket' }), M.legacy],
  ['resource arn:aws::x', doc({ ...S, Resource: 'arn:aws::fdsasf' }), M.legacy],
  // Sid
  [
    'duplicate Sid',
    doc([
      { ...S, Sid: 'sdf' },
      { Sid: 'sdf', Effect: 'Allow' },
    ]),
    M.sid,
  ],
  ['Sid with dash', doc({ ...S, Sid: 'my-sid' }), M.sidChars],
  ['Sid with space', doc({ ...S, Sid: 'My Sid' }), M.sidChars],
  // actions present
  ['no Action', doc({ Effect: 'Allow', Resource: S.Resource }), M.actions],
  ['only Effect', doc({ Effect: 'Allow' }), M.actions],
  ['empty Action', doc({ ...S, Action: [] }), M.actions],
  ['second statement without action', doc([{ Effect: 'Deny' }, S]), M.actions],
  ['Action of nulls only', doc({ ...S, Action: [null] }), M.actions],
  // resource format (reported after actions)
  ['resource without colon', doc({ ...S, Resource: 'invalid resource' }), arnFmt('invalid resource')],
  ['empty resource', doc({ ...S, Resource: '' }), arnFmt('')],
  ['resource in list', doc({ ...S, Resource: ['adf'] }), arnFmt('adf')],
  [
    'bad resource beats bad action',
    doc({ ...S, Action: 's:3:ListBucket', Resource: 'sdfsadf' }),
    arnFmt('sdfsadf'),
  ],
  [
    'bad partition short',
    doc({ ...S, NotAction: 's3s:ListBucket', Action: undefined, Resource: 'a:bsdfdsafsad' }),
    'Partition "bsdfdsafsad" is not valid for resource "arn:bsdfdsafsad:*:*:*:*".',
  ],
  [
    'bad partition 3 fields',
    doc({ Effect: 'Allow', NotAction: 's3s:ListBucket', Resource: 'a:b:cadfsdf' }),
    'Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".',
  ],
  [
    'bad partition many fields',
    doc({ Effect: 'Allow', NotAction: 's3s:ListBucket', Resource: 'a:b:c:d:e:f:g:h' }),
    'Partition "b" is not valid for resource "arn:b:c:d:e:f:g:h".',
  ],
  [
    'missing arn prefix',
    doc({ ...S, Resource: 'aws:s3:::example_bucket' }),
    'Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".',
  ],
  [
    'two bad partitions',
    doc({ ...S, Resource: ['arn:error:s3:::example_bucket', 'arn:error:s3::example_bucket'] }),
    'Partition "error" is not valid for resource "arn:error:s3:::example_bucket".',
  ],
  [
    'no service',
    doc({ ...S, Resource: 'arn:aws' }),
    'Resource vendor must be fully qualified and cannot contain regexes.',
  ],
  ['iam bad type', doc({ ...S, Resource: 'arn:aws:iam:::example_bucket' }), M.iamPath],
  [
    'iam with region',
    doc({ ...S, Resource: 'arn:aws:iam:us-east-1::example_bucket' }),
    'IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information.',
  ],
  [
    's3 bucket with region',
    doc({ ...S, Resource: 'arn:aws:s3:us-east-1::example_bucket' }),
    'Resource arn:aws:s3:us-east-1::example_bucket can not contain region information.',
  ],
  ['bad resource in second statement', doc([{ ...S }, { ...S, Resource: 'x' }]), arnFmt('x')],
  // action vendor
  ['no vendor', doc({ ...S, Action: 'invalid' }), M.vendor],
  ['empty NotAction', doc({ Effect: 'Allow', NotAction: '', Resource: S.Resource }), M.vendor],
  ['no vendor without resource', doc({ Effect: 'Allow', Action: 'invalid' }), M.vendor],
  ['two colons', doc({ ...S, Action: 's3:List:Bucket' }), M.colon],
  [
    'two colons in 2nd statement',
    doc([
      { ...S, Action: 's3s:ListBucket' },
      { ...S, Action: 's:3s:ListBucket' },
    ]),
    M.colon,
  ],
  ['vendor with space', doc({ ...S, Action: 'a a:ListBucket' }), 'Vendor a a is not valid'],
  ['vendor with underscore', doc({ ...S, Action: 's3_x:Get' }), 'Vendor s3_x is not valid'],
  // identity rules
  ['no Resource', doc({ Effect: 'Allow', Action: 's3:ListBucket' }), M.resources],
  ['empty Resource', doc({ ...S, Resource: [] }), M.resources],
  [
    'Principal in identity policy',
    doc({ ...S, Principal: '*' }),
    'Policy document should not specify a principal.',
  ],
  [
    'NotPrincipal in identity policy',
    doc({ ...S, Effect: 'Deny', NotPrincipal: { AWS: '123456789012' } }),
    'Policy document should not specify a principal.',
  ],
];

for (const [name, document, message] of cases) {
  test(`identity rejects: ${name}`, () => rejects(document, 'identity', message));
}

// Managed policies (CreatePolicy) must say Version 2012-10-17; the version check precedes the others.
const managedCases: [string, unknown, string][] = [
  ['no Version', { Statement: S }, M.version],
  ['2008-10-17', { Version: '2008-10-17', Statement: S }, M.version],
  [
    'no Version beats duplicate Sid',
    {
      Statement: [
        { ...S, Sid: 'sdf' },
        { Sid: 'sdf', Effect: 'Allow' },
      ],
    },
    M.version,
  ],
  [
    'no Version beats bad date',
    { Statement: { ...S, Condition: { DateGreaterThan: { a: 'sdfdsf' } } } },
    M.version,
  ],
  ['no Version beats Effect case', { Statement: { ...S, Effect: 'denY' } }, M.version],
  ['syntax beats version', { Version: '2013-10-17', Statement: S }, M.syntax],
];
for (const [name, document, message] of managedCases) {
  test(`managed identity rejects: ${name}`, () => rejects(document, 'identity', message, { managed: true }));
}
