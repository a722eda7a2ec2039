// Organizations: awsJson1.1, signing name "organizations".
import { operationTable, type ServiceDef } from '../types.js';
import CreateOrganization from './operations/CreateOrganization.js';
import DescribeOrganization from './operations/DescribeOrganization.js';
import CreateAccount from './operations/CreateAccount.js';
import DescribeCreateAccountStatus from './operations/DescribeCreateAccountStatus.js';
import ListAccounts from './operations/ListAccounts.js';
import DescribeAccount from './operations/DescribeAccount.js';

export const organizations: ServiceDef = {
  name: 'organizations',
  eventSource: 'organizations.amazonaws.com',
  protocol: 'json',
  operations: operationTable([
    CreateOrganization,
    DescribeOrganization,
    CreateAccount,
    DescribeCreateAccountStatus,
    ListAccounts,
    DescribeAccount,
  ]),
};
