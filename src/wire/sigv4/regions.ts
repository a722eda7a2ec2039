// Which credential-scope regions a request may be signed for. rolechain is one endpoint for every region, so
// any region name of AWS's shape is accepted (clients pointed at a custom endpoint sign with their configured
// region, even for global services such as IAM); a scope that cannot be a region name ('', 'foo', 'US-EAST-1')
// gets AWS's "Credential should be scoped to a valid region" error.
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export function isRegionName(region: string): boolean {
  return REGION_NAME.test(region);
}
