// Runs test/unit/wire/botocore_bridge.py (botocore in python3) on a batch of tasks.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

function bridgePath(): string {
  // Works from test/unit/wire (tsx) and dist/test/unit/wire (compiled): find the .py next to the source.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'test', 'unit', 'wire', 'botocore_bridge.py');
    if (existsSync(p)) return p;
    const here = join(dir, 'botocore_bridge.py');
    if (existsSync(here)) return here;
    dir = dirname(dir);
  }
  throw new Error('botocore_bridge.py not found');
}

export type BotoResult = { ok?: any; error?: string };

export function botocore(tasks: object[]): BotoResult[] {
  const r = spawnSync('python3', [bridgePath()], {
    input: JSON.stringify(tasks),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`botocore bridge failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as BotoResult[];
}

export function botoOk(tasks: object[]): any[] {
  return botocore(tasks).map((x, i) => {
    if (x.error) throw new Error(`botocore task ${i} failed: ${x.error}`);
    return x.ok;
  });
}
