// `npm run bench`: fixed workloads; the last line printed is one JSON object with every figure.
import { runServerBench } from './server.js';

type Bench = { name: string; run: () => Promise<Record<string, number | string>> };

async function loadBenches(): Promise<Bench[]> {
  const benches: Bench[] = [];
  try {
    const engine = await import('./engine.js');
    benches.push({ name: 'engine', run: engine.runEngineBench });
  } catch (err) {
    console.error('bench: engine bench unavailable:', (err as Error).message);
  }
  benches.push({ name: 'server', run: () => runServerBench() });
  benches.push({ name: 'sts', run: async () => (await import('./sts.js')).runStsBench() });
  benches.push({ name: 'audit', run: async () => (await import('./audit.js')).runAuditBench() });
  benches.push({ name: 's3', run: async () => (await import('./s3.js')).runS3Bench() });
  return benches;
}

const results: Record<string, number | string> = {};
for (const b of await loadBenches()) {
  const t0 = Date.now();
  try {
    Object.assign(results, await b.run());
  } catch (err) {
    results[`${b.name}.error`] = String((err as Error).message).slice(0, 300);
  }
  console.error(`bench: ${b.name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
console.log(JSON.stringify(results));
