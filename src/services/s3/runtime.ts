// What the S3 operations share for the life of the server: the blob store, the authorization decision
// function (injected by the server, so services do not depend on it), compiled bucket policies, and the
// single place where an S3 request's outcome is reported (data events hook in there).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerEnv } from '../env.js';
import type { AuthzCheck, OperationContext } from '../types.js';
import type { Caller } from '../caller.js';
import {
  compilePolicy,
  parsePolicy,
  type CompiledPolicy,
  type Decision,
  type PolicyDocument,
} from '../../policy/index.js';
import { BlobStore } from './blobs.js';
import { isPublicPolicy } from './public-policy.js';

/** Everything known about one S3 request once it is answered. */
export interface S3Outcome {
  requestId: string;
  time: Date;
  caller: Caller;
  operation: string | undefined;
  readOnly: boolean;
  dataEvent: boolean;
  bucket?: string;
  key?: string;
  /** The bucket owner (the account whose trail gets data events), when the bucket exists. */
  bucketOwner?: string;
  status: number;
  errorCode?: string;
  errorMessage?: string;
  sourceIp: string;
  userAgent: string;
  authType?: string;
  bytesOut?: number;
}

export type S3OutcomeListener = (o: S3Outcome) => void;

export interface CompiledBucketPolicy {
  text: string;
  doc: PolicyDocument;
  compiled: CompiledPolicy;
  isPublic: boolean;
}

export class S3Runtime {
  readonly blobs: BlobStore;
  private readonly policies = new Map<string, CompiledBucketPolicy>();
  private readonly listeners: S3OutcomeListener[] = [];

  constructor(
    readonly env: ServerEnv,
    readonly decide: (ctx: OperationContext, check: AuthzCheck) => Decision,
  ) {
    const root = env.config.dataDir
      ? join(env.config.dataDir, 's3')
      : mkdtempSync(join(tmpdir(), 'rolechain-s3-'));
    this.blobs = new BlobStore(root);
    // Without a data dir (--memory, --database-url) object data lives in a temp dir for the process's life.
    // (With --database-url the objects are therefore per node: a shared blob store is not implemented.)
    if (!env.config.dataDir) process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  }

  /** Hooks for the audit trail (data events): called once per S3 request, after the response is sent. */
  onOutcome(l: S3OutcomeListener): void {
    this.listeners.push(l);
  }

  reportOutcome(o: S3Outcome): void {
    for (const l of this.listeners) {
      try {
        l(o);
      } catch (e) {
        this.env.log.error('s3 outcome listener failed', { requestId: o.requestId, error: String(e) });
      }
    }
  }

  /** The bucket's policy, parsed and compiled once per distinct text. */
  bucketPolicy(bucket: string, text: string | undefined): CompiledBucketPolicy | undefined {
    if (text === undefined) {
      this.policies.delete(bucket);
      return undefined;
    }
    const hit = this.policies.get(bucket);
    if (hit && hit.text === text) return hit;
    const doc = parsePolicy(text, 'resource');
    const c: CompiledBucketPolicy = {
      text,
      doc,
      compiled: compilePolicy(doc, { type: 'resource', arn: `arn:aws:s3:::${bucket}` }),
      isPublic: isPublicPolicy(doc),
    };
    this.policies.set(bucket, c);
    return c;
  }
}
