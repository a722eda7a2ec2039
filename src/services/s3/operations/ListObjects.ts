// ListObjects (v1): marker paging; NextMarker only with a delimiter, as S3 sends it.
import { defineS3Operation } from '../types.js';
import { xmlDocument, type XmlNode } from '../../../wire/s3/xml.js';
import { authorizeBucket } from '../authz.js';
import { keyEncoder, maxKeys, requireBucket } from '../common.js';
import { listObjects } from '../listing.js';
import { ownerId } from './ListBuckets.js';

export default defineS3Operation({
  name: 'ListObjects',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    const q = call.query;
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const marker = q.get('marker') ?? '';
    const max = maxKeys(call);
    const enc = keyEncoder(call);
    authorizeBucket(call, b, 's3:ListBucket', {
      's3:prefix': prefix,
      ...(delimiter && { 's3:delimiter': delimiter }),
      's3:max-keys': max,
    });
    const page = listObjects(call.ctx.env.store, b.name, { prefix, delimiter, after: marker, maxKeys: max });
    const nodes: XmlNode[] = [
      ['Name', b.name],
      ['Prefix', enc(prefix)],
      ['Marker', enc(marker)],
      ...(page.truncated && delimiter && page.last !== undefined
        ? ([['NextMarker', enc(page.last)]] as XmlNode[])
        : []),
      ['MaxKeys', max],
      ...(delimiter ? ([['Delimiter', enc(delimiter)]] as XmlNode[]) : []),
      ...(q.get('encoding-type') ? ([['EncodingType', 'url']] as XmlNode[]) : []),
      ['IsTruncated', page.truncated],
      ...page.contents.map((o): XmlNode => [
        'Contents',
        [
          ['Key', enc(o.key)],
          ['LastModified', new Date(o.lastModified)],
          ['ETag', o.etag],
          ['Size', o.size],
          [
            'Owner',
            [
              ['ID', ownerId(b.owner)],
              ['DisplayName', 'rolechain'],
            ],
          ],
          ['StorageClass', 'STANDARD'],
        ],
      ]),
      ...page.commonPrefixes.map((p): XmlNode => ['CommonPrefixes', [['Prefix', enc(p)]]]),
    ];
    return { body: xmlDocument('ListBucketResult', nodes) };
  },
});
