// API calls are recorded once the replies of their event-loop turn are written (AuditRecorder.afterReplies,
// called by the reply batches of both HTTP paths), not before: a call is in the store soon after its reply
// without anything asking for it (no LookupEvents, no close), on the fast path and on node:http's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { startServerInProcess, TEST_ACCOUNT, TEST_ROOT_KEY, TEST_ROOT_SECRET } from '../../helpers/server.js';

for (const fastPath of ['1', '0']) {
  test(`a call is stored after its reply, unasked (HTTP fast path ${fastPath === '1' ? 'on' : 'off'})`, async () => {
    process.env.ROLECHAIN_HTTP_FAST_PATH = fastPath;
    const srv = await startServerInProcess();
    try {
      const sts = new STSClient({
        endpoint: srv.url,
        region: 'us-east-1',
        credentials: { accessKeyId: TEST_ROOT_KEY, secretAccessKey: TEST_ROOT_SECRET },
      });
      const before = await srv.env.store.queryEvents({ account: TEST_ACCOUNT, limit: 100 });
      const { $metadata } = await sts.send(new GetCallerIdentityCommand({}));
      let found = false;
      for (let i = 0; i < 50 && !found; i++) {
        await sleep(10);
        const events = await srv.env.store.queryEvents({ account: TEST_ACCOUNT, limit: 100 });
        found = events.some((e) => e.name === 'GetCallerIdentity' && !before.some((b) => b.id === e.id));
        if (found) assert.ok(events.some((e) => JSON.parse(e.json).requestID === $metadata.requestId));
      }
      assert.ok(found, 'the call was not stored');
    } finally {
      await srv.close();
      delete process.env.ROLECHAIN_HTTP_FAST_PATH;
    }
  });
}
