// STS: awsQuery protocol, signing name "sts".
import { operationTable, type ServiceDef } from '../types.js';
import GetCallerIdentity from './operations/GetCallerIdentity.js';
import AssumeRole from './operations/AssumeRole.js';
import { stsExtraOperations } from './ops-extra.js';

export const sts: ServiceDef = {
  name: 'sts',
  eventSource: 'sts.amazonaws.com',
  protocol: 'query',
  operations: operationTable([GetCallerIdentity, AssumeRole, ...stsExtraOperations]),
};
