// The engine's AST types, re-exported for this directory. The one import of ../ast.js lives here
// because eslint.config.js's "'../*'" pattern (meant for files directly in src/policy) also flags
// subdirectories' imports of src/policy itself; remove the directive once that pattern is fixed.
export type * from '../ast.js';
