// Phases 2-7 of IAM's validation, in IAM's order, after the shape check (syntax.ts). The order
// matters: when a document has several faults, IAM reports the one its earliest phase finds.
//   2 version (managed policies only)   3 legacy parse (Effect case, Date values, resources)
//   4 Sid characters and uniqueness     5 actions present   6 first resource format error
//   7 action vendors
// The kind-specific rules (kinds.ts) run after these.

import type { Draft, Parsed } from './syntax.js';
import { Msg, MalformedPolicyError } from './errors.js';
import { baseConditionOperator } from './operators.js';
import { isLegacyDateValue } from './dates.js';
import { passesLegacyResourceParse, resourceFormatError } from './resources.js';
import { actionError } from './actions.js';

const SID_RE = /^[0-9A-Za-z]*$/;

function fail(message: string): never {
  throw new MalformedPolicyError(message);
}

function legacyStatementOk(d: Draft): boolean {
  if (d.effectRaw !== 'Allow' && d.effectRaw !== 'Deny') return false;
  for (const c of d.statement.conditions) {
    if (!baseConditionOperator(c.operator)?.startsWith('Date')) continue;
    for (const v of c.values) if (!isLegacyDateValue(v)) return false;
  }
  return true;
}

/**
 * Resource format errors do not stop IAM at once: it records one (the last found, scanning each
 * statement's list in reverse lexicographic order, Resource lists before NotResource lists) and
 * reports it after the Sid and action checks; legacy-parse failures stop it immediately, but only
 * while no format error has been recorded.
 */
function scanResources(drafts: readonly Draft[]): string | undefined {
  let recorded: string | undefined;
  for (const key of ['resource', 'notResource'] as const) {
    for (const d of drafts) {
      const list = d.statement[key];
      if (!list) continue;
      // Scanning in reverse lexicographic order, the last error found is that of the smallest
      // failing resource: find it without sorting.
      let smallest: string | undefined;
      for (const r of list) {
        if ((smallest === undefined || r < smallest) && resourceFormatError(r) !== undefined) smallest = r;
      }
      if (smallest !== undefined) recorded = resourceFormatError(smallest);
      if (recorded === undefined && !list.every(passesLegacyResourceParse)) fail(Msg.legacy);
    }
  }
  return recorded;
}

export interface PhaseOptions {
  requireCurrentVersion: boolean;
  checkSidCharacters: boolean;
}

export function runCommonPhases(parsed: Parsed, opts: PhaseOptions): void {
  const { doc, drafts } = parsed;
  if (opts.requireCurrentVersion && doc.version !== '2012-10-17') fail(Msg.version);

  for (const d of drafts) if (!legacyStatementOk(d)) fail(Msg.legacy);
  const resourceError = scanResources(drafts);

  const sids = new Set<string>();
  for (const st of doc.statements) {
    if (st.sid === undefined || st.sid === '') continue;
    if (opts.checkSidCharacters && !SID_RE.test(st.sid)) fail(Msg.sidChars);
    if (sids.has(st.sid)) fail(Msg.sidUnique);
    sids.add(st.sid);
  }

  for (const st of doc.statements) {
    const list = st.action ?? st.notAction;
    if (!list || list.length === 0) fail(Msg.noActions);
  }

  if (resourceError !== undefined) fail(resourceError);

  for (const key of ['action', 'notAction'] as const) {
    for (const st of doc.statements) {
      for (const a of st[key] ?? []) {
        const e = actionError(a);
        if (e !== undefined) fail(e);
      }
    }
  }
}
