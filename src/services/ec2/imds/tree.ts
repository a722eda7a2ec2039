// The instance metadata tree under /latest/: what EC2's IMDS answers for the paths SDKs and scripts use.
// Directory listings are newline-separated, sub-directories end in "/". JSON documents use AWS's own
// layout ("key" : value, two-space indent), which seed 003 shows for the credentials.
import type { ServerEnv } from '../../env.js';
import type { InstanceRecord } from '../model.js';
import { instanceProfileOf, type InstanceCredentials } from './credentials.js';

export interface TreeReply {
  status: 200 | 404;
  body: string;
  contentType?: string;
}

const iso = (d: Date | string): string => new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** AWS's IMDS JSON layout: {\n  "Key" : value,\n …\n}. */
export function imdsJson(o: Record<string, unknown>): string {
  const lines = Object.entries(o).map(([k, v]) => `  ${JSON.stringify(k)} : ${JSON.stringify(v ?? null)}`);
  return `{\n${lines.join(',\n')}\n}`;
}

const notFound: TreeReply = { status: 404, body: '' };
const text = (body: string): TreeReply => ({ status: 200, body, contentType: 'text/plain' });
const listing = (entries: string[]): TreeReply => text(entries.join('\n'));

export function metadataReply(
  env: ServerEnv,
  creds: InstanceCredentials,
  inst: InstanceRecord,
  rawPath: string,
): TreeReply {
  // "/latest/meta-data/iam" and "/latest/meta-data/iam/" are the same directory.
  const path = rawPath.replace(/\/{2,}/g, '/');
  const dir = path.endsWith('/') ? path.slice(0, -1) : path;
  const region = inst.region;
  const prof = instanceProfileOf(env, inst);
  const tagsOn = inst.metadataOptions.instanceMetadataTags === 'enabled';

  switch (dir) {
    case '':
      return listing(['latest']);
    case '/latest':
      return listing(['dynamic', 'meta-data']);
    case '/latest/meta-data': {
      const entries = [
        'ami-id',
        'ami-launch-index',
        'hostname',
        ...(prof ? ['iam/'] : []),
        'instance-id',
        'instance-life-cycle',
        'instance-type',
        'local-hostname',
        'local-ipv4',
        'mac',
        'placement/',
        'reservation-id',
        'security-groups',
        ...(tagsOn ? ['tags/'] : []),
      ];
      return listing(entries);
    }
    case '/latest/meta-data/ami-id':
      return text(inst.imageId);
    case '/latest/meta-data/ami-launch-index':
      return text(String(inst.amiLaunchIndex));
    case '/latest/meta-data/hostname':
    case '/latest/meta-data/local-hostname':
      return text(`ip-${inst.privateIpAddress.replace(/\./g, '-')}.ec2.internal`);
    case '/latest/meta-data/instance-id':
      return text(inst.instanceId);
    case '/latest/meta-data/instance-life-cycle':
      return text('on-demand');
    case '/latest/meta-data/instance-type':
      return text(inst.instanceType);
    case '/latest/meta-data/local-ipv4':
      return text(inst.privateIpAddress);
    case '/latest/meta-data/mac':
      return text(inst.macAddress);
    case '/latest/meta-data/reservation-id':
      return text(inst.reservationId);
    case '/latest/meta-data/security-groups':
      return text('default');
    case '/latest/meta-data/placement':
      return listing(['availability-zone', 'region']);
    case '/latest/meta-data/placement/availability-zone':
      return text(inst.availabilityZone);
    case '/latest/meta-data/placement/region':
      return text(region);
    case '/latest/dynamic':
      return listing(['instance-identity/']);
    case '/latest/dynamic/instance-identity':
      return listing(['document']);
    case '/latest/dynamic/instance-identity/document':
      return text(
        imdsJson({
          accountId: inst.ownerId,
          architecture: 'x86_64',
          availabilityZone: inst.availabilityZone,
          billingProducts: null,
          devpayProductCodes: null,
          marketplaceProductCodes: null,
          imageId: inst.imageId,
          instanceId: inst.instanceId,
          instanceType: inst.instanceType,
          kernelId: null,
          pendingTime: iso(inst.launchTime),
          privateIp: inst.privateIpAddress,
          ramdiskId: null,
          region,
          version: '2017-09-30',
        }),
      );
  }

  if (tagsOn && (dir === '/latest/meta-data/tags' || dir.startsWith('/latest/meta-data/tags/'))) {
    if (dir === '/latest/meta-data/tags') return listing(['instance']);
    if (dir === '/latest/meta-data/tags/instance') return listing(inst.tags.map((t) => t.Key));
    const key = decodeURIComponent(dir.slice('/latest/meta-data/tags/instance/'.length));
    const tag = inst.tags.find((t) => t.Key === key);
    return tag ? text(tag.Value) : notFound;
  }

  if (!prof || !dir.startsWith('/latest/meta-data/iam')) return notFound;
  const { profile, role } = prof;
  if (dir === '/latest/meta-data/iam') return listing(['info', ...(role ? ['security-credentials/'] : [])]);
  if (dir === '/latest/meta-data/iam/info') {
    if (role) {
      const r = creds.get(inst, role);
      if (r.code !== 'Success') {
        return text(imdsJson({ Code: r.code, Message: r.message, LastUpdated: iso(r.lastUpdated) }));
      }
      return text(
        imdsJson({
          Code: 'Success',
          LastUpdated: iso(r.lastUpdated),
          InstanceProfileArn: profile.arn,
          InstanceProfileId: profile.instanceProfileId,
        }),
      );
    }
    return text(
      imdsJson({
        Code: 'Success',
        LastUpdated: iso(inst.association!.timestamp),
        InstanceProfileArn: profile.arn,
        InstanceProfileId: profile.instanceProfileId,
      }),
    );
  }
  if (!role) return notFound;
  if (dir === '/latest/meta-data/iam/security-credentials') return text(role.roleName);
  if (dir === `/latest/meta-data/iam/security-credentials/${role.roleName}` && !path.endsWith('/')) {
    const r = creds.get(inst, role);
    if (r.code !== 'Success') {
      return text(imdsJson({ Code: r.code, Message: r.message, LastUpdated: iso(r.lastUpdated) }));
    }
    const c = r.credentials;
    return text(
      imdsJson({
        Code: 'Success',
        LastUpdated: iso(r.lastUpdated),
        Type: 'AWS-HMAC',
        AccessKeyId: c.AccessKeyId,
        SecretAccessKey: c.SecretAccessKey,
        Token: c.SessionToken,
        Expiration: iso(c.Expiration),
      }),
    );
  }
  // security-credentials-extended/ and anything else under iam/: not served.
  return notFound;
}
