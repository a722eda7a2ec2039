// PackedPolicySize: AWS packs session policies, policy ARNs and session tags into a compressed binary
// form with a fixed budget and reports the percentage used. The format is not public; rolechain
// compresses the same inputs with deflate against a budget calibrated so that AWS's documented
// limits (2,048 characters of inline policy, 10 policy ARNs, 50 tags of 128/256 characters) fit
// as they do in AWS for realistic inputs. The percentage is an approximation, the limit is enforced.
import { deflateRawSync } from 'node:zlib';
import type { Tag } from '../iam/model.js';

const BUDGET_BYTES = 2048;

export function packedPolicySize(
  policy: string | undefined,
  policyArns: readonly string[],
  tags: readonly Tag[],
): number {
  if (policy === undefined && policyArns.length === 0 && tags.length === 0) return 0;
  const minified = policy === undefined ? '' : JSON.stringify(JSON.parse(policy));
  const text = [minified, ...policyArns, ...tags.map((t) => `${t.Key}=${t.Value}`)].join('\n');
  const packed = deflateRawSync(Buffer.from(text, 'utf8')).length;
  return Math.max(1, Math.ceil((packed * 100) / BUDGET_BYTES));
}
