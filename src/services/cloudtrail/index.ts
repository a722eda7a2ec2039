// CloudTrail: awsJson1.1, signing name "cloudtrail". The event history (LookupEvents) of what the
// recorder (./recorder.ts) captured from every API call.
import { operationTable, type ServiceDef } from '../types.js';
import LookupEvents from './operations/LookupEvents.js';

export const cloudtrail: ServiceDef = {
  name: 'cloudtrail',
  eventSource: 'cloudtrail.amazonaws.com',
  protocol: 'json',
  operations: operationTable([LookupEvents]),
};
