// ListObjectsV2: prefix, delimiter, continuation-token, start-after, max-keys, encoding-type=url, fetch-owner;
// authorized as s3:ListBucket with s3:prefix, s3:delimiter and s3:max-keys.
import { defineS3Operation } from '../types.js';
import { invalidArgument } from '../../../wire/s3/errors.js';
import { xmlDocument, type XmlNode } from '../../../wire/s3/xml.js';
import { authorizeBucket } from '../authz.js';
import { keyEncoder, maxKeys, requireBucket } from '../common.js';
import { listObjects } from '../listing.js';
import { ownerId } from './ListBuckets.js';

export default defineS3Operation({
  name: 'ListObjectsV2',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    const q = call.query;
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const max = maxKeys(call);
    const enc = keyEncoder(call);
    authorizeBucket(call, b, 's3:ListBucket', {
      's3:prefix': prefix,
      ...(delimiter && { 's3:delimiter': delimiter }),
      's3:max-keys': max,
    });
    const token = q.get('continuation-token');
    let after = q.get('start-after') ?? '';
    if (token !== null) {
      const decoded = Buffer.from(token, 'base64url').toString('utf8');
      if (!token || !decoded.startsWith('k:')) {
        throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
      }
      after = decoded.slice(2);
    }
    const page = listObjects(call.ctx.env.store, b.name, { prefix, delimiter, after, maxKeys: max });
    const fetchOwner = q.get('fetch-owner') === 'true';
    const nodes: XmlNode[] = [
      ['Name', b.name],
      ['Prefix', enc(prefix)],
      ...(delimiter ? ([['Delimiter', enc(delimiter)]] as XmlNode[]) : []),
      ['MaxKeys', max],
      ...(q.get('encoding-type') ? ([['EncodingType', 'url']] as XmlNode[]) : []),
      ['KeyCount', page.contents.length + page.commonPrefixes.length],
      ['IsTruncated', page.truncated],
      ...(token !== null ? ([['ContinuationToken', token]] as XmlNode[]) : []),
      ...(page.truncated && page.last !== undefined
        ? ([['NextContinuationToken', Buffer.from('k:' + page.last).toString('base64url')]] as XmlNode[])
        : []),
      ...(q.get('start-after') !== null ? ([['StartAfter', enc(q.get('start-after')!)]] as XmlNode[]) : []),
      ...page.contents.map((o): XmlNode => [
        'Contents',
        [
          ['Key', enc(o.key)],
          ['LastModified', new Date(o.lastModified)],
          ['ETag', o.etag],
          ...(o.checksum ? ([['ChecksumAlgorithm', o.checksum.algorithm]] as XmlNode[]) : []),
          ['Size', o.size],
          ...(fetchOwner
            ? ([
                [
                  'Owner',
                  [
                    ['ID', ownerId(b.owner)],
                    ['DisplayName', 'rolechain'],
                  ],
                ],
              ] as XmlNode[])
            : []),
          ['StorageClass', 'STANDARD'],
        ],
      ]),
      ...page.commonPrefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', enc(p)]]]),
    ];
    return { body: xmlDocument('ListBucketResult', nodes) };
  },
});
