// DescribeInstances / DescribeIamInstanceProfileAssociations filters, as EC2 applies them: filters are
// ANDed, the values of one filter ORed; values may use * and ? wildcards; tag:<key> matches the value
// of that tag, tag-key any tag's key, tag-value any tag's value. An unknown filter name is an error.
import type { InstanceRecord } from './model.js';
import { STATE_CODE } from './model.js';
import { invalidFilter, invalidParameterValue } from './errors.js';

export interface Filter {
  Name?: string;
  Values?: string[];
}

type Extractor<T> = (r: T) => readonly (string | undefined)[];

const INSTANCE_FILTERS: Record<string, Extractor<InstanceRecord>> = {
  'instance-id': (r) => [r.instanceId],
  'instance-state-name': (r) => [r.state],
  'instance-state-code': (r) => [String(STATE_CODE[r.state])],
  'instance-type': (r) => [r.instanceType],
  'image-id': (r) => [r.imageId],
  'reservation-id': (r) => [r.reservationId],
  'owner-id': (r) => [r.ownerId],
  'availability-zone': (r) => [r.availabilityZone],
  'private-ip-address': (r) => [r.privateIpAddress],
  'key-name': (r) => [r.keyName],
  'iam-instance-profile.arn': (r) => [r.association?.profileArn],
  'iam-instance-profile.id': (r) => [r.association?.profileId],
  'metadata-options.http-tokens': (r) => [r.metadataOptions.httpTokens],
  'metadata-options.http-endpoint': (r) => [r.metadataOptions.httpEndpoint],
  'metadata-options.http-put-response-hop-limit': (r) => [String(r.metadataOptions.httpPutResponseHopLimit)],
  'tag-key': (r) => r.tags.map((t) => t.Key),
  'tag-value': (r) => r.tags.map((t) => t.Value),
};

export interface AssociationView {
  instanceId: string;
  state: string;
}

const ASSOCIATION_FILTERS: Record<string, Extractor<AssociationView>> = {
  'instance-id': (a) => [a.instanceId],
  state: (a) => [a.state],
};

const patternCache = new Map<string, RegExp>();

/** EC2 filter values: * any run, ? one character, case-sensitive. */
export function wildcard(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 's');
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(pattern, re);
  }
  return re;
}

function compile<T>(
  filters: readonly Filter[] | undefined,
  table: Record<string, Extractor<T>>,
  tags?: (r: T) => readonly { Key: string; Value: string }[],
): (r: T) => boolean {
  const preds: ((r: T) => boolean)[] = [];
  for (const f of filters ?? []) {
    const name = f.Name ?? '';
    const values = f.Values ?? [];
    if (values.length === 0) throw invalidParameterValue(`The filter '${name}' requires at least one value`);
    const res = values.map(wildcard);
    let extract: Extractor<T> | undefined = table[name];
    if (!extract && tags && name.startsWith('tag:') && name.length > 4) {
      const key = name.slice(4);
      extract = (r) =>
        tags(r)
          .filter((t) => t.Key === key)
          .map((t) => t.Value);
    }
    if (!extract) throw invalidFilter(name);
    const ex = extract;
    preds.push((r) => ex(r).some((v) => v !== undefined && res.some((re) => re.test(v))));
  }
  return (r) => preds.every((p) => p(r));
}

export function instanceFilter(filters: readonly Filter[] | undefined): (r: InstanceRecord) => boolean {
  return compile(filters, INSTANCE_FILTERS, (r) => r.tags);
}

export function associationFilter(filters: readonly Filter[] | undefined): (a: AssociationView) => boolean {
  return compile(filters, ASSOCIATION_FILTERS);
}
