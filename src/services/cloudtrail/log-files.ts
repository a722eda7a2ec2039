// CloudTrail log files, as a trail delivers them to its bucket: gzipped {"Records":[…]} objects under
// AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<YYYYMMDDTHHmmZ>_<random>.json.gz
// Records are gathered per (account, region) and written in batches (every few seconds, and on
// shutdown), not per request.
import { mkdir, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCb } from 'node:zlib';
import type { Logger } from '../../server/log.js';

const gzip = promisify(gzipCb);
const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** A file never holds more records than this; more make another file. */
const MAX_RECORDS_PER_FILE = 5000;

export class TrailFileWriter {
  private groups = new Map<string, { account: string; region: string; json: string[] }>();
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly log: Logger,
    private readonly everyMs = 5000,
  ) {}

  /** Queues one record (already serialised) for its account's and region's next file. */
  add(account: string, region: string, recordJson: string): void {
    const key = account + '/' + region;
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = { account, region, json: [] }));
    g.json.push(recordJson);
    if (g.json.length >= MAX_RECORDS_PER_FILE) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.everyMs).unref();
  }

  /** Writes every queued record; resolves when the files are on disk. */
  flush(now = new Date()): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const groups = [...this.groups.values()];
    this.groups = new Map();
    this.writing = this.writing.then(async () => {
      for (const g of groups) {
        for (let i = 0; i < g.json.length; i += MAX_RECORDS_PER_FILE) {
          await this.write(g.account, g.region, g.json.slice(i, i + MAX_RECORDS_PER_FILE), now);
        }
      }
    });
    return this.writing;
  }

  private async write(account: string, region: string, records: string[], now: Date): Promise<void> {
    const { dir, file } = logFileLocation(account, region, now);
    const full = join(this.dir, dir);
    try {
      await mkdir(full, { recursive: true, mode: 0o700 });
      const body = await gzip(Buffer.from(`{"Records":[${records.join(',')}]}`, 'utf8'));
      // Written whole then renamed: a reader never sees half a file.
      const tmp = join(full, `.${file}.tmp`);
      await writeFile(tmp, body, { mode: 0o600 });
      await rename(tmp, join(full, file));
    } catch (err) {
      this.log.error('trail log file not written', {
        account,
        region,
        records: records.length,
        error: String(err),
      });
    }
  }
}

/** AWS's key layout for a log file delivered at `now`. */
export function logFileLocation(account: string, region: string, now: Date): { dir: string; file: string } {
  const y = String(now.getUTCFullYear());
  const mo = String(now.getUTCMonth() + 1).padStart(2, '0');
  const d = String(now.getUTCDate()).padStart(2, '0');
  const hh = String(now.getUTCHours()).padStart(2, '0');
  const mm = String(now.getUTCMinutes()).padStart(2, '0');
  const bytes = randomBytes(16);
  let rnd = '';
  for (const b of bytes) rnd += ALPHANUM[b % ALPHANUM.length];
  return {
    dir: join('AWSLogs', account, 'CloudTrail', region, y, mo, d),
    file: `${account}_CloudTrail_${region}_${y}${mo}${d}T${hh}${mm}Z_${rnd}.json.gz`,
  };
}
