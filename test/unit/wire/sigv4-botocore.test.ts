// Requests signed by botocore (the engine of boto3 and the AWS CLI) verify; tampered ones do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifySigV4, AwsError, type SigV4Request } from '../../../src/wire/index.js';
import { botoOk } from './botocore.js';

const AKID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const lookup = (id: string) => (id === AKID ? { secretAccessKey: SECRET } : undefined);

function toReq(method: string, urlStr: string, headers: Record<string, string>, body: string): SigV4Request {
  const u = new URL(urlStr);
  const h: Record<string, string> = { host: u.host };
  for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
  return { method, path: u.pathname, rawQuery: u.search.slice(1), headers: h, body };
}

const CASES = [
  {
    method: 'POST',
    url: 'https://sts.amazonaws.com/',
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
    signingName: 'sts',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
  },
  {
    method: 'GET',
    url: 'https://iam.amazonaws.com/?Action=ListRoles&Version=2010-05-08&PathPrefix=%2Fa%20b%2F',
    body: '',
    signingName: 'iam',
  },
  {
    method: 'POST',
    url: 'https://organizations.us-east-1.amazonaws.com/',
    body: '{}',
    signingName: 'organizations',
    headers: {
      'X-Amz-Target': 'AWSOrganizationsV20161128.DescribeOrganization',
      'Content-Type': 'application/x-amz-json-1.1',
    },
  },
  {
    method: 'GET',
    url: 'https://s3.amazonaws.com/bucket/some%20key/with~odd%21chars',
    body: '',
    signingName: 's3',
  },
  {
    method: 'GET',
    url: 'https://ec2.us-east-1.amazonaws.com/?Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=a&Filter.1.Value.1=x%2By',
    body: '',
    signingName: 'ec2',
  },
];

test('botocore-signed requests (header, with and without session token) verify', () => {
  const tasks = CASES.flatMap((c) => [
    { kind: 'sign', service: 'sts', region: 'us-east-1', accessKeyId: AKID, secretAccessKey: SECRET, ...c },
    {
      kind: 'sign',
      service: 'sts',
      region: 'us-east-1',
      accessKeyId: AKID,
      secretAccessKey: SECRET,
      sessionToken: 'FwoG/Z+=',
      ...c,
    },
  ]);
  const signed = botoOk(tasks);
  signed.forEach((s, i) => {
    const c = CASES[i >> 1]!;
    const req = toReq(c.method, s.url, s.headers, c.body);
    const s3 = c.signingName === 's3';
    const id = verifySigV4(req, lookup, { service: c.signingName, s3 });
    assert.equal(id.sessionToken, i % 2 ? 'FwoG/Z+=' : undefined);
    assert.throws(
      () => verifySigV4({ ...req, method: c.method === 'GET' ? 'HEAD' : 'PUT' }, lookup, { s3 }),
      (e: unknown) => e instanceof AwsError && e.code === 'SignatureDoesNotMatch',
    );
  });
});

test('botocore-presigned URLs verify (STS GetCallerIdentity, as used by EKS/Vault-style auth)', () => {
  const [s] = botoOk([
    {
      kind: 'sign',
      service: 'sts',
      presign: true,
      expires: 60,
      method: 'GET',
      url: 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15',
      signingName: 'sts',
      region: 'us-east-1',
      accessKeyId: AKID,
      secretAccessKey: SECRET,
      sessionToken: 'tok',
    },
  ]);
  const req = toReq('GET', s.url, {}, '');
  const id = verifySigV4(req, lookup, { service: 'sts' });
  assert.equal(id.presigned, true);
  assert.equal(id.sessionToken, 'tok');
});
