// S3 wire details: multipart ETags, checksums, the XML parser and builder, addressing, error bodies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { checksummer, crc32c, multipartEtag } from '../../../src/wire/s3/checksums.js';
import { parseXml, xmlDocument } from '../../../src/wire/s3/xml.js';
import { s3Address } from '../../../src/wire/s3/address.js';
import { encodeS3ErrorBody, toS3Error } from '../../../src/wire/s3/errors.js';
import { AwsError, invalidClientTokenId } from '../../../src/wire/errors.js';
import { isValidBucketName } from '../../../src/services/s3/bucket-names.js';
import { isPublicPolicy } from '../../../src/services/s3/public-policy.js';
import { parsePolicy } from '../../../src/policy/index.js';

const md5 = (b: Buffer | string) => createHash('md5').update(b).digest('hex');

test('multipart ETag: md5 of the concatenated binary part MD5s, then -N', () => {
  const a = Buffer.alloc(5 * 1024 * 1024, 'a');
  const b = Buffer.from('tail');
  const expected = createHash('md5')
    .update(Buffer.concat([createHash('md5').update(a).digest(), createHash('md5').update(b).digest()]))
    .digest('hex');
  assert.equal(multipartEtag([`"${md5(a)}"`, `"${md5(b)}"`]), `"${expected}-2"`);
});

test('checksums: CRC32, CRC32C (RFC 3720 vector), SHA1, SHA256 in base64, incremental', () => {
  const c = checksummer('CRC32');
  c.update(Buffer.from('hello '));
  c.update(Buffer.from('world'));
  assert.equal(c.digest(), 'DUoRhQ==');
  assert.equal(c.digest(), 'DUoRhQ==');
  assert.equal(crc32c(Buffer.from('123456789')), 0xe3069283);
  assert.equal(crc32c(Buffer.alloc(32, 0)), 0x8a9136aa);
  const s = checksummer('SHA256');
  s.update(Buffer.from('abc'));
  assert.equal(s.digest(), createHash('sha256').update('abc').digest('base64'));
  const s1 = checksummer('SHA1');
  s1.update(Buffer.from('abc'));
  assert.equal(s1.digest(), createHash('sha1').update('abc').digest('base64'));
});

test('XML parser: namespaces, entities, CDATA, comments; refuses DOCTYPE and bad nesting', () => {
  const root = parseXml(
    '<?xml version="1.0"?><!-- c --><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>a&amp;b&#x41;</Key></Object><Object><Key><![CDATA[<x>]]></Key></Object><Quiet>true</Quiet></Delete>',
  );
  assert.equal(root.name, 'Delete');
  assert.equal(root.children[0]!.children[0]!.text, 'a&bA');
  assert.equal(root.children[1]!.children[0]!.text, '<x>');
  for (const bad of [
    '<!DOCTYPE x [<!ENTITY e "x">]><a>&e;</a>',
    '<a><b></a></b>',
    '<a>',
    '<a/><b/>',
    '<a>&bogus;</a>',
  ]) {
    assert.throws(() => parseXml(bad), { code: 'MalformedXML' }, bad);
  }
});

test('XML builder escapes and namespaces the root', () => {
  assert.equal(
    xmlDocument('R', [
      ['K', 'a<b&"c'],
      ['N', 3],
      ['Skip', undefined],
      ['L', [['I', true]]],
    ]),
    '<?xml version="1.0" encoding="UTF-8"?>\n<R xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><K>a&lt;b&amp;&quot;c</K><N>3</N><L><I>true</I></L></R>',
  );
});

test('addressing: path style and virtual-host style', () => {
  assert.deepEqual(s3Address('127.0.0.1:4566', '/b/a%20b/c'), {
    bucket: 'b',
    key: 'a b/c',
    virtualHost: false,
  });
  assert.deepEqual(s3Address('localhost:4566', '/b'), { bucket: 'b', virtualHost: false });
  assert.deepEqual(s3Address('b.localhost:4566', '/k%2F1'), { bucket: 'b', key: 'k/1', virtualHost: true });
  assert.deepEqual(s3Address('my.bucket.s3.localhost', '/'), {
    bucket: 'my.bucket',
    key: undefined,
    virtualHost: true,
  });
  assert.deepEqual(s3Address('localhost', '/'), { virtualHost: false });
});

test('S3 error body and the S3 names of authentication errors', () => {
  const e = toS3Error(invalidClientTokenId(), { AWSAccessKeyId: 'AKIAX' });
  assert.equal(e.code, 'InvalidAccessKeyId');
  assert.equal(e.status, 403);
  const body = encodeS3ErrorBody(
    new AwsError('NoSuchKey', 'The specified key does not exist.', { fields: { Key: 'a<b' } }),
    'RID',
    'HID',
  );
  assert.equal(
    body,
    '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Key>a&lt;b</Key><RequestId>RID</RequestId><HostId>HID</HostId></Error>',
  );
});

test('bucket names', () => {
  for (const ok of ['abc', 'web-application-bucket', 'a.b.c', '1bucket'])
    assert.ok(isValidBucketName(ok), ok);
  for (const bad of [
    'ab',
    'ABC',
    '-abc',
    'abc-',
    'a..b',
    '192.168.1.1',
    'xn--abc',
    'abc-s3alias',
    'a_b',
    'a'.repeat(64),
  ]) {
    assert.ok(!isValidBucketName(bad), bad);
  }
});

test('public policies as Block Public Access defines them', () => {
  const doc = (st: object) =>
    parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: [st] }), 'resource');
  const base = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' };
  assert.ok(isPublicPolicy(doc({ ...base, Principal: '*' })));
  assert.ok(isPublicPolicy(doc({ ...base, Principal: { AWS: '*' } })));
  assert.ok(!isPublicPolicy(doc({ ...base, Principal: { AWS: 'arn:aws:iam::111111111111:root' } })));
  assert.ok(
    !isPublicPolicy(
      doc({
        ...base,
        Principal: '*',
        Condition: { StringEquals: { 'aws:PrincipalAccount': '111111111111' } },
      }),
    ),
  );
  assert.ok(
    !isPublicPolicy(
      doc({ ...base, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.1.2.0/24' } } }),
    ),
  );
  assert.ok(
    isPublicPolicy(
      doc({ ...base, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } }),
    ),
  );
  assert.ok(!isPublicPolicy(doc({ ...base, Effect: 'Deny', Principal: '*' })));
});
