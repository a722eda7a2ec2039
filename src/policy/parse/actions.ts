// Action / NotAction strings: "*" or "vendor:name" with one colon and a vendor of [A-Za-z0-9.-].
// IAM does not check the name part (wildcards, even spaces, are accepted), only the vendor.
import { Msg } from './errors.js';

const VENDOR_RE = /^[A-Za-z0-9.-]*$/;

/** The IAM error for `action`, or undefined if IAM accepts it. */
export function actionError(action: string): string | undefined {
  const colon = action.indexOf(':');
  if (colon < 0) return action === '*' ? undefined : Msg.vendor;
  if (action.indexOf(':', colon + 1) >= 0) return Msg.oneColon;
  const vendor = action.slice(0, colon);
  if (vendor !== '*' && !VENDOR_RE.test(vendor)) return Msg.vendorInvalid(vendor);
  return undefined;
}
