// The services the endpoint serves, by SigV4 signing name.
import type { ServiceDef } from '../services/types.js';
import { sts } from '../services/sts/index.js';
import { organizations } from '../services/organizations/index.js';
import { iam } from '../services/iam/index.js';
import { cloudtrail } from '../services/cloudtrail/index.js';

export function allServices(): Map<string, ServiceDef> {
  return new Map([sts, iam, organizations, cloudtrail].map((s) => [s.name, s]));
}
