// S3 with real clients and raw signed requests: the AWS CLI (a 20 MB multipart cp, sync, presign + curl),
// boto3 (conditions, ranges, listing, multipart, errors), aws-chunked uploads with per-chunk signatures,
// S3's authentication errors, and durability across kill -9.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, tempDir, type TestServer } from '../helpers/server.js';
import { awsCli, hasAwsCli, python, type Creds } from '../helpers/clients.js';
import { deriveSigningKey, encodeSignedChunks, signRequest } from '../../src/wire/sigv4/index.js';

let s: TestServer;
let creds: Creds;
before(async () => {
  s = await startServer();
  creds = { url: s.url, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey };
});
after(async () => {
  await s.stop();
});

/** A request signed as an SDK would sign it (path style), sent with fetch. */
async function signed(
  method: string,
  path: string,
  opts: {
    body?: Buffer;
    headers?: Record<string, string>;
    date?: number;
    payloadHash?: string;
    query?: string;
  } = {},
) {
  const host = new URL(s.url).host;
  const headers = { host, ...(opts.headers ?? {}) };
  const sig = signRequest(
    { method, path, rawQuery: opts.query ?? '', headers, body: opts.body ?? '' },
    { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    {
      region: 'us-east-1',
      service: 's3',
      ...(opts.date !== undefined && { date: opts.date }),
      ...(opts.payloadHash !== undefined && { payloadHash: opts.payloadHash }),
    },
  );
  const h = { ...sig.headers };
  delete (h as Record<string, string>).host;
  const res = await fetch(`${s.url}${path}${opts.query ? '?' + opts.query : ''}`, {
    method,
    headers: h,
    ...(opts.body !== undefined && { body: opts.body }),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test(
  'AWS CLI: 20 MB cp is a multipart upload (ETag -N), downloads identical; sync; ls',
  { skip: !hasAwsCli },
  () => {
    const dir = tempDir();
    const file = join(dir, 'big.bin');
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(file, data);
    assert.equal(awsCli(['s3', 'mb', 's3://cli-bucket'], creds).status, 0);
    const up = awsCli(['s3', 'cp', file, 's3://cli-bucket/big.bin'], creds);
    assert.equal(up.status, 0, up.stderr);
    const head = awsCli(['s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'big.bin'], creds);
    assert.equal(head.status, 0, head.stderr);
    const h = JSON.parse(head.stdout);
    assert.equal(h.ContentLength, data.length);
    assert.match(h.ETag, /^"[0-9a-f]{32}-\d+"$/);
    // The multipart ETag as S3 computes it from the CLI's 8 MiB parts.
    const parts: Buffer[] = [];
    for (let i = 0; i < data.length; i += 8 * 1024 * 1024)
      parts.push(
        createHash('md5')
          .update(data.subarray(i, i + 8 * 1024 * 1024))
          .digest(),
      );
    assert.equal(h.ETag, `"${createHash('md5').update(Buffer.concat(parts)).digest('hex')}-${parts.length}"`);
    const down = awsCli(['s3', 'cp', 's3://cli-bucket/big.bin', join(dir, 'back.bin')], creds);
    assert.equal(down.status, 0, down.stderr);
    assert.ok(readFileSync(join(dir, 'back.bin')).equals(data));

    const src = join(dir, 'site');
    mkdirSync(join(src, 'css'), { recursive: true });
    writeFileSync(join(src, 'index.html'), '<h1>hi</h1>');
    writeFileSync(join(src, 'css', 'a.css'), 'body{}');
    const sync = awsCli(['s3', 'sync', src, 's3://cli-bucket/site/'], creds);
    assert.equal(sync.status, 0, sync.stderr);
    assert.match(sync.stdout, /upload: .*index\.html/);
    const again = awsCli(['s3', 'sync', src, 's3://cli-bucket/site/'], creds);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stdout.trim(), '', 'a second sync uploads nothing');
    const back = join(dir, 'back');
    assert.equal(awsCli(['s3', 'sync', 's3://cli-bucket/site/', back], creds).status, 0);
    assert.equal(readFileSync(join(back, 'css', 'a.css'), 'utf8'), 'body{}');
    const ls = awsCli(['s3', 'ls', 's3://cli-bucket/site/'], creds);
    assert.match(ls.stdout, /PRE css\//);
    assert.match(ls.stdout, /index\.html/);
  },
);

test(
  'presigned URLs (aws s3 presign, SigV4) with curl: GET works, tampered and expired fail',
  { skip: !hasAwsCli },
  () => {
    const dir = tempDir();
    const cfg = join(dir, 'config');
    writeFileSync(cfg, '[default]\ns3 =\n    signature_version = s3v4\n');
    assert.equal(awsCli(['s3', 'mb', 's3://presign-bucket'], creds).status, 0);
    writeFileSync(join(dir, 'f.txt'), 'presigned!');
    assert.equal(awsCli(['s3', 'cp', join(dir, 'f.txt'), 's3://presign-bucket/f.txt'], creds).status, 0);
    const p = awsCli(['s3', 'presign', 's3://presign-bucket/f.txt', '--expires-in', '300'], creds, {
      AWS_CONFIG_FILE: cfg,
    });
    assert.equal(p.status, 0, p.stderr);
    const url = p.stdout.trim();
    assert.match(url, /X-Amz-Algorithm=AWS4-HMAC-SHA256/);
    const curl = (u: string) =>
      spawnSync('curl', ['-s', '-w', '\n%{http_code}', u], { encoding: 'utf8' }).stdout;
    assert.equal(curl(url), 'presigned!\n200');
    const tampered = curl(url.replace('f.txt', 'g.txt'));
    assert.match(tampered, /<Code>SignatureDoesNotMatch<\/Code>.*<StringToSign>.*<\/StringToSign>.*\n403$/s);
    const expired = awsCli(['s3', 'presign', 's3://presign-bucket/f.txt', '--expires-in', '1'], creds, {
      AWS_CONFIG_FILE: cfg,
    });
    spawnSync('sleep', ['2']);
    assert.match(
      curl(expired.stdout.trim()),
      /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>.*\n403$/s,
    );
    const tooLong = curl(url.replace('X-Amz-Expires=300', 'X-Amz-Expires=604801'));
    assert.match(tooLong, /AuthorizationQueryParametersError/);
    // SigV2 presigning (older CLIs' default for s3 presign) is refused in S3's words.
    const v2 = `${s.url}/presign-bucket/f.txt?AWSAccessKeyId=${s.accessKeyId}&Signature=abc%3D&Expires=${Math.floor(Date.now() / 1000) + 60}`;
    assert.match(
      curl(v2),
      /<Code>InvalidRequest<\/Code><Message>The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.<\/Message>/,
    );
    // A presigned PUT (boto3), then virtual-host addressing with curl.
    const r = python(
      `import boto3, os
c = boto3.client('s3', config=boto3.session.Config(signature_version='s3v4'))
print(c.generate_presigned_url('put_object', Params={'Bucket':'presign-bucket','Key':'up.txt'}, ExpiresIn=60))`,
      creds,
    );
    assert.equal(r.status, 0, r.stderr);
    const put = spawnSync(
      'curl',
      ['-s', '-w', '%{http_code}', '-X', 'PUT', '--data-binary', 'via presigned put', r.stdout.trim()],
      { encoding: 'utf8' },
    );
    assert.equal(put.stdout, '200');
    const port = new URL(s.url).port;
    const vh = spawnSync(
      'curl',
      [
        '-s',
        '--resolve',
        `presign-bucket.localhost:${port}:127.0.0.1`,
        `http://presign-bucket.localhost:${port}/up.txt`,
      ],
      { encoding: 'utf8' },
    );
    assert.match(vh.stdout, /<Code>AccessDenied<\/Code>/); // anonymous, virtual-host style: routed to the bucket
  },
);

test('boto3: objects, conditions, ranges, listing, copy, tagging, multipart, errors', () => {
  const r = python(
    `import boto3, botocore, json, hashlib, base64
s3 = boto3.client('s3')
out = {}
def err(f):
    try:
        f(); return 'OK'
    except botocore.exceptions.ClientError as e:
        return [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
s3.create_bucket(Bucket='bkt3')
out['again_us_east_1'] = err(lambda: s3.create_bucket(Bucket='bkt3'))
out['bad_name'] = err(lambda: s3.create_bucket(Bucket='Bad_Name'))
eu = boto3.client('s3', region_name='eu-west-1')
out['eu_no_constraint'] = err(lambda: eu.create_bucket(Bucket='bkt3-eu'))
eu.create_bucket(Bucket='bkt3-eu', CreateBucketConfiguration={'LocationConstraint':'eu-west-1'})
out['eu_again'] = err(lambda: eu.create_bucket(Bucket='bkt3-eu', CreateBucketConfiguration={'LocationConstraint':'eu-west-1'}))
out['eu_location'] = s3.get_bucket_location(Bucket='bkt3-eu')['LocationConstraint']
p = s3.put_object(Bucket='bkt3', Key='k', Body=b'0123456789', ContentType='text/plain', Metadata={'Owner':'me'}, ChecksumAlgorithm='SHA256')
out['etag'] = p['ETag']
out['sha256'] = p['ChecksumSHA256'] == base64.b64encode(hashlib.sha256(b'0123456789').digest()).decode()
g = s3.get_object(Bucket='bkt3', Key='k', ChecksumMode='ENABLED')
out['get'] = [g['Body'].read().decode(), g['ContentType'], g['Metadata'], g['ChecksumSHA256'] == p['ChecksumSHA256']]
out['range'] = [s3.get_object(Bucket='bkt3', Key='k', Range='bytes=2-4')['Body'].read().decode(), s3.get_object(Bucket='bkt3', Key='k', Range='bytes=-3')['Body'].read().decode()]
out['range_416'] = err(lambda: s3.get_object(Bucket='bkt3', Key='k', Range='bytes=20-30'))
out['if_none_match'] = err(lambda: s3.get_object(Bucket='bkt3', Key='k', IfNoneMatch=p['ETag']))
out['if_match_bad'] = err(lambda: s3.get_object(Bucket='bkt3', Key='k', IfMatch='"nope"'))
out['if_modified_since'] = err(lambda: s3.get_object(Bucket='bkt3', Key='k', IfModifiedSince=g['LastModified']))
out['if_unmodified_since'] = err(lambda: s3.get_object(Bucket='bkt3', Key='k', IfUnmodifiedSince='2000-01-01T00:00:00Z'))
out['head_missing'] = err(lambda: s3.head_object(Bucket='bkt3', Key='missing'))
out['no_bucket'] = err(lambda: s3.get_object(Bucket='nobucket', Key='k'))
out['bad_md5'] = err(lambda: s3.put_object(Bucket='bkt3', Key='m', Body=b'abc', ContentMD5=base64.b64encode(hashlib.md5(b'abd').digest()).decode()))
out['bad_crc'] = err(lambda: s3.put_object(Bucket='bkt3', Key='m', Body=b'abc', ChecksumCRC32='AAAAAA=='))
out['if_none_match_put'] = err(lambda: s3.put_object(Bucket='bkt3', Key='k', Body=b'x', IfNoneMatch='*'))
for i in range(7):
    s3.put_object(Bucket='bkt3', Key=f'dir/{i}.txt', Body=b'x')
s3.put_object(Bucket='bkt3', Key='dir/sub/a b+c.txt', Body=b'x')
keys, token, pages = [], None, 0
while True:
    kw = {'Bucket':'bkt3', 'Prefix':'dir/', 'MaxKeys':3}
    if token: kw['ContinuationToken'] = token
    page = s3.list_objects_v2(**kw); pages += 1
    keys += [o['Key'] for o in page.get('Contents', [])]
    if not page['IsTruncated']: break
    token = page['NextContinuationToken']
out['paged'] = [pages, keys]
d = s3.list_objects_v2(Bucket='bkt3', Prefix='dir/', Delimiter='/', StartAfter='dir/4.txt')
out['delimited'] = [[o['Key'] for o in d.get('Contents', [])], [c['Prefix'] for c in d.get('CommonPrefixes', [])], d['KeyCount']]
out['v1'] = [o['Key'] for o in s3.list_objects(Bucket='bkt3', Prefix='dir/sub/')['Contents']]
out['url_encoded'] = s3.list_objects_v2(Bucket='bkt3', Prefix='dir/sub/', EncodingType='url')['Contents'][0]['Key']
s3.copy_object(Bucket='bkt3', Key='copy', CopySource={'Bucket':'bkt3','Key':'k'})
out['copy'] = [s3.get_object(Bucket='bkt3', Key='copy')['Body'].read().decode(), s3.head_object(Bucket='bkt3', Key='copy')['Metadata']]
s3.copy_object(Bucket='bkt3', Key='copy', CopySource='bkt3/k', MetadataDirective='REPLACE', Metadata={'new':'1'})
out['copy_replace'] = s3.head_object(Bucket='bkt3', Key='copy')['Metadata']
out['copy_self'] = err(lambda: s3.copy_object(Bucket='bkt3', Key='k', CopySource='bkt3/k'))
s3.put_object_tagging(Bucket='bkt3', Key='k', Tagging={'TagSet':[{'Key':'team','Value':'blue'}]})
out['tags'] = s3.get_object_tagging(Bucket='bkt3', Key='k')['TagSet']
mp = s3.create_multipart_upload(Bucket='bkt3', Key='mp', Metadata={'m':'1'})
u = mp['UploadId']
e1 = s3.upload_part(Bucket='bkt3', Key='mp', UploadId=u, PartNumber=1, Body=b'a'*(5*1024*1024))['ETag']
e2 = s3.upload_part_copy(Bucket='bkt3', Key='mp', UploadId=u, PartNumber=2, CopySource='bkt3/k', CopySourceRange='bytes=0-3')['CopyPartResult']['ETag']
out['uploads'] = [x['Key'] for x in s3.list_multipart_uploads(Bucket='bkt3')['Uploads']]
out['parts'] = [x['Size'] for x in s3.list_parts(Bucket='bkt3', Key='mp', UploadId=u)['Parts']]
out['bad_order'] = err(lambda: s3.complete_multipart_upload(Bucket='bkt3', Key='mp', UploadId=u, MultipartUpload={'Parts':[{'PartNumber':2,'ETag':e2},{'PartNumber':1,'ETag':e1}]}))
out['bad_part'] = err(lambda: s3.complete_multipart_upload(Bucket='bkt3', Key='mp', UploadId=u, MultipartUpload={'Parts':[{'PartNumber':1,'ETag':e2}]}))
c = s3.complete_multipart_upload(Bucket='bkt3', Key='mp', UploadId=u, MultipartUpload={'Parts':[{'PartNumber':1,'ETag':e1},{'PartNumber':2,'ETag':e2}]})
want = hashlib.md5(hashlib.md5(b'a'*(5*1024*1024)).digest() + hashlib.md5(b'0123').digest()).hexdigest() + '-2'
out['mp_etag'] = c['ETag'] == '"' + want + '"'
h = s3.head_object(Bucket='bkt3', Key='mp')
out['mp_head'] = [h['ContentLength'], h['Metadata']]
out['gone_upload'] = err(lambda: s3.list_parts(Bucket='bkt3', Key='mp', UploadId=u))
mp2 = s3.create_multipart_upload(Bucket='bkt3', Key='small')
t1 = s3.upload_part(Bucket='bkt3', Key='small', UploadId=mp2['UploadId'], PartNumber=1, Body=b'tiny')['ETag']
t2 = s3.upload_part(Bucket='bkt3', Key='small', UploadId=mp2['UploadId'], PartNumber=2, Body=b'tiny')['ETag']
out['too_small'] = err(lambda: s3.complete_multipart_upload(Bucket='bkt3', Key='small', UploadId=mp2['UploadId'], MultipartUpload={'Parts':[{'PartNumber':1,'ETag':t1},{'PartNumber':2,'ETag':t2}]}))
s3.abort_multipart_upload(Bucket='bkt3', Key='small', UploadId=mp2['UploadId'])
out['aborted'] = err(lambda: s3.abort_multipart_upload(Bucket='bkt3', Key='small', UploadId=mp2['UploadId']))
out['not_empty'] = err(lambda: s3.delete_bucket(Bucket='bkt3'))
dl = s3.delete_objects(Bucket='bkt3', Delete={'Objects':[{'Key':k} for k in ['k','copy','mp','m'] + keys + ['dir/sub/a b+c.txt']]})
out['deleted'] = len(dl['Deleted'])
s3.delete_bucket(Bucket='bkt3')
out['deleted_bucket'] = err(lambda: s3.head_bucket(Bucket='bkt3'))
print(json.dumps(out))`,
    creds,
  );
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!);
  assert.equal(out.again_us_east_1, 'OK');
  assert.deepEqual(out.bad_name, ['InvalidBucketName', 400]);
  assert.deepEqual(out.eu_no_constraint, ['IllegalLocationConstraintException', 400]);
  assert.deepEqual(out.eu_again, ['BucketAlreadyOwnedByYou', 409]);
  assert.equal(out.eu_location, 'eu-west-1');
  assert.equal(out.etag, `"${createHash('md5').update('0123456789').digest('hex')}"`);
  assert.equal(out.sha256, true);
  assert.deepEqual(out.get, ['0123456789', 'text/plain', { owner: 'me' }, true]);
  assert.deepEqual(out.range, ['234', '789']);
  assert.deepEqual(out.range_416, ['InvalidRange', 416]);
  assert.deepEqual(out.if_none_match, ['304', 304]);
  assert.deepEqual(out.if_match_bad, ['PreconditionFailed', 412]);
  assert.deepEqual(out.if_modified_since, ['304', 304]);
  assert.deepEqual(out.if_unmodified_since, ['PreconditionFailed', 412]);
  assert.deepEqual(out.head_missing, ['404', 404]);
  assert.deepEqual(out.no_bucket, ['NoSuchBucket', 404]);
  assert.deepEqual(out.bad_md5, ['BadDigest', 400]);
  assert.deepEqual(out.bad_crc, ['BadDigest', 400]);
  assert.deepEqual(out.if_none_match_put, ['PreconditionFailed', 412]);
  assert.equal(out.paged[0], 3);
  assert.deepEqual(out.paged[1], [
    'dir/0.txt',
    'dir/1.txt',
    'dir/2.txt',
    'dir/3.txt',
    'dir/4.txt',
    'dir/5.txt',
    'dir/6.txt',
    'dir/sub/a b+c.txt',
  ]);
  assert.deepEqual(out.delimited, [['dir/5.txt', 'dir/6.txt'], ['dir/sub/'], 3]);
  assert.deepEqual(out.v1, ['dir/sub/a b+c.txt']);
  // boto3 decodes encoding-type=url only when it asked for it itself; here the raw value shows.
  assert.equal(out.url_encoded, 'dir/sub/a%20b%2Bc.txt');
  assert.deepEqual(out.copy, ['0123456789', { owner: 'me' }]);
  assert.deepEqual(out.copy_replace, { new: '1' });
  assert.deepEqual(out.copy_self, ['InvalidRequest', 400]);
  assert.deepEqual(out.tags, [{ Key: 'team', Value: 'blue' }]);
  assert.deepEqual(out.uploads, ['mp']);
  assert.deepEqual(out.parts, [5 * 1024 * 1024, 4]);
  assert.deepEqual(out.bad_order, ['InvalidPartOrder', 400]);
  assert.deepEqual(out.bad_part, ['InvalidPart', 400]);
  assert.equal(out.mp_etag, true);
  assert.deepEqual(out.mp_head, [5 * 1024 * 1024 + 4, { m: '1' }]);
  assert.deepEqual(out.gone_upload, ['NoSuchUpload', 404]);
  assert.deepEqual(out.too_small, ['EntityTooSmall', 400]);
  assert.deepEqual(out.aborted, ['NoSuchUpload', 404]);
  assert.deepEqual(out.not_empty, ['BucketNotEmpty', 409]);
  assert.equal(out.deleted, 13);
  assert.deepEqual(out.deleted_bucket, ['404', 404]);
});

test('aws-chunked uploads: every chunk signature verified while streaming; a bad chunk stores nothing', async () => {
  assert.equal((await signed('PUT', '/chunky')).status, 200);
  const data = randomBytes(200_000);
  const amzDate = new Date();
  const iso = amzDate
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const headers = {
    'content-encoding': 'aws-chunked',
    'x-amz-decoded-content-length': String(data.length),
  };
  // The seed signature is the Authorization header's; sign first, then chunk with it.
  const host = new URL(s.url).host;
  const seed = signRequest(
    { method: 'PUT', path: '/chunky/obj', headers: { host, ...headers } },
    { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    { region: 'us-east-1', service: 's3', date: amzDate, payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' },
  );
  const seedSig = /Signature=([0-9a-f]{64})/.exec(seed.headers.authorization!)![1]!;
  const signing = {
    key: deriveSigningKey(s.secretAccessKey, iso.slice(0, 8), 'us-east-1', 's3'),
    amzDate: iso,
    scope: `${iso.slice(0, 8)}/us-east-1/s3/aws4_request`,
    seedSignature: seedSig,
  };
  const send = (body: Buffer) => {
    const h = { ...seed.headers } as Record<string, string>;
    delete h.host;
    return fetch(`${s.url}/chunky/obj`, { method: 'PUT', headers: h, body });
  };
  const good = encodeSignedChunks(data, 65536, signing);
  const bad = Buffer.from(good);
  bad[good.length - 200] ^= 0xff; // inside the last data chunk
  const rb = await send(bad);
  assert.equal(rb.status, 403);
  assert.match(await rb.text(), /<Code>SignatureDoesNotMatch<\/Code>/);
  assert.equal((await signed('HEAD', '/chunky/obj')).status, 404, 'nothing stored from a bad upload');
  const rg = await send(good);
  assert.equal(rg.status, 200, await rg.text());
  assert.equal(rg.headers.get('etag'), `"${createHash('md5').update(data).digest('hex')}"`);
  const got = await fetch(`${s.url}/chunky/obj`, {
    headers: (() => {
      const h = {
        ...signRequest(
          { method: 'GET', path: '/chunky/obj', headers: { host } },
          { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
          { region: 'us-east-1', service: 's3' },
        ).headers,
      } as Record<string, string>;
      delete h.host;
      return h;
    })(),
  });
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(data));
});

test("S3's authentication errors: RequestTimeTooSkewed, SignatureDoesNotMatch fields, InvalidAccessKeyId, payload hash", async () => {
  const skewed = await signed('GET', '/', { date: Date.now() - 20 * 60 * 1000 });
  assert.equal(skewed.status, 403);
  assert.match(
    skewed.text,
    /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>RequestTimeTooSkewed<\/Code><Message>The difference between the request time and the current time is too large.<\/Message><RequestTime>\d{8}T\d{6}Z<\/RequestTime><ServerTime>[^<]+<\/ServerTime><MaxAllowedSkewMilliseconds>900000<\/MaxAllowedSkewMilliseconds><RequestId>[0-9A-F]{16}<\/RequestId><HostId>[^<]+<\/HostId><\/Error>$/,
  );
  const host = new URL(s.url).host;
  const sig = signRequest(
    { method: 'GET', path: '/', headers: { host } },
    { accessKeyId: s.accessKeyId, secretAccessKey: 'wrong' + s.secretAccessKey.slice(5) },
    { region: 'us-east-1', service: 's3' },
  );
  const h = { ...sig.headers } as Record<string, string>;
  delete h.host;
  const mismatch = await fetch(`${s.url}/`, { headers: h });
  const text = await mismatch.text();
  assert.equal(mismatch.status, 403);
  for (const f of [
    'AWSAccessKeyId',
    'StringToSign',
    'SignatureProvided',
    'StringToSignBytes',
    'CanonicalRequest',
    'CanonicalRequestBytes',
  ]) {
    assert.match(text, new RegExp(`<${f}>[^<]+</${f}>`), f);
  }
  const unknown = signRequest(
    { method: 'GET', path: '/', headers: { host } },
    { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40) },
    { region: 'us-east-1', service: 's3' },
  );
  const uh = { ...unknown.headers } as Record<string, string>;
  delete uh.host;
  const ur = await fetch(`${s.url}/`, { headers: uh });
  assert.equal(ur.status, 403);
  assert.match(
    await ur.text(),
    /<Code>InvalidAccessKeyId<\/Code><Message>The AWS Access Key Id you provided does not exist in our records.<\/Message><AWSAccessKeyId>AKIAUNKNOWNUNKNOWN00<\/AWSAccessKeyId>/,
  );
  assert.equal((await signed('PUT', '/hashes')).status, 200);
  const lie = await signed('PUT', '/hashes/o', {
    body: Buffer.from('real body'),
    payloadHash: createHash('sha256').update('other body').digest('hex'),
  });
  assert.equal(lie.status, 400);
  assert.match(lie.text, /<Code>XAmzContentSHA256Mismatch<\/Code>/);
  assert.equal((await signed('HEAD', '/hashes/o')).status, 404);
});

test('objects survive kill -9 once acknowledged (data dir)', async () => {
  const dir = tempDir();
  const srv = await startServer({ dataDir: dir, memory: false });
  const c = { url: srv.url, accessKeyId: srv.accessKeyId, secretAccessKey: srv.secretAccessKey };
  const r = python(
    `import boto3
s3 = boto3.client('s3')
s3.create_bucket(Bucket='durable')
for i in range(20):
    s3.put_object(Bucket='durable', Key=f'k{i}', Body=(b'%d' % i) * 1000)
print('ok')`,
    c,
  );
  assert.equal(r.status, 0, r.stderr);
  await srv.stop('SIGKILL');
  const again = await startServer({ dataDir: dir, memory: false });
  try {
    const g = python(
      `import boto3
s3 = boto3.client('s3')
print(all(s3.get_object(Bucket='durable', Key=f'k{i}')['Body'].read() == (b'%d' % i) * 1000 for i in range(20)))`,
      { ...c, url: again.url },
    );
    assert.equal(g.status, 0, g.stderr);
    assert.equal(g.stdout.trim(), 'True');
  } finally {
    await again.stop();
  }
});

test('s3 condition keys: s3:prefix, s3:max-keys, s3:ExistingObjectTag, s3:RequestObjectTag, s3:authType', () => {
  const r = python(
    `import boto3, botocore, json, urllib.request
iam = boto3.client('iam')
s3 = boto3.client('s3')
s3.create_bucket(Bucket='cond-bucket')
s3.put_object(Bucket='cond-bucket', Key='home/a.txt', Body=b'a', Tagging='team=blue')
s3.put_object(Bucket='cond-bucket', Key='home/b.txt', Body=b'b', Tagging='team=red')
pol = {'Version':'2012-10-17','Statement':[
  {'Effect':'Allow','Action':'s3:ListBucket','Resource':'arn:aws:s3:::cond-bucket','Condition':{'StringLike':{'s3:prefix':'home/*'},'NumericLessThanEquals':{'s3:max-keys':'100'}}},
  {'Effect':'Allow','Action':'s3:GetObject','Resource':'arn:aws:s3:::cond-bucket/*','Condition':{'StringEquals':{'s3:ExistingObjectTag/team':'blue'}}},
  {'Effect':'Allow','Action':['s3:PutObject','s3:PutObjectTagging'],'Resource':'arn:aws:s3:::cond-bucket/*','Condition':{'StringEquals':{'s3:RequestObjectTag/team':'blue'}}},
  {'Effect':'Deny','Action':'s3:GetObject','Resource':'*','Condition':{'StringEquals':{'s3:authType':'REST-QUERY-STRING'}}}]}
iam.create_user(UserName='cond')
iam.put_user_policy(UserName='cond', PolicyName='p', PolicyDocument=json.dumps(pol))
k = iam.create_access_key(UserName='cond')['AccessKey']
u = boto3.client('s3', aws_access_key_id=k['AccessKeyId'], aws_secret_access_key=k['SecretAccessKey'], config=boto3.session.Config(signature_version='s3v4'))
def code(f):
    try:
        f(); return 'OK'
    except botocore.exceptions.ClientError as e:
        return e.response['Error']['Code']
out = {
  'list_home': code(lambda: u.list_objects_v2(Bucket='cond-bucket', Prefix='home/', MaxKeys=10)),
  'list_root': code(lambda: u.list_objects_v2(Bucket='cond-bucket')),
  'list_many': code(lambda: u.list_objects_v2(Bucket='cond-bucket', Prefix='home/', MaxKeys=500)),
  'get_blue': code(lambda: u.get_object(Bucket='cond-bucket', Key='home/a.txt')),
  'get_red': code(lambda: u.get_object(Bucket='cond-bucket', Key='home/b.txt')),
  'put_blue': code(lambda: u.put_object(Bucket='cond-bucket', Key='home/c.txt', Body=b'c', Tagging='team=blue')),
  'put_untagged': code(lambda: u.put_object(Bucket='cond-bucket', Key='home/d.txt', Body=b'd')),
}
url = u.generate_presigned_url('get_object', Params={'Bucket':'cond-bucket','Key':'home/a.txt'}, ExpiresIn=60)
try:
    urllib.request.urlopen(url); out['presigned'] = 'OK'
except urllib.error.HTTPError as e:
    out['presigned'] = e.code
print(json.dumps(out))`,
    creds,
  );
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(JSON.parse(r.stdout.trim().split('\n').pop()!), {
    list_home: 'OK',
    list_root: 'AccessDenied',
    list_many: 'AccessDenied',
    get_blue: 'OK',
    get_red: 'AccessDenied',
    put_blue: 'OK',
    put_untagged: 'AccessDenied',
    presigned: 403,
  });
});
