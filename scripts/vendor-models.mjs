#!/usr/bin/env node
// Copies botocore's service models (the authoritative AWS operation shapes) into models/<svc>.json.gz,
// with documentation strings stripped: they are most of the bytes and the wire layer never reads them.
// usage: node scripts/vendor-models.mjs   (needs python3 with botocore)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync, constants } from 'node:zlib';

const SERVICES = ['iam', 'sts', 'organizations', 'cloudtrail', 'ec2', 's3'];
const DROP = new Set(['documentation', 'documentationUrl', 'deprecatedMessage']);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'models');
const [botocoreDir, botocoreVersion] = execFileSync(
  'python3',
  ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__));print(botocore.__version__)'],
  { encoding: 'utf8' },
)
  .trim()
  .split('\n');

function strip(v) {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) if (!DROP.has(k)) o[k] = strip(x);
    return o;
  }
  return v;
}

mkdirSync(outDir, { recursive: true });
const lines = [];
for (const svc of SERVICES) {
  const svcDir = join(botocoreDir, 'data', svc);
  const version = readdirSync(svcDir).sort().at(-1);
  const gz = join(svcDir, version, 'service-2.json.gz');
  const plain = join(svcDir, version, 'service-2.json');
  const raw = existsSync(gz) ? gunzipSync(readFileSync(gz)) : readFileSync(plain);
  const model = strip(JSON.parse(raw.toString('utf8')));
  const out = gzipSync(Buffer.from(JSON.stringify(model)), { level: constants.Z_BEST_COMPRESSION, mtime: 0 });
  writeFileSync(join(outDir, `${svc}.json.gz`), out);
  lines.push(
    `- ${svc}.json.gz: botocore/data/${svc}/${version}/service-2.json (${Object.keys(model.operations).length} operations)`,
  );
  console.log(`${svc} ${version}: ${out.length} bytes`);
}

writeFileSync(
  join(outDir, 'NOTICE'),
  `The files in this directory are AWS service models copied from botocore ${botocoreVersion}
(https://github.com/boto/botocore, botocore/data/<service>/<api-version>/service-2.json),
with documentation strings removed by scripts/vendor-models.mjs.

botocore is Copyright Amazon.com, Inc. or its affiliates, licensed under the Apache License,
Version 2.0 (http://www.apache.org/licenses/LICENSE-2.0).

${lines.join('\n')}
`,
);
