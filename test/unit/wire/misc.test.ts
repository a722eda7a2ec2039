import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  headersFromRaw,
  nodeHeadersIfSame,
  modelError,
  loadModel,
  codecFor,
  escapeXml,
  parseAmzDate,
  formatAmzDate,
  SERVICE_NAMES,
} from '../../../src/wire/index.js';
import { parseFormParams } from '../../../src/wire/query/params.js';
import { isRegionName } from '../../../src/wire/sigv4/index.js';

test('headersFromRaw lower-cases names and joins repeats with ","', () => {
  assert.deepEqual(headersFromRaw(['Host', 'h', 'X-A', '1', 'x-a', '2']), { host: 'h', 'x-a': '1,2' });
});

test('modelError takes code and status from the model', () => {
  const iam = loadModel('iam');
  const e = modelError(iam, 'NoSuchEntityException', 'The role with name r cannot be found.');
  assert.equal(e.code, 'NoSuchEntity');
  assert.equal(e.status, 404);
  assert.equal(e.senderFault, true);
  const orgs = loadModel('organizations');
  assert.equal(
    modelError(orgs, 'AWSOrganizationsNotInUseException', 'x').code,
    'AWSOrganizationsNotInUseException',
  );
  assert.throws(() => modelError(iam, 'NoSuchShape', 'x'));
});

test('every vendored model loads, has a protocol and a codec (S3 rest-xml excepted)', () => {
  for (const s of SERVICE_NAMES) {
    const m = loadModel(s);
    assert.ok(Object.keys(m.operations).length > 0, s);
    assert.equal(loadModel(s), m, 'cached');
    if (s !== 's3') assert.ok(codecFor(m));
  }
  assert.equal(loadModel('sts').signingName, 'sts');
  assert.equal(loadModel('organizations').metadata.targetPrefix, 'AWSOrganizationsV20161128');
  assert.equal(loadModel('iam').metadata.xmlNamespace, 'https://iam.amazonaws.com/doc/2010-05-08/');
});

test('JSON output: timestamps as epoch seconds, blobs base64', () => {
  const ct = loadModel('cloudtrail');
  const r = codecFor(ct).encodeResult(
    ct,
    'LookupEvents',
    { Events: [{ EventId: 'e', EventTime: new Date(Date.UTC(2026, 10, 21, 20, 0, 0, 500)) }] },
    'rid',
  );
  assert.equal(r.body, '{"Events":[{"EventId":"e","EventTime":1795291200.5}]}');
  assert.equal(r.headers['content-type'], 'application/x-amz-json-1.1');
});

test('EC2 envelope: declaration, namespace with trailing slash, requestId first, millisecond timestamps', () => {
  const ec2 = loadModel('ec2');
  const r = codecFor(ec2).encodeResult(
    ec2,
    'DescribeIamInstanceProfileAssociations',
    { IamInstanceProfileAssociations: [{ AssociationId: 'a', Timestamp: new Date(Date.UTC(2026, 10, 21)) }] },
    'rid',
  );
  assert.equal(
    r.body,
    '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeIamInstanceProfileAssociationsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>rid</requestId><iamInstanceProfileAssociationSet><item><associationId>a</associationId><timestamp>2026-11-21T00:00:00.000Z</timestamp></item></iamInstanceProfileAssociationSet></DescribeIamInstanceProfileAssociationsResponse>',
  );
});

test('XML escaping', () => {
  assert.equal(escapeXml(`a&b<c>"d"'e'\r`), "a&amp;b&lt;c&gt;&quot;d&quot;'e'&#xD;");
  assert.equal(escapeXml('plain'), 'plain');
});

test('form decoding: +, percent escapes, empty values, last wins', () => {
  const p = parseFormParams('a=1&b=x+y%2Bz&c&d=&a=2', 'e=%E2%82%AC');
  assert.deepEqual(Object.fromEntries(p), { a: '2', b: 'x y+z', c: '', d: '', e: '€' });
});

test('property: amz dates round-trip; impossible dates are rejected', () => {
  fc.assert(
    fc.property(
      fc.date({ min: new Date('1970-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }),
      (d) => {
        const t = Math.floor(d.getTime() / 1000) * 1000;
        assert.equal(parseAmzDate(formatAmzDate(t)), t);
      },
    ),
  );
  for (const bad of [
    '20261332T000000Z',
    '20260230T000000Z',
    '20261121T240000Z',
    '20261121T200000',
    '2026-11-21T20:00:00Z',
    '20250229T000000Z',
    '21000229T000000Z',
    '20261100T000000Z',
    '20261121T206000Z',
    '20261121T200060Z',
    '2026112aT200000Z',
    '20261121 200000Z',
    '+0261121T200000Z',
    '20261121T200000z',
    '20261121T2000000Z',
  ]) {
    assert.ok(Number.isNaN(parseAmzDate(bad)), bad);
    // The last-value memo must give the same answer the second time.
    assert.ok(Number.isNaN(parseAmzDate(bad)), bad);
  }
  assert.equal(parseAmzDate('20240229T235959Z'), Date.UTC(2024, 1, 29, 23, 59, 59));
  assert.equal(parseAmzDate('20000229T000000Z'), Date.UTC(2000, 1, 29));
  assert.equal(parseAmzDate('20261231T000000Z'), Date.UTC(2026, 11, 31));
  assert.equal(parseAmzDate('20261231T000000Z'), Date.UTC(2026, 11, 31));
});

test('isRegionName: AWS region names pass, anything else fails', () => {
  for (const r of [
    'us-east-1',
    'eu-central-2',
    'ap-southeast-5',
    'us-gov-west-1',
    'cn-northwest-1',
    'il-central-1',
  ])
    assert.equal(isRegionName(r), true, r);
  for (const r of ['', 'foo', 'US-EAST-1', 'us-east', 'us_east_1', 'us-east-1 ', 'us-east-123', '-east-1'])
    assert.equal(isRegionName(r), false, r);
});

test('headersFromRaw: a header named like an Object.prototype member is an ordinary header', () => {
  assert.deepEqual(headersFromRaw(['Constructor', 'a']), { constructor: 'a' });
  assert.deepEqual(headersFromRaw(['Constructor', 'a', 'constructor', 'b']), { constructor: 'a,b' });
});

test('canonicalHeaders: a signed name like an Object.prototype member that was not sent is empty', async () => {
  const { canonicalHeaders } = await import('../../../src/wire/sigv4/canonical.js');
  assert.equal(canonicalHeaders(['constructor', 'host'], { host: 'h' }), 'constructor:\nhost:h\n');
  assert.equal(canonicalHeaders(['tostring'], { tostring: ' a  b ' }), 'tostring:a b\n');
});

test("nodeHeadersIfSame: Node's req.headers is reused only when it says what headersFromRaw would", async () => {
  const { createServer } = await import('node:http');
  const { connect } = await import('node:net');
  const seen: { same: boolean; ours: Record<string, string> }[] = [];
  const server = createServer((req, res) => {
    const reused = nodeHeadersIfSame(req.headers, req.rawHeaders);
    const ours = headersFromRaw(req.rawHeaders);
    if (reused) assert.deepEqual({ ...reused }, ours);
    seen.push({ same: reused !== undefined, ours });
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  // Raw requests: Node's client would merge or refuse some of these headers itself.
  const send = (headerLines: string) =>
    new Promise<void>((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () =>
        s.end(`GET / HTTP/1.1\r\nHost: h\r\n${headerLines}Connection: close\r\n\r\n`),
      );
      s.on('data', () => {});
      s.on('end', resolve);
      s.on('error', reject);
    });
  try {
    await send('X-One: a\r\nX-Two: b\r\n');
    await send('X-One: a\r\nx-one: b\r\n'); // repeated: Node joins with ', ', SigV4 with ','
    await send('Set-Cookie: c\r\n'); // Node makes set-cookie an array
  } finally {
    server.close();
  }
  assert.deepEqual(
    seen.map((s) => s.same),
    [true, false, false],
  );
  assert.equal(seen[1]!.ours['x-one'], 'a,b');
});
