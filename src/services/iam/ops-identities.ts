// IAM operations of this group (users, groups, inline and attached policies, access keys, permissions
// boundaries, virtual MFA, account alias and summary), each in its own file under ./operations/.
import type { OperationDef } from '../types.js';
import CreateUser from './operations/CreateUser.js';
import GetUser from './operations/GetUser.js';
import ListUsers from './operations/ListUsers.js';
import UpdateUser from './operations/UpdateUser.js';
import DeleteUser from './operations/DeleteUser.js';
import TagUser from './operations/TagUser.js';
import UntagUser from './operations/UntagUser.js';
import ListUserTags from './operations/ListUserTags.js';
import CreateGroup from './operations/CreateGroup.js';
import GetGroup from './operations/GetGroup.js';
import ListGroups from './operations/ListGroups.js';
import UpdateGroup from './operations/UpdateGroup.js';
import DeleteGroup from './operations/DeleteGroup.js';
import AddUserToGroup from './operations/AddUserToGroup.js';
import RemoveUserFromGroup from './operations/RemoveUserFromGroup.js';
import ListGroupsForUser from './operations/ListGroupsForUser.js';
import PutUserPolicy from './operations/PutUserPolicy.js';
import GetUserPolicy from './operations/GetUserPolicy.js';
import DeleteUserPolicy from './operations/DeleteUserPolicy.js';
import ListUserPolicies from './operations/ListUserPolicies.js';
import PutGroupPolicy from './operations/PutGroupPolicy.js';
import GetGroupPolicy from './operations/GetGroupPolicy.js';
import DeleteGroupPolicy from './operations/DeleteGroupPolicy.js';
import ListGroupPolicies from './operations/ListGroupPolicies.js';
import AttachUserPolicy from './operations/AttachUserPolicy.js';
import DetachUserPolicy from './operations/DetachUserPolicy.js';
import ListAttachedUserPolicies from './operations/ListAttachedUserPolicies.js';
import AttachGroupPolicy from './operations/AttachGroupPolicy.js';
import DetachGroupPolicy from './operations/DetachGroupPolicy.js';
import ListAttachedGroupPolicies from './operations/ListAttachedGroupPolicies.js';
import CreateAccessKey from './operations/CreateAccessKey.js';
import ListAccessKeys from './operations/ListAccessKeys.js';
import UpdateAccessKey from './operations/UpdateAccessKey.js';
import DeleteAccessKey from './operations/DeleteAccessKey.js';
import GetAccessKeyLastUsed from './operations/GetAccessKeyLastUsed.js';
import PutUserPermissionsBoundary from './operations/PutUserPermissionsBoundary.js';
import DeleteUserPermissionsBoundary from './operations/DeleteUserPermissionsBoundary.js';
import CreateVirtualMFADevice from './operations/CreateVirtualMFADevice.js';
import EnableMFADevice from './operations/EnableMFADevice.js';
import DeactivateMFADevice from './operations/DeactivateMFADevice.js';
import ResyncMFADevice from './operations/ResyncMFADevice.js';
import ListMFADevices from './operations/ListMFADevices.js';
import ListVirtualMFADevices from './operations/ListVirtualMFADevices.js';
import DeleteVirtualMFADevice from './operations/DeleteVirtualMFADevice.js';
import CreateAccountAlias from './operations/CreateAccountAlias.js';
import DeleteAccountAlias from './operations/DeleteAccountAlias.js';
import ListAccountAliases from './operations/ListAccountAliases.js';
import GetAccountSummary from './operations/GetAccountSummary.js';

export const identitiesOperations: OperationDef[] = [
  CreateUser,
  GetUser,
  ListUsers,
  UpdateUser,
  DeleteUser,
  TagUser,
  UntagUser,
  ListUserTags,
  CreateGroup,
  GetGroup,
  ListGroups,
  UpdateGroup,
  DeleteGroup,
  AddUserToGroup,
  RemoveUserFromGroup,
  ListGroupsForUser,
  PutUserPolicy,
  GetUserPolicy,
  DeleteUserPolicy,
  ListUserPolicies,
  PutGroupPolicy,
  GetGroupPolicy,
  DeleteGroupPolicy,
  ListGroupPolicies,
  AttachUserPolicy,
  DetachUserPolicy,
  ListAttachedUserPolicies,
  AttachGroupPolicy,
  DetachGroupPolicy,
  ListAttachedGroupPolicies,
  CreateAccessKey,
  ListAccessKeys,
  UpdateAccessKey,
  DeleteAccessKey,
  GetAccessKeyLastUsed,
  PutUserPermissionsBoundary,
  DeleteUserPermissionsBoundary,
  CreateVirtualMFADevice,
  EnableMFADevice,
  DeactivateMFADevice,
  ResyncMFADevice,
  ListMFADevices,
  ListVirtualMFADevices,
  DeleteVirtualMFADevice,
  CreateAccountAlias,
  DeleteAccountAlias,
  ListAccountAliases,
  GetAccountSummary,
];
