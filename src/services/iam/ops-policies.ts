// IAM operations of this group, each in its own file under ./operations/.
import type { OperationDef } from '../types.js';
import CreatePolicy from './operations/CreatePolicy.js';
import GetPolicy from './operations/GetPolicy.js';
import DeletePolicy from './operations/DeletePolicy.js';
import ListPolicies from './operations/ListPolicies.js';
import CreatePolicyVersion from './operations/CreatePolicyVersion.js';
import GetPolicyVersion from './operations/GetPolicyVersion.js';
import ListPolicyVersions from './operations/ListPolicyVersions.js';
import DeletePolicyVersion from './operations/DeletePolicyVersion.js';
import SetDefaultPolicyVersion from './operations/SetDefaultPolicyVersion.js';
import TagPolicy from './operations/TagPolicy.js';
import UntagPolicy from './operations/UntagPolicy.js';
import ListPolicyTags from './operations/ListPolicyTags.js';
import ListEntitiesForPolicy from './operations/ListEntitiesForPolicy.js';
import GetAccountAuthorizationDetails from './operations/GetAccountAuthorizationDetails.js';
import SimulatePrincipalPolicy from './operations/SimulatePrincipalPolicy.js';
import SimulateCustomPolicy from './operations/SimulateCustomPolicy.js';
import GetContextKeysForPrincipalPolicy from './operations/GetContextKeysForPrincipalPolicy.js';
import GetContextKeysForCustomPolicy from './operations/GetContextKeysForCustomPolicy.js';

export const policiesOperations: OperationDef[] = [
  CreatePolicy,
  GetPolicy,
  DeletePolicy,
  ListPolicies,
  CreatePolicyVersion,
  GetPolicyVersion,
  ListPolicyVersions,
  DeletePolicyVersion,
  SetDefaultPolicyVersion,
  TagPolicy,
  UntagPolicy,
  ListPolicyTags,
  ListEntitiesForPolicy,
  GetAccountAuthorizationDetails,
  SimulatePrincipalPolicy,
  SimulateCustomPolicy,
  GetContextKeysForPrincipalPolicy,
  GetContextKeysForCustomPolicy,
];
