// The services the endpoint serves, by SigV4 signing name.
import type { ServiceDef } from '../services/types.js';
import { sts } from '../services/sts/index.js';
import { organizations } from '../services/organizations/index.js';
import { iam } from '../services/iam/index.js';
import { cloudtrail } from '../services/cloudtrail/index.js';
import { ec2 } from '../services/ec2/index.js';

export function allServices(): Map<string, ServiceDef> {
  return new Map([sts, iam, organizations, cloudtrail, ec2].map((s) => [s.name, s]));
}
