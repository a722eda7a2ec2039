#!/usr/bin/env node
// The rolechain command. The TypeScript sources are compiled to dist/ by `npm ci` (the prepare script).
import('../dist/src/cli/main.js').then(
  (m) => m.main(process.argv.slice(2)),
  (err) => {
    console.error('rolechain: cannot load dist/ (run `npm ci` or `npm run build` first):', err.message);
    process.exit(1);
  },
);
