// Organizations: awsJson1.1, signing name "organizations".
import { operationTable, type ServiceDef } from '../types.js';
import CreateOrganization from './operations/CreateOrganization.js';
import DescribeOrganization from './operations/DescribeOrganization.js';
import CreateAccount from './operations/CreateAccount.js';
import DescribeCreateAccountStatus from './operations/DescribeCreateAccountStatus.js';
import ListAccounts from './operations/ListAccounts.js';
import DescribeAccount from './operations/DescribeAccount.js';
import CreateOrganizationalUnit from './operations/CreateOrganizationalUnit.js';
import UpdateOrganizationalUnit from './operations/UpdateOrganizationalUnit.js';
import DeleteOrganizationalUnit from './operations/DeleteOrganizationalUnit.js';
import DescribeOrganizationalUnit from './operations/DescribeOrganizationalUnit.js';
import ListOrganizationalUnitsForParent from './operations/ListOrganizationalUnitsForParent.js';
import ListChildren from './operations/ListChildren.js';
import ListParents from './operations/ListParents.js';
import MoveAccount from './operations/MoveAccount.js';
import ListAccountsForParent from './operations/ListAccountsForParent.js';
import ListRoots from './operations/ListRoots.js';
import EnablePolicyType from './operations/EnablePolicyType.js';
import DisablePolicyType from './operations/DisablePolicyType.js';
import CreatePolicy from './operations/CreatePolicy.js';
import UpdatePolicy from './operations/UpdatePolicy.js';
import DeletePolicy from './operations/DeletePolicy.js';
import DescribePolicy from './operations/DescribePolicy.js';
import ListPolicies from './operations/ListPolicies.js';
import AttachPolicy from './operations/AttachPolicy.js';
import DetachPolicy from './operations/DetachPolicy.js';
import ListPoliciesForTarget from './operations/ListPoliciesForTarget.js';
import ListTargetsForPolicy from './operations/ListTargetsForPolicy.js';
import TagResource from './operations/TagResource.js';
import UntagResource from './operations/UntagResource.js';
import ListTagsForResource from './operations/ListTagsForResource.js';
import RemoveAccountFromOrganization from './operations/RemoveAccountFromOrganization.js';
import CloseAccount from './operations/CloseAccount.js';

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
    CreateOrganizationalUnit,
    UpdateOrganizationalUnit,
    DeleteOrganizationalUnit,
    DescribeOrganizationalUnit,
    ListOrganizationalUnitsForParent,
    ListChildren,
    ListParents,
    MoveAccount,
    ListAccountsForParent,
    ListRoots,
    EnablePolicyType,
    DisablePolicyType,
    CreatePolicy,
    UpdatePolicy,
    DeletePolicy,
    DescribePolicy,
    ListPolicies,
    AttachPolicy,
    DetachPolicy,
    ListPoliciesForTarget,
    ListTargetsForPolicy,
    TagResource,
    UntagResource,
    ListTagsForResource,
    RemoveAccountFromOrganization,
    CloseAccount,
  ]),
};
