// IAM operations of this group (roles, instance profiles, OIDC and SAML identity providers), each in
// its own file under ./operations/.
import type { OperationDef } from '../types.js';
import CreateRole from './operations/CreateRole.js';
import GetRole from './operations/GetRole.js';
import ListRoles from './operations/ListRoles.js';
import UpdateRole from './operations/UpdateRole.js';
import UpdateRoleDescription from './operations/UpdateRoleDescription.js';
import UpdateAssumeRolePolicy from './operations/UpdateAssumeRolePolicy.js';
import DeleteRole from './operations/DeleteRole.js';
import TagRole from './operations/TagRole.js';
import UntagRole from './operations/UntagRole.js';
import ListRoleTags from './operations/ListRoleTags.js';
import PutRolePolicy from './operations/PutRolePolicy.js';
import GetRolePolicy from './operations/GetRolePolicy.js';
import DeleteRolePolicy from './operations/DeleteRolePolicy.js';
import ListRolePolicies from './operations/ListRolePolicies.js';
import AttachRolePolicy from './operations/AttachRolePolicy.js';
import DetachRolePolicy from './operations/DetachRolePolicy.js';
import ListAttachedRolePolicies from './operations/ListAttachedRolePolicies.js';
import PutRolePermissionsBoundary from './operations/PutRolePermissionsBoundary.js';
import DeleteRolePermissionsBoundary from './operations/DeleteRolePermissionsBoundary.js';
import CreateServiceLinkedRole from './operations/CreateServiceLinkedRole.js';
import DeleteServiceLinkedRole from './operations/DeleteServiceLinkedRole.js';
import GetServiceLinkedRoleDeletionStatus from './operations/GetServiceLinkedRoleDeletionStatus.js';
import CreateInstanceProfile from './operations/CreateInstanceProfile.js';
import GetInstanceProfile from './operations/GetInstanceProfile.js';
import ListInstanceProfiles from './operations/ListInstanceProfiles.js';
import DeleteInstanceProfile from './operations/DeleteInstanceProfile.js';
import AddRoleToInstanceProfile from './operations/AddRoleToInstanceProfile.js';
import RemoveRoleFromInstanceProfile from './operations/RemoveRoleFromInstanceProfile.js';
import ListInstanceProfilesForRole from './operations/ListInstanceProfilesForRole.js';
import TagInstanceProfile from './operations/TagInstanceProfile.js';
import UntagInstanceProfile from './operations/UntagInstanceProfile.js';
import ListInstanceProfileTags from './operations/ListInstanceProfileTags.js';
import CreateOpenIDConnectProvider from './operations/CreateOpenIDConnectProvider.js';
import GetOpenIDConnectProvider from './operations/GetOpenIDConnectProvider.js';
import ListOpenIDConnectProviders from './operations/ListOpenIDConnectProviders.js';
import DeleteOpenIDConnectProvider from './operations/DeleteOpenIDConnectProvider.js';
import AddClientIDToOpenIDConnectProvider from './operations/AddClientIDToOpenIDConnectProvider.js';
import RemoveClientIDFromOpenIDConnectProvider from './operations/RemoveClientIDFromOpenIDConnectProvider.js';
import UpdateOpenIDConnectProviderThumbprint from './operations/UpdateOpenIDConnectProviderThumbprint.js';
import TagOpenIDConnectProvider from './operations/TagOpenIDConnectProvider.js';
import UntagOpenIDConnectProvider from './operations/UntagOpenIDConnectProvider.js';
import ListOpenIDConnectProviderTags from './operations/ListOpenIDConnectProviderTags.js';
import CreateSAMLProvider from './operations/CreateSAMLProvider.js';
import GetSAMLProvider from './operations/GetSAMLProvider.js';
import ListSAMLProviders from './operations/ListSAMLProviders.js';
import UpdateSAMLProvider from './operations/UpdateSAMLProvider.js';
import DeleteSAMLProvider from './operations/DeleteSAMLProvider.js';
import TagSAMLProvider from './operations/TagSAMLProvider.js';
import UntagSAMLProvider from './operations/UntagSAMLProvider.js';
import ListSAMLProviderTags from './operations/ListSAMLProviderTags.js';

export const rolesOperations: OperationDef[] = [
  CreateRole,
  GetRole,
  ListRoles,
  UpdateRole,
  UpdateRoleDescription,
  UpdateAssumeRolePolicy,
  DeleteRole,
  TagRole,
  UntagRole,
  ListRoleTags,
  PutRolePolicy,
  GetRolePolicy,
  DeleteRolePolicy,
  ListRolePolicies,
  AttachRolePolicy,
  DetachRolePolicy,
  ListAttachedRolePolicies,
  PutRolePermissionsBoundary,
  DeleteRolePermissionsBoundary,
  CreateServiceLinkedRole,
  DeleteServiceLinkedRole,
  GetServiceLinkedRoleDeletionStatus,
  CreateInstanceProfile,
  GetInstanceProfile,
  ListInstanceProfiles,
  DeleteInstanceProfile,
  AddRoleToInstanceProfile,
  RemoveRoleFromInstanceProfile,
  ListInstanceProfilesForRole,
  TagInstanceProfile,
  UntagInstanceProfile,
  ListInstanceProfileTags,
  CreateOpenIDConnectProvider,
  GetOpenIDConnectProvider,
  ListOpenIDConnectProviders,
  DeleteOpenIDConnectProvider,
  AddClientIDToOpenIDConnectProvider,
  RemoveClientIDFromOpenIDConnectProvider,
  UpdateOpenIDConnectProviderThumbprint,
  TagOpenIDConnectProvider,
  UntagOpenIDConnectProvider,
  ListOpenIDConnectProviderTags,
  CreateSAMLProvider,
  GetSAMLProvider,
  ListSAMLProviders,
  UpdateSAMLProvider,
  DeleteSAMLProvider,
  TagSAMLProvider,
  UntagSAMLProvider,
  ListSAMLProviderTags,
];
