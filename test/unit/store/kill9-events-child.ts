// Child process of the events kill -9 test: appends audit events as fast as it can and prints each
// acknowledged append's number on stdout, until the parent SIGKILLs it.
import { openStore } from '../../../src/store/index.js';

const [dataDir] = process.argv.slice(2) as [string];
const store = await openStore({ dataDir });
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  await store.appendEvents([
    {
      account: '123456789012',
      time: new Date(1_700_000_000_000 + i),
      id: `ev${i}`,
      name: 'AssumeRole',
      source: 'sts.amazonaws.com',
      readOnly: false,
      resources: [{ type: 'AWS::IAM::Role', name: `role${i}` }],
      json: JSON.stringify({ eventID: `ev${i}`, pad: 'x'.repeat(2000) }),
    },
  ]);
  process.stdout.write(`${i}\n`);
}
