// EC2: the EC2 query protocol, signing name "ec2". Virtual instances, their instance-profile
// associations and metadata options; each instance's metadata service lives in ./imds/.
import { operationTable, type ServiceDef } from '../types.js';
import RunInstances from './operations/RunInstances.js';
import DescribeInstances from './operations/DescribeInstances.js';
import TerminateInstances from './operations/TerminateInstances.js';
import StartInstances from './operations/StartInstances.js';
import StopInstances from './operations/StopInstances.js';
import AssociateIamInstanceProfile from './operations/AssociateIamInstanceProfile.js';
import ReplaceIamInstanceProfileAssociation from './operations/ReplaceIamInstanceProfileAssociation.js';
import DisassociateIamInstanceProfile from './operations/DisassociateIamInstanceProfile.js';
import DescribeIamInstanceProfileAssociations from './operations/DescribeIamInstanceProfileAssociations.js';
import ModifyInstanceMetadataOptions from './operations/ModifyInstanceMetadataOptions.js';

export const ec2: ServiceDef = {
  name: 'ec2',
  eventSource: 'ec2.amazonaws.com',
  protocol: 'ec2',
  operations: operationTable([
    RunInstances,
    DescribeInstances,
    TerminateInstances,
    StartInstances,
    StopInstances,
    AssociateIamInstanceProfile,
    ReplaceIamInstanceProfileAssociation,
    DisassociateIamInstanceProfile,
    DescribeIamInstanceProfileAssociations,
    ModifyInstanceMetadataOptions,
  ]),
};
