// The engine modules this directory uses, re-exported from one place. Why: the eslint purity rule
// (patterns '../*' with '!../policy/*') also rejects imports between src/policy's own subdirectories,
// so the one sanctioned exception lives here instead of in every file. Once the rule lets
// src/policy/** import within src/policy, import these directly and delete this file.

/* eslint-disable no-restricted-imports */
export type { ConditionClause } from '../ast.js';
export type { ContextValue, RequestContext } from '../context.js';
export {
  compileTemplate,
  hasVariables,
  resolveKey,
  scanTemplate,
  templateVariables,
  type ScannedPart,
} from '../variables.js';
