// The policies tests' operation context: the shared test environment (memory store, bootstrapped
// management account, root caller).
import { opContext, testEnv, UNIT_ACCOUNT } from '../../../helpers/op-context.js';

export { call, UNIT_ACCOUNT } from '../../../helpers/op-context.js';

export async function ctx() {
  return opContext(await testEnv());
}

export const ACCOUNT = UNIT_ACCOUNT;
