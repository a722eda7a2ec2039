// Child process of the SQLite kill -9 test: writes as fast as it can and prints each acknowledged write's
// number on stdout, until the parent SIGKILLs it.
import { openStore } from '../../../src/store/index.js';

const [dataDir, synchronous] = process.argv.slice(2) as [string, 'FULL' | 'NORMAL'];
const store = await openStore({ dataDir, sqliteSynchronous: synchronous });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await store.put({
    kind: 'k',
    account: 'a',
    id: `id${i}`,
    name: `name${i}`,
    data: { i, pad: 'x'.repeat(200) },
  });
  if (i % 10 === 0) await store.putSetting('last', i);
  process.stdout.write(`${i}\n`);
}
