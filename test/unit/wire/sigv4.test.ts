import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import {
  verifySigV4,
  verifySigV4Async,
  signRequest,
  presignRequest,
  parseSigV4,
  SigningKeyCache,
  HmacSha256,
  canonicalUri,
  canonicalQuery,
  type SigV4Request,
} from '../../../src/wire/sigv4/index.js';
import { AwsError } from '../../../src/wire/errors.js';
import { AKID, SECRET, T0, smithyPresign, smithySign } from './sigv4-helpers.js';

const lookup = (id: string) => (id === AKID ? { secretAccessKey: SECRET, user: 'alice' } : undefined);
const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };

function expectAwsError(fn: () => unknown, code: string, status: number, message?: string | RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof AwsError, `not an AwsError: ${String(e)}`);
    assert.equal(e.code, code);
    assert.equal(e.status, status);
    if (typeof message === 'string') assert.equal(e.message, message);
    else if (message) assert.match(e.message, message);
    return true;
  });
}

test('verifies a smithy-signed STS POST and returns the identity', async () => {
  const req = await smithySign({ headers: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
  const id = verifySigV4(req, lookup, { now: T0, service: 'sts' });
  assert.equal(id.accessKeyId, AKID);
  assert.equal(id.region, 'us-east-1');
  assert.equal(id.service, 'sts');
  assert.equal(id.signedAt, T0);
  assert.equal(id.presigned, false);
  assert.equal(id.credential.user, 'alice');
  assert.equal(id.sessionToken, undefined);
});

test('async verify with a promise-returning lookup', async () => {
  const req = await smithySign({ headers: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
  const id = await verifySigV4Async(req, async (k) => lookup(k), { now: T0 });
  assert.equal(id.accessKeyId, AKID);
});

test('session token is passed to the lookup and returned', async () => {
  const req = await smithySign({ headers: FORM, body: 'Action=GetCallerIdentity', sessionToken: 'tok/en+=' });
  let seen: string | undefined;
  const id = verifySigV4(
    req,
    (k, t) => {
      seen = t;
      return lookup(k);
    },
    { now: T0 },
  );
  assert.equal(seen, 'tok/en+=');
  assert.equal(id.sessionToken, 'tok/en+=');
});

// Paths, queries and headers that exercise every canonicalisation rule, each signed by smithy.
const CASES: { name: string; input: Parameters<typeof smithySign>[0] }[] = [
  {
    name: 'GET with sorted/unsorted query',
    input: { method: 'GET', query: { b: '2', a: '1', Action: 'ListUsers' } },
  },
  { name: 'repeated query keys', input: { method: 'GET', query: { k: ['z', 'a', 'm'], a: 'x' } } },
  {
    name: 'odd characters in query',
    input: { method: 'GET', query: { 'a b': 'c d', 'e/f': "~!*()'", u: 'ü€' } },
  },
  { name: 'empty query value', input: { method: 'GET', query: { empty: '' } } },
  {
    name: 'odd path (non-S3: normalised, double-encoded)',
    input: { method: 'GET', path: '/a%20b/c%2Fd/./e/../f' },
  },
  { name: 'path with double slashes', input: { method: 'GET', path: '//example//' } },
  { name: 'trailing slash', input: { method: 'GET', path: '/foo/' } },
  { name: 'unicode path', input: { method: 'GET', path: '/%E1%88%B4' } },
  {
    name: 'header folding and trimming',
    input: { headers: { 'X-Amz-Meta-A': '  a   b \t c  ', 'My-Header': 'v1,  v2' }, body: 'x=1' },
  },
  { name: 'JSON body', input: { service: 'organizations', headers: { 'x-amz-target': 'X.Y' }, body: '{}' } },
  { name: 'other region', input: { region: 'eu-west-3', service: 'ec2', body: 'Action=DescribeInstances' } },
  {
    name: 'S3 path not normalised',
    input: { service: 's3', method: 'GET', path: '/bucket/a%20b/./c//d', body: '' },
  },
  {
    name: 'S3 key with odd chars',
    input: { service: 's3', method: 'PUT', path: '/b/k%21%27%28%29%2A~', body: 'data' },
  },
];

for (const c of CASES) {
  test(`smithy-signed (header): ${c.name}`, async () => {
    const req = await smithySign(c.input);
    const s3 = c.input.service === 's3';
    verifySigV4(req, lookup, { now: T0, s3 });
    // Tampering with the body, query or a signed header must fail.
    const tampered: SigV4Request = { ...req, headers: { ...req.headers, 'x-amz-date': '20261121T200001Z' } };
    expectAwsError(() => verifySigV4(tampered, lookup, { now: T0, s3 }), 'SignatureDoesNotMatch', 403);
  });
  test(`smithy-presigned (query): ${c.name}`, async () => {
    const req = await smithyPresign({ ...c.input, expiresIn: 300 });
    const s3 = c.input.service === 's3';
    const id = verifySigV4(req, lookup, { now: T0 + 1000, s3 });
    assert.equal(id.presigned, true);
  });
}

test('our signer agrees with smithy (header form): smithy verifies ours, we verify both identically', async () => {
  const base = {
    method: 'POST',
    path: '/',
    rawQuery: 'b=2&a=1',
    headers: { host: 'sts.amazonaws.com', ...FORM },
    body: 'Action=GetCallerIdentity',
  };
  const ours = signRequest(
    base,
    { accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: 'T' },
    { region: 'us-east-1', service: 'sts', date: T0 },
  );
  const theirs = await smithySign({
    query: { b: '2', a: '1' },
    headers: FORM,
    body: 'Action=GetCallerIdentity',
    sessionToken: 'T',
  });
  assert.equal(ours.headers['authorization'], theirs.headers['authorization']);
  verifySigV4({ ...base, headers: ours.headers }, lookup, { now: T0 });
});

test('our signer agrees with smithy (presigned form)', async () => {
  const base = {
    method: 'GET',
    path: '/',
    rawQuery: 'Action=GetCallerIdentity&Version=2011-06-15',
    headers: { host: 'sts.amazonaws.com' },
  };
  const ours = presignRequest(
    base,
    { accessKeyId: AKID, secretAccessKey: SECRET },
    { region: 'us-east-1', service: 'sts', date: T0, expiresIn: 900 },
  );
  const theirs = await smithyPresign({
    method: 'GET',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    expiresIn: 900,
  });
  const sig = (q: string) => /X-Amz-Signature=([0-9a-f]+)/.exec(q)![1];
  assert.equal(sig(ours), sig(theirs.rawQuery));
  verifySigV4({ ...base, rawQuery: ours, body: '' }, lookup, { now: T0 });
});

test('our S3 signer agrees with smithy, with UNSIGNED-PAYLOAD and a body hash', async () => {
  for (const unsigned of [false, true]) {
    const headers = {
      host: 's3.amazonaws.com',
      ...(unsigned ? { 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } : {}),
    };
    const theirs = await smithySign({
      service: 's3',
      method: 'PUT',
      path: '/b/key%20x',
      headers,
      body: 'hello',
    });
    const ours = signRequest(
      { method: 'PUT', path: '/b/key%20x', headers: { host: 's3.amazonaws.com' }, body: 'hello' },
      { accessKeyId: AKID, secretAccessKey: SECRET },
      { region: 'us-east-1', service: 's3', date: T0, unsignedPayload: unsigned },
    );
    assert.equal(ours.headers['authorization'], theirs.headers['authorization']);
    verifySigV4(theirs, lookup, { now: T0, s3: true });
  }
});

test("property: smithy-signed random queries and paths always verify; our signature equals smithy's", async () => {
  const str = fc.string({ unit: 'grapheme', maxLength: 8 });
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }), str, { maxKeys: 4 }),
      fc.array(fc.stringMatching(/^[a-z0-9 %._~!-]{0,5}$/), { maxLength: 3 }),
      async (query, segs) => {
        const path = '/' + segs.map((s) => encodeURIComponent(s)).join('/');
        const req = await smithySign({ method: 'GET', query, path });
        verifySigV4(req, lookup, { now: T0 });
        const ours = signRequest(
          { method: 'GET', path, rawQuery: req.rawQuery, headers: { host: 'sts.amazonaws.com' } },
          { accessKeyId: AKID, secretAccessKey: SECRET },
          { region: 'us-east-1', service: 'sts', date: T0 },
        );
        assert.equal(ours.headers['authorization'], req.headers['authorization']);
      },
    ),
    { numRuns: 150 },
  );
});

// ---- AWS SigV4 test suite cases, re-created (aws-sig-v4-test-suite: service "service", region us-east-1,
// date 20150830T123600Z, the suite's example key). Canonical pieces are checked directly.
test('aws-sig-v4-test-suite: get-vanilla signature', () => {
  const req: SigV4Request = {
    method: 'GET',
    path: '/',
    rawQuery: '',
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    },
    body: '',
  };
  const id = verifySigV4(req, () => ({ secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }), {
    now: Date.UTC(2015, 7, 30, 12, 36),
  });
  assert.equal(id.accessKeyId, 'AKIDEXAMPLE');
});

test('aws-sig-v4-test-suite: canonical URI normalisation cases', () => {
  const t: [string, string][] = [
    ['/example/..', '/'],
    ['/./', '/'],
    ['/example1/example2/../..', '/'],
    ['//example//', '/example/'],
    ['/example space/', '/example%20space/'],
    ['/./example', '/example'],
    [
      '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
      '/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    ],
    ['/%E1%88%B4', '/%25E1%2588%25B4'],
    ['', '/'],
  ];
  for (const [raw, want] of t) assert.equal(canonicalUri(raw, false), want, raw);
  assert.equal(canonicalUri('/a//b/./c', true), '/a//b/./c');
  assert.equal(canonicalUri('/a%7Eb%20c', true), '/a~b%20c');
});

test('aws-sig-v4-test-suite: canonical query cases', () => {
  assert.equal(canonicalQuery('Param2=value2&Param1=value1'), 'Param1=value1&Param2=value2');
  assert.equal(canonicalQuery('Param1=value2&Param1=Value1'), 'Param1=Value1&Param1=value2');
  assert.equal(canonicalQuery('Param1=value1&Param1=value1'), 'Param1=value1&Param1=value1');
  assert.equal(
    canonicalQuery(
      '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
    ),
    '-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  );
  assert.equal(canonicalQuery('%E1%88%B4=bar'), '%E1%88%B4=bar');
  assert.equal(canonicalQuery('Param1=value1&Param2'), 'Param1=value1&Param2=');
  assert.equal(canonicalQuery('a=%7E&b=!'), 'a=~&b=%21');
});

// ---- errors, with AWS's exact codes, statuses and messages ----

test('no authentication at all: MissingAuthenticationToken 403', () => {
  expectAwsError(
    () =>
      verifySigV4(
        { method: 'POST', path: '/', rawQuery: '', headers: {}, body: 'Action=GetCallerIdentity' },
        lookup,
      ),
    'MissingAuthenticationToken',
    403,
    'Request is missing Authentication Token',
  );
});

test('incomplete Authorization header lists every missing part and echoes the header', () => {
  expectAwsError(
    () =>
      verifySigV4(
        { method: 'GET', path: '/', rawQuery: '', headers: { authorization: 'Bearer abc' }, body: '' },
        lookup,
      ),
    'IncompleteSignature',
    400,
    "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer abc",
  );
  const auth = 'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc';
  expectAwsError(
    () =>
      verifySigV4(
        {
          method: 'GET',
          path: '/',
          rawQuery: '',
          headers: { authorization: auth, 'x-amz-date': '20261121T200000Z' },
          body: '',
        },
        lookup,
      ),
    'IncompleteSignature',
    400,
    `Authorization header requires 'Credential' parameter. Authorization=${auth}`,
  );
});

test('malformed credential: IncompleteSignature', () => {
  const auth = 'AWS4-HMAC-SHA256 Credential=AKID/20261121/us-east-1, SignedHeaders=host, Signature=abc';
  expectAwsError(
    () =>
      verifySigV4(
        {
          method: 'GET',
          path: '/',
          rawQuery: '',
          headers: { authorization: auth, 'x-amz-date': '20261121T200000Z' },
          body: '',
        },
        lookup,
      ),
    'IncompleteSignature',
    400,
    "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKID/20261121/us-east-1'",
  );
});

test('credential scope checks: service, region, terminator, date', async () => {
  const req = await smithySign({ body: 'Action=GetCallerIdentity', region: 'us-west-2' });
  expectAwsError(
    () => verifySigV4(req, lookup, { now: T0, service: 'iam' }),
    'SignatureDoesNotMatch',
    403,
    "Credential should be scoped to correct service: 'iam'. ",
  );
  expectAwsError(
    () => verifySigV4(req, lookup, { now: T0, isValidRegion: (r) => r === 'us-east-1' }),
    'SignatureDoesNotMatch',
    403,
    "Credential should be scoped to a valid region, not 'us-west-2'. ",
  );
  const wrongDate = { ...req, headers: { ...req.headers, 'x-amz-date': '20261122T000000Z' } };
  expectAwsError(
    () => verifySigV4(wrongDate, lookup, { now: T0 }),
    'SignatureDoesNotMatch',
    403,
    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261121' != '20261122', from '20261122T000000Z'.",
  );
  const badTerm = {
    ...req,
    headers: {
      ...req.headers,
      authorization: req.headers['authorization']!.replace('aws4_request', 'aws5_request'),
    },
  };
  expectAwsError(
    () => verifySigV4(badTerm, lookup, { now: T0 }),
    'SignatureDoesNotMatch',
    403,
    "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. ",
  );
});

test('unknown access key: InvalidClientTokenId 403', async () => {
  const req = await smithySign({ body: 'Action=GetCallerIdentity' });
  expectAwsError(
    () => verifySigV4(req, () => undefined, { now: T0 }),
    'InvalidClientTokenId',
    403,
    'The security token included in the request is invalid.',
  );
});

test('wrong secret: SignatureDoesNotMatch 403 with the exact message; detailed variant shows canonical request', async () => {
  const req = await smithySign({ body: 'Action=GetCallerIdentity', secret: 'other' });
  expectAwsError(
    () => verifySigV4(req, lookup, { now: T0 }),
    'SignatureDoesNotMatch',
    403,
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  );
  expectAwsError(
    () => verifySigV4(req, lookup, { now: T0, detailedSignatureErrors: true }),
    'SignatureDoesNotMatch',
    403,
    /\n\nThe Canonical String for this request should have been\n'POST\n\/\n\nhost:sts\.amazonaws\.com\n[\s\S]*'\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20261121T200000Z\n20261121\/us-east-1\/sts\/aws4_request\n[0-9a-f]{64}'\n$/,
  );
});

test('a lookup may throw ExpiredToken for an expired session token', async () => {
  const { expiredToken } = await import('../../../src/wire/errors.js');
  const req = await smithySign({ body: 'Action=GetCallerIdentity', sessionToken: 'old' });
  expectAwsError(
    () =>
      verifySigV4(
        req,
        () => {
          throw expiredToken();
        },
        { now: T0 },
      ),
    'ExpiredToken',
    403,
    'The security token included in the request is expired',
  );
});

test('clock skew: 15 minutes either way, AWS wording', async () => {
  const req = await smithySign({ body: 'Action=GetCallerIdentity' });
  verifySigV4(req, lookup, { now: T0 + 15 * 60_000 });
  verifySigV4(req, lookup, { now: T0 - 15 * 60_000 });
  expectAwsError(
    () => verifySigV4(req, lookup, { now: T0 + 20 * 60_000 }),
    'SignatureDoesNotMatch',
    403,
    'Signature expired: 20261121T200000Z is now earlier than 20261121T200500Z (20261121T202000Z - 15 min.)',
  );
  expectAwsError(
    () => verifySigV4(req, lookup, { now: T0 - 20 * 60_000 }),
    'SignatureDoesNotMatch',
    403,
    'Signature not yet current: 20261121T200000Z is still later than 20261121T195500Z (20261121T194000Z + 15 min.)',
  );
});

test('presigned expiry: X-Amz-Expires (capped at 15 minutes outside S3); S3 says AccessDenied', async () => {
  const req = await smithyPresign({ method: 'GET', query: { Action: 'GetCallerIdentity' }, expiresIn: 60 });
  verifySigV4(req, lookup, { now: T0 + 60_000 });
  expectAwsError(
    () => verifySigV4(req, lookup, { now: T0 + 61_000 }),
    'SignatureDoesNotMatch',
    403,
    'Signature expired: 20261121T200000Z is now earlier than 20261121T200001Z (20261121T200101Z - 1 min.)',
  );
  const s3 = await smithyPresign({ service: 's3', method: 'GET', path: '/b/k', expiresIn: 3600 });
  verifySigV4(s3, lookup, { now: T0 + 3600_000, s3: true });
  assert.throws(
    () => verifySigV4(s3, lookup, { now: T0 + 3601_000, s3: true }),
    (e: unknown) =>
      e instanceof AwsError &&
      e.code === 'AccessDenied' &&
      e.message === 'Request has expired' &&
      e.fields?.['ServerTime'] === '2026-11-21T21:00:01Z',
  );
});

test('presigned with missing parameters: IncompleteSignature listing each', () => {
  expectAwsError(
    () =>
      verifySigV4(
        {
          method: 'GET',
          path: '/',
          rawQuery: 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261121T200000Z',
          headers: { host: 'x' },
          body: '',
        },
        lookup,
      ),
    'IncompleteSignature',
    400,
    "AWS query-string parameters must include 'X-Amz-Credential'. AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.",
  );
});

test('S3 requires x-amz-content-sha256 and checks it against the body', async () => {
  const req = await smithySign({ service: 's3', method: 'PUT', path: '/b/k', body: 'hello' });
  expectAwsError(
    () => verifySigV4({ ...req, body: 'HELLO' }, lookup, { now: T0, s3: true }),
    'XAmzContentSHA256Mismatch',
    400,
  );
  const { 'x-amz-content-sha256': _drop, ...rest } = req.headers;
  expectAwsError(
    () => verifySigV4({ ...req, headers: rest }, lookup, { now: T0, s3: true }),
    'InvalidRequest',
    400,
    'Missing required header for this request: x-amz-content-sha256',
  );
});

test('a non-S3 body tampered after signing fails', async () => {
  const req = await smithySign({ body: 'Action=GetCallerIdentity' });
  expectAwsError(
    () => verifySigV4({ ...req, body: 'Action=GetCallerIdentitx' }, lookup, { now: T0 }),
    'SignatureDoesNotMatch',
    403,
  );
});

test('Date header instead of X-Amz-Date', () => {
  const date = new Date(T0).toUTCString();
  const headers: Record<string, string> = { host: 'sts.amazonaws.com', date };
  // Sign manually with Date: our canonical request puts the Date header's raw value in.
  const p0 = signRequest(
    { method: 'GET', path: '/', headers },
    { accessKeyId: AKID, secretAccessKey: SECRET },
    { region: 'us-east-1', service: 'sts', date: T0 },
  );
  assert.ok(p0.headers['authorization']);
  const { 'x-amz-date': _x, ...noAmz } = p0.headers;
  // Without x-amz-date but with a signed x-amz-date header it cannot verify: the signature covered it.
  expectAwsError(
    () =>
      verifySigV4({ method: 'GET', path: '/', rawQuery: '', headers: noAmz, body: '' }, lookup, { now: T0 }),
    'SignatureDoesNotMatch',
    403,
  );
  const parsed = parseSigV4({ method: 'GET', path: '/', rawQuery: '', headers: noAmz, body: '' });
  assert.equal(parsed.amzDate, '20261121T200000Z');
});

test('signing-key cache: one derivation per secret/date/region/service', async () => {
  const cache = new SigningKeyCache();
  const req = await smithySign({ body: 'Action=GetCallerIdentity' });
  for (let i = 0; i < 5; i++) verifySigV4(req, lookup, { now: T0, keyCache: cache });
  assert.equal(cache.misses, 1);
  assert.equal(cache.hits, 4);
  const small = new SigningKeyCache(2);
  small.get('a', '20261121', 'r', 's');
  small.get('b', '20261121', 'r', 's');
  small.get('c', '20261121', 'r', 's');
  assert.equal(small.size, 2);
});

test('property: HmacSha256 equals createHmac for any key and UTF-8 message', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 0, maxLength: 100 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
      (key, message) => {
        const k = Buffer.from(key);
        assert.equal(new HmacSha256(k).hex(message), createHmac('sha256', k).update(message).digest('hex'));
      },
    ),
  );
  // One key, messages of changing lengths (the scratch view is remade) and then a long one (it grows).
  const mac = new HmacSha256(Buffer.alloc(32, 7));
  for (const m of ['a', 'ab', 'a', 'x'.repeat(5000), 'é'.repeat(3000), 'a']) {
    assert.equal(mac.hex(m), createHmac('sha256', Buffer.alloc(32, 7)).update(m).digest('hex'));
  }
});

test('the signature must be the exact lower-case hex text: upper case, short, long or non-hex fail', async () => {
  const req = await smithySign({ headers: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
  const auth = req.headers['authorization']!;
  const sig = /Signature=([0-9a-f]{64})/.exec(auth)![1]!;
  assert.ok(verifySigV4(req, lookup, { now: T0 }));
  for (const bad of [
    sig.toUpperCase(),
    sig.slice(0, 63),
    sig + '0',
    sig.slice(0, 63) + 'g',
    sig.slice(0, 63) + 'ā',
  ]) {
    const tampered = { ...req, headers: { ...req.headers, authorization: auth.replace(sig, bad) } };
    expectAwsError(() => verifySigV4(tampered, lookup, { now: T0 }), 'SignatureDoesNotMatch', 403);
  }
});

test('consecutive requests sharing an Authorization prefix: each is still parsed and checked in full', async () => {
  const a = await smithySign({ headers: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15' });
  const b = await smithySign({ headers: FORM, body: 'Action=GetCallerIdentity&Version=2011-06-15&X=1' });
  const opts = { now: T0, service: 'sts' };
  // Same scope and signed headers, different bodies and signatures: both verify, in either order, repeatedly.
  for (const req of [a, b, a, b]) assert.equal(verifySigV4(req, lookup, opts).accessKeyId, AKID);
  // b's signature on a's body (same prefix) must fail.
  const sigB = /Signature=(\w+)/.exec(b.headers['authorization']!)![1]!;
  const swapped = {
    ...a,
    headers: {
      ...a.headers,
      authorization: a.headers['authorization']!.replace(/Signature=\w+/, `Signature=${sigB}`),
    },
  };
  expectAwsError(() => verifySigV4(swapped, lookup, opts), 'SignatureDoesNotMatch', 403);
  // The scope is checked against each call's options, not the ones it was first parsed with.
  verifySigV4(a, lookup, opts);
  expectAwsError(
    () => verifySigV4(a, lookup, { now: T0, service: 'iam' }),
    'SignatureDoesNotMatch',
    403,
    /scoped to correct service: 'iam'/,
  );
  // The credential date is checked against each request's own X-Amz-Date.
  verifySigV4(a, lookup, opts);
  const nextDay = { ...a, headers: { ...a.headers, 'x-amz-date': '20130525T000000Z' } };
  expectAwsError(() => parseSigV4(nextDay, opts), 'SignatureDoesNotMatch', 403, /Date in Credential scope/);
  // An empty final Signature, or none at all, is refused as for any first request.
  verifySigV4(a, lookup, opts);
  const empty = {
    ...a,
    headers: {
      ...a.headers,
      authorization: a.headers['authorization']!.replace(/Signature=\w+/, 'Signature='),
    },
  };
  expectAwsError(() => parseSigV4(empty, opts), 'IncompleteSignature', 400, /requires 'Signature' parameter/);
  const noDate = { ...a, headers: { ...a.headers } };
  delete noDate.headers['x-amz-date'];
  expectAwsError(
    () => parseSigV4(noDate, opts),
    'IncompleteSignature',
    400,
    /'X-Amz-Date' or a 'Date' header/,
  );
  // A parsed result's shared parts cannot be changed by a caller.
  const p = parseSigV4(a, opts);
  assert.throws(() => p.signedHeaders.push('x'));
});
