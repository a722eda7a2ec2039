// ListBuckets: the caller's account's buckets (s3:ListAllMyBuckets).
import { defineS3Operation } from '../types.js';
import { xmlDocument } from '../../../wire/s3/xml.js';
import { authorizeS3 } from '../authz.js';
import { BUCKET_SCOPE, S3_KIND, type BucketRecord } from '../model.js';

export default defineS3Operation({
  name: 'ListBuckets',
  readOnly: true,
  dataEvent: false,
  async handler(call) {
    const caller = call.ctx.caller;
    authorizeS3(call, { action: 's3:ListAllMyBuckets', resource: '*' });
    const buckets = call.ctx.env.store
      .list<BucketRecord>(S3_KIND.bucket, BUCKET_SCOPE)
      .map((r) => r.data)
      .filter((b) => b.owner === caller.accountId)
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    return {
      body: xmlDocument('ListAllMyBucketsResult', [
        [
          'Owner',
          [
            ['ID', ownerId(caller.accountId)],
            ['DisplayName', 'rolechain'],
          ],
        ],
        [
          'Buckets',
          buckets.map((b) => [
            'Bucket',
            [
              ['Name', b.name],
              ['CreationDate', new Date(b.created)],
              ['BucketRegion', b.region],
            ],
          ]),
        ],
      ]),
    };
  },
});

/** S3's canonical user id for an account: 64 hex characters (ours: derived from the account id). */
export function ownerId(accountId: string): string {
  return Buffer.from(accountId.padEnd(32, '0')).toString('hex').slice(0, 64);
}
