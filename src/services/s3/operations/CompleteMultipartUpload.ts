// CompleteMultipartUpload: the listed parts (ascending, existing, ETags matching, all but the last at
// least 5 MiB) are concatenated into the object, whose ETag is S3's md5-of-md5s "-N".
import { defineS3Operation } from '../types.js';
import { s3Error } from '../../../wire/s3/errors.js';
import { childText, childrenNamed, malformedXml, xmlDocument } from '../../../wire/s3/xml.js';
import { compositeChecksum, multipartEtag } from '../../../wire/s3/checksums.js';
import { authorizeObject } from '../authz.js';
import { readXmlBody, requireBucket } from '../common.js';
import { S3_KIND, partScope, partId, type ObjectRecord, type PartRecord } from '../model.js';
import { MIN_PART_BYTES, listParts, requireUpload } from '../multipart.js';
import { putObjectRecord } from '../objects.js';

export default defineS3Operation({
  name: 'CompleteMultipartUpload',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    const key = call.key!;
    authorizeObject(call, b, 's3:PutObject', key);
    const u = requireUpload(call, b.name, key);
    const root = await readXmlBody(call, 'CompleteMultipartUpload', 4 * 1024 * 1024);
    const listed = childrenNamed(root, 'Part');
    if (listed.length === 0) {
      throw s3Error(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      );
    }
    const stored = new Map(listParts(call, b.name, u.uploadId).map((p) => [p.partNumber, p]));
    const chosen: PartRecord[] = [];
    let prev = 0;
    for (const el of listed) {
      const n = Number(childText(el, 'PartNumber'));
      const etag = childText(el, 'ETag');
      if (!Number.isInteger(n) || etag === undefined) throw malformedXml();
      if (n <= prev) {
        throw s3Error(
          'InvalidPartOrder',
          'The list of parts was not in ascending order. Parts must be ordered by part number.',
          400,
          {
            UploadId: u.uploadId,
          },
        );
      }
      prev = n;
      const p = stored.get(n);
      const norm = (s: string) => s.replace(/"/g, '').toLowerCase();
      if (!p || norm(p.etag) !== norm(etag)) {
        throw s3Error(
          'InvalidPart',
          "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
          400,
          { UploadId: u.uploadId, PartNumber: String(n), ETag: etag },
        );
      }
      chosen.push(p);
    }
    for (let i = 0; i < chosen.length - 1; i++) {
      if (chosen[i]!.size < MIN_PART_BYTES) {
        throw s3Error(
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed size',
          400,
          {
            ProposedSize: String(chosen[i]!.size),
            MinSizeAllowed: String(MIN_PART_BYTES),
            PartNumber: String(chosen[i]!.partNumber),
            ETag: chosen[i]!.etag,
          },
        );
      }
    }
    const data = await call.rt.blobs.compose(chosen.map((p) => ({ id: p.blob })));
    const alg = u.checksumAlgorithm;
    const rec: ObjectRecord = {
      contentType: u.contentType,
      contentEncoding: u.contentEncoding,
      contentDisposition: u.contentDisposition,
      contentLanguage: u.contentLanguage,
      cacheControl: u.cacheControl,
      expires: u.expires,
      metadata: u.metadata,
      key,
      size: data.digests.size,
      etag: multipartEtag(chosen.map((p) => p.etag)),
      lastModified: call.ctx.now.toISOString(),
      blob: data.id,
      partsCount: chosen.length,
      ...(u.tags && { tags: u.tags }),
      ...(alg &&
        chosen.every((p) => p.checksum) && {
          checksum: {
            algorithm: alg,
            value: compositeChecksum(
              alg,
              chosen.map((p) => p.checksum!),
            ),
            type: 'COMPOSITE' as const,
          },
        }),
    };
    for (const k of Object.keys(rec) as (keyof ObjectRecord)[]) if (rec[k] === undefined) delete rec[k];
    await putObjectRecord(call, b.name, rec);
    await dropUpload(call, b.name, u.uploadId);
    const host = call.headers['host'] ?? 'localhost';
    return {
      body: xmlDocument('CompleteMultipartUploadResult', [
        ['Location', `http://${host}/${b.name}/${encodeURIComponent(key).replace(/%2F/g, '/')}`],
        ['Bucket', b.name],
        ['Key', key],
        ['ETag', rec.etag],
        ...(rec.checksum
          ? ([[`Checksum${rec.checksum.algorithm}`, rec.checksum.value]] as [string, string][])
          : []),
      ]),
    };
  },
});

/** Removes an upload's parts (records, then blobs) and the upload itself. */
export async function dropUpload(
  call: Parameters<typeof requireBucket>[0],
  bucket: string,
  uploadId: string,
): Promise<void> {
  const store = call.ctx.env.store;
  const scope = partScope(bucket, uploadId);
  const parts = listParts(call, bucket, uploadId);
  for (let i = 0; i < parts.length; i += 1000) {
    await store.batch(
      parts.slice(i, i + 1000).map((p) => ({
        op: 'delete' as const,
        kind: S3_KIND.part,
        account: scope,
        id: partId(p.partNumber),
      })),
    );
  }
  await store.delete(S3_KIND.upload, bucket, uploadId);
  for (const p of parts) await call.rt.blobs.remove(p.blob);
}
