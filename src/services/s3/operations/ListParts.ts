// ListParts: max-parts (≤ 1000), part-number-marker.
import { defineS3Operation } from '../types.js';
import { xmlDocument, type XmlNode } from '../../../wire/s3/xml.js';
import { authorizeObject } from '../authz.js';
import { maxKeys, requireBucket } from '../common.js';
import { listParts, requireUpload } from '../multipart.js';
import { ownerId } from './ListBuckets.js';

export default defineS3Operation({
  name: 'ListParts',
  readOnly: true,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    authorizeObject(call, b, 's3:ListMultipartUploadParts', key);
    const u = requireUpload(call, b.name, key);
    const max = maxKeys(call, 'max-parts');
    const marker = Number(call.query.get('part-number-marker') ?? 0) || 0;
    const all = listParts(call, b.name, u.uploadId).filter((p) => p.partNumber > marker);
    const page = all.slice(0, max);
    const truncated = all.length > page.length;
    const nodes: XmlNode[] = [
      ['Bucket', b.name],
      ['Key', key],
      ['UploadId', u.uploadId],
      [
        'Initiator',
        [
          ['ID', u.initiatorArn],
          ['DisplayName', u.initiatorId],
        ],
      ],
      [
        'Owner',
        [
          ['ID', ownerId(u.owner)],
          ['DisplayName', 'rolechain'],
        ],
      ],
      ['StorageClass', 'STANDARD'],
      ['PartNumberMarker', marker],
      ['NextPartNumberMarker', page.length ? page[page.length - 1]!.partNumber : marker],
      ['MaxParts', max],
      ['IsTruncated', truncated],
      ...(u.checksumAlgorithm ? ([['ChecksumAlgorithm', u.checksumAlgorithm]] as XmlNode[]) : []),
      ...page.map((p): XmlNode => [
        'Part',
        [
          ['PartNumber', p.partNumber],
          ['LastModified', new Date(p.lastModified)],
          ['ETag', p.etag],
          ['Size', p.size],
          ...(p.checksum && u.checksumAlgorithm
            ? ([[`Checksum${u.checksumAlgorithm}`, p.checksum]] as XmlNode[])
            : []),
        ],
      ]),
    ];
    return { body: xmlDocument('ListPartsResult', nodes) };
  },
});
