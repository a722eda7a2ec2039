// GetObject: conditional requests (304/412), one byte range (206/416), the data streamed from disk.
import { defineS3Operation } from '../types.js';
import { readObject } from '../read-object.js';

export default defineS3Operation({
  name: 'GetObject',
  readOnly: true,
  dataEvent: true,
  handler: (call) => readObject(call, true),
});
