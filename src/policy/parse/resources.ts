// Resource / NotResource strings: "*" or an ARN-like "arn:partition:service:region:account:resource".
// IAM checks the partition, that a service is present, and a few service-specific rules (iam and s3
// have no region; iam resources start with a known type). Its "legacy" parser separately rejects
// strings that have an empty field ("::") without having all six fields, and an empty service.

import { Msg } from './errors.js';

export const PARTITIONS: ReadonlySet<string> = new Set([
  'aws',
  'aws-cn',
  'aws-us-gov',
  'aws-iso',
  'aws-iso-b',
  'aws-iso-e',
  'aws-iso-f',
  'aws-eusc',
]);

const IAM_RESOURCE_TYPES = [
  'user/',
  'federated-user/',
  'role/',
  'group/',
  'instance-profile/',
  'mfa/',
  'server-certificate/',
  'policy/',
  'sms-mfa/',
  'saml-provider/',
  'oidc-provider/',
  'report/',
  'access-report/',
  'root',
];

// S3 resource types that live in a region (Service Authorization Reference: accesspoint, job,
// storagelens, storagelensgroup, access grants); other S3 ARNs (buckets, objects) have no region.
const S3_REGIONAL_TYPES = ['accesspoint/', 'job/', 'storage-lens/', 'storage-lens-group/', 'access-grants/'];

/** True if `relative` (an iam ARN's resource part) can name an IAM resource type; wildcards count. */
function isIamResourcePath(relative: string): boolean {
  if (IAM_RESOURCE_TYPES.some((t) => relative.startsWith(t))) return true;
  const star = relative.search(/[*?]/);
  if (star < 0) return false;
  const prefix = relative.slice(0, star);
  return IAM_RESOURCE_TYPES.some((t) => t.startsWith(prefix));
}

/** IAM's format error for `resource`, or undefined if the format is accepted. */
export function resourceFormatError(resource: string): string | undefined {
  if (resource === '*') return undefined;
  const parts = resource.split(':');
  if (parts.length < 2) return Msg.resourceFormat(resource);
  const partition = parts[1]!;
  if (partition !== '*' && !PARTITIONS.has(partition)) {
    // IAM rebuilds a six-field ARN from what it found, filling missing fields with "*".
    const rest = parts.slice(2);
    const f0 = rest.length > 0 && (rest[0] !== '' || rest.length > 1) ? rest[0]! : '*';
    const f1 = rest.length > 1 ? rest[1]! : '*';
    const f2 = rest.length > 2 ? rest[2]! : '*';
    const f3 = rest.length > 3 ? rest.slice(3).join(':') : '*';
    return Msg.partition(partition, `arn:${partition}:${f0}:${f1}:${f2}:${f3}`);
  }
  if (parts.length < 3) return Msg.resourceVendor;
  const service = parts[2]!;
  // IAM reads a region unless the region field is present and empty ("arn:aws:iam:" counts as one).
  const hasRegion = parts.length < 5 || parts[3] !== '';
  const relative = parts.length > 5 ? parts.slice(5).join(':') : '';
  if (service === 'iam' && hasRegion) return Msg.iamRegion(resource);
  if (service === 's3' && hasRegion && !S3_REGIONAL_TYPES.some((t) => relative.startsWith(t))) {
    return Msg.s3Region(resource);
  }
  if (service === 'iam' && !isIamResourcePath(relative)) return Msg.iamPath;
  return undefined;
}

/** True if IAM's legacy parser accepts `resource` (checked only when no format error was found). */
export function passesLegacyResourceParse(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  if (parts.length < 6 && resource.includes('::')) return false;
  return parts.length < 3 || parts[2] !== '';
}
