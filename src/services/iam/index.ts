// IAM: awsQuery protocol, signing name "iam". Operations are grouped (identities, roles, policies),
// each group listing its operation modules.
import { operationTable, type ServiceDef } from '../types.js';
import { identitiesOperations } from './ops-identities.js';
import { rolesOperations } from './ops-roles.js';
import { policiesOperations } from './ops-policies.js';

export const iam: ServiceDef = {
  name: 'iam',
  eventSource: 'iam.amazonaws.com',
  protocol: 'query',
  operations: operationTable([...identitiesOperations, ...rolesOperations, ...policiesOperations]),
};
