// EC2's virtual instances as rolechain stores them (no compute: an instance is its record, its state, its
// instance-profile association and its metadata options). One store entity per instance, kind
// 'ec2.instance', id = the instance id; the region is part of the record because EC2 is regional.
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/index.js';
import { VersionConflictError } from '../../store/errors.js';
import type { Tag } from '../iam/model.js';

export const INSTANCE_KIND = 'ec2.instance';

export type InstanceStateName =
  'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** EC2's state codes (the low byte of InstanceState.Code). */
export const STATE_CODE: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface MetadataOptions {
  httpTokens: 'optional' | 'required';
  httpEndpoint: 'enabled' | 'disabled';
  httpPutResponseHopLimit: number;
  httpProtocolIpv6: 'enabled' | 'disabled';
  instanceMetadataTags: 'enabled' | 'disabled';
}

export interface ProfileAssociation {
  associationId: string;
  profileArn: string;
  profileId: string;
  /** Time of the association, ISO. */
  timestamp: string;
}

export interface InstanceRecord {
  instanceId: string;
  reservationId: string;
  ownerId: string;
  region: string;
  availabilityZone: string;
  imageId: string;
  instanceType: string;
  amiLaunchIndex: number;
  launchTime: string;
  state: InstanceStateName;
  stateTransitionReason: string;
  /** When the instance entered "terminated" (it stays visible for an hour, as in EC2). */
  terminatedAt?: string;
  /** Bumped at every start: IMDSv2 tokens of a previous run stop working. */
  bootCount: number;
  privateIpAddress: string;
  macAddress: string;
  clientToken?: string;
  keyName?: string;
  tags: Tag[];
  metadataOptions: MetadataOptions;
  association?: ProfileAssociation;
}

/** How long EC2 keeps showing terminated instances. */
export const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;

const hex = (n: number): string =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);

/** i- + 17 hex digits, r- + 17, iip-assoc- + 17: EC2's long id formats. */
export const newInstanceId = (): string => `i-${hex(17)}`;
export const newReservationId = (): string => `r-${hex(17)}`;
export const newAssociationId = (): string => `iip-assoc-${hex(17)}`;

/** EC2 accepts the old 8-hex and the long 17-hex forms. */
export const INSTANCE_ID_RE = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const ASSOCIATION_ID_RE = /^iip-assoc-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
export const IMAGE_ID_RE = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export function newPrivateIp(): string {
  const b = randomBytes(2);
  return `172.31.${b[0]!}.${(b[1]! % 253) + 1}`;
}

export function newMacAddress(): string {
  // 0a: is the locally administered unicast prefix EC2 uses for ENIs.
  return ['0a', ...[...randomBytes(5)].map((x) => x.toString(16).padStart(2, '0'))].join(':');
}

export function instanceArn(region: string, account: string, instanceId: string): string {
  return `arn:aws:ec2:${region}:${account}:instance/${instanceId}`;
}

export const DEFAULT_METADATA_OPTIONS: MetadataOptions = {
  httpTokens: 'optional',
  httpEndpoint: 'enabled',
  httpPutResponseHopLimit: 1,
  httpProtocolIpv6: 'disabled',
  instanceMetadataTags: 'disabled',
};

/** The instance if it exists, is in this region and is still visible. */
export function getInstance(
  store: Store,
  account: string,
  region: string,
  instanceId: string,
  nowMs: number,
): InstanceRecord | undefined {
  const rec = store.get<InstanceRecord>(INSTANCE_KIND, account, instanceId)?.data;
  if (!rec || rec.region !== region || !isVisible(rec, nowMs)) return undefined;
  return rec;
}

export function isVisible(rec: InstanceRecord, nowMs: number): boolean {
  return !(rec.terminatedAt && nowMs - Date.parse(rec.terminatedAt) > TERMINATED_VISIBLE_MS);
}

/** The visible instances of an account in a region, in launch order. */
export function listInstances(
  store: Store,
  account: string,
  region: string,
  nowMs: number,
): InstanceRecord[] {
  return store
    .list<InstanceRecord>(INSTANCE_KIND, account)
    .map((r) => r.data)
    .filter((r) => r.region === region && isVisible(r, nowMs))
    .sort((a, b) => a.launchTime.localeCompare(b.launchTime) || a.amiLaunchIndex - b.amiLaunchIndex);
}

export async function putInstance(store: Store, rec: InstanceRecord): Promise<void> {
  await store.put(
    { kind: INSTANCE_KIND, account: rec.ownerId, id: rec.instanceId, data: rec },
    { ifAbsent: true },
  );
}

/** Read-modify-write with optimistic concurrency; `change` may throw to abort. */
export async function mutateInstance(
  store: Store,
  account: string,
  instanceId: string,
  change: (r: InstanceRecord) => void,
): Promise<InstanceRecord> {
  for (let attempt = 0; ; attempt++) {
    const rec = store.get<InstanceRecord>(INSTANCE_KIND, account, instanceId);
    if (!rec) throw new Error(`instance ${instanceId} vanished`);
    const next = structuredClone(rec.data) as InstanceRecord;
    change(next);
    try {
      await store.put(
        { kind: INSTANCE_KIND, account, id: instanceId, data: next },
        { expectVersion: rec.version },
      );
      return next;
    } catch (e) {
      if (!(e instanceof VersionConflictError) || attempt >= 20) throw e;
    }
  }
}
