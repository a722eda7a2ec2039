// Everything a service operation may use besides its input: the store, configuration, the clock,
// the secret box for secrets at rest, and the logger. Built once by the server.
import type { Store } from '../store/index.js';
import type { Logger } from '../server/log.js';
import type { SecretBox } from '../server/secret-box.js';
import type { Clock } from '../server/clock.js';

export interface ServerConfig {
  host: string;
  port: number;
  /** undefined with --memory or --database-url. */
  dataDir?: string;
  /**
   * Where master.key lives when ROLECHAIN_MASTER_KEY is unset (defaults to dataDir). With --database-url the
   * store is elsewhere but the key must still survive a restart, or every sealed secret would be lost.
   */
  keyDir?: string;
  memory: boolean;
  databaseUrl?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** The region reported when a request names none. */
  defaultRegion: string;
  /** Longest role chain (AssumeRole hops) a session may have. */
  maxChainDepth: number;
  /** CloudTrail recording (default on); false = --audit off. */
  audit?: boolean;
  /** Days audit events are kept (default 90, like CloudTrail's event history). */
  auditRetentionDays?: number;
  /** Also write CloudTrail log files (gzipped, AWS's key layout) under this directory. */
  trailDir?: string;
}

export interface ServerEnv {
  store: Store;
  config: ServerConfig;
  clock: Clock;
  secrets: SecretBox;
  log: Logger;
}
