import { openStore } from '../../../src/store/index.js';
import { runContract } from './contract.js';

runContract({
  name: 'memory',
  propertyRuns: 200,
  fresh: async () => ({ store: await openStore({ memory: true }) }),
});
