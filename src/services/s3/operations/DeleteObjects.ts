// DeleteObjects: up to 1,000 keys, each authorized on its own (s3:DeleteObject), errors per key; Quiet
// mode reports only the errors. S3 requires Content-MD5 or a checksum on this request.
import { defineS3Operation } from '../types.js';
import { isAwsError } from '../../../wire/errors.js';
import { s3Error } from '../../../wire/s3/errors.js';
import {
  child,
  childText,
  childrenNamed,
  malformedXml,
  xmlDocument,
  type XmlNode,
} from '../../../wire/s3/xml.js';
import { CHECKSUM_ALGORITHMS, checksumHeader } from '../../../wire/s3/checksums.js';
import { authorizeObject } from '../authz.js';
import { readXmlBody, requireBucket } from '../common.js';
import { deleteObjectRecord } from '../objects.js';

export default defineS3Operation({
  name: 'DeleteObjects',
  readOnly: false,
  dataEvent: true,
  async handler(call) {
    const b = requireBucket(call);
    if (
      call.headers['content-md5'] === undefined &&
      !CHECKSUM_ALGORITHMS.some((a) => call.headers[checksumHeader(a)] !== undefined) &&
      call.headers['x-amz-sdk-checksum-algorithm'] === undefined
    ) {
      throw s3Error('InvalidRequest', 'Missing required header for this request: Content-MD5');
    }
    const root = await readXmlBody(call, 'Delete', 2 * 1024 * 1024);
    const quiet = childText(root, 'Quiet') === 'true';
    const objects = childrenNamed(root, 'Object');
    if (objects.length === 0) throw malformedXml();
    if (objects.length > 1000) throw malformedXml();
    const out: XmlNode[] = [];
    for (const o of objects) {
      const key = child(o, 'Key')?.text;
      if (key === undefined) throw malformedXml();
      try {
        authorizeObject(call, b, 's3:DeleteObject', key);
        await deleteObjectRecord(call, b.name, key);
        if (!quiet) out.push(['Deleted', [['Key', key]]]);
      } catch (e) {
        if (!isAwsError(e)) throw e;
        out.push([
          'Error',
          [
            ['Key', key],
            ['Code', e.code],
            ['Message', e.message],
          ],
        ]);
      }
    }
    return { body: xmlDocument('DeleteResult', out) };
  },
});
