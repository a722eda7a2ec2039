// The services the endpoint serves, by SigV4 signing name.
import type { ServiceDef } from '../services/types.js';
import { sts } from '../services/sts/index.js';
import { organizations } from '../services/organizations/index.js';
import { iam } from '../services/iam/index.js';

export function allServices(): Map<string, ServiceDef> {
  return new Map([sts, iam, organizations].map((s) => [s.name, s]));
}
