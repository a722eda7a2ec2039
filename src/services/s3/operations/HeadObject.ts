// HeadObject: GetObject's headers and statuses without the body.
import { defineS3Operation } from '../types.js';
import { readObject } from '../read-object.js';

export default defineS3Operation({
  name: 'HeadObject',
  readOnly: true,
  dataEvent: true,
  handler: (call) => readObject(call, false),
});
