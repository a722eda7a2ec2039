// ListMultipartUploads: uploads in progress, by key then initiation; prefix, key-marker, max-uploads.
import { defineS3Operation } from '../types.js';
import { xmlDocument, type XmlNode } from '../../../wire/s3/xml.js';
import { authorizeBucket } from '../authz.js';
import { maxKeys, requireBucket } from '../common.js';
import { S3_KIND, type UploadRecord } from '../model.js';
import { ownerId } from './ListBuckets.js';

export default defineS3Operation({
  name: 'ListMultipartUploads',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const b = requireBucket(call);
    authorizeBucket(call, b, 's3:ListBucketMultipartUploads');
    const q = call.query;
    const prefix = q.get('prefix') ?? '';
    const keyMarker = q.get('key-marker') ?? '';
    const max = maxKeys(call, 'max-uploads');
    const all = call.ctx.env.store
      .list<UploadRecord>(S3_KIND.upload, b.name)
      .map((r) => r.data)
      .filter((u) => u.key.startsWith(prefix) && (!keyMarker || u.key > keyMarker))
      .sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.initiated < y.initiated ? -1 : 1));
    const page = all.slice(0, max);
    const truncated = all.length > page.length;
    const last = page[page.length - 1];
    const nodes: XmlNode[] = [
      ['Bucket', b.name],
      ['KeyMarker', keyMarker],
      ['UploadIdMarker', q.get('upload-id-marker') ?? ''],
      ...(truncated && last
        ? ([
            ['NextKeyMarker', last.key],
            ['NextUploadIdMarker', last.uploadId],
          ] as XmlNode[])
        : []),
      ['Prefix', prefix],
      ['MaxUploads', max],
      ['IsTruncated', truncated],
      ...page.map((u): XmlNode => [
        'Upload',
        [
          ['Key', u.key],
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
          ['Initiated', new Date(u.initiated)],
        ],
      ]),
    ];
    return { body: xmlDocument('ListMultipartUploadsResult', nodes) };
  },
});
