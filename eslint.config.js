// Lint rules: typescript-eslint's recommended set, plus the layering rule that keeps the
// policy engine pure (no Node built-ins, no I/O), so that it runs in a browser too.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.tmp/**', 'dist/**', 'node_modules/**', 'models/**', '.rolechain/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/policy/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'path', 'os', 'crypto', 'http', 'net', 'buffer', 'child_process'],
          patterns: [
            { group: ['node:*'], message: 'The policy engine is pure: no Node built-ins.' },
            {
              group: ['**/server/**', '**/services/**', '**/wire/**', '**/store/**', '**/cli/**'],
              message: 'The policy engine imports nothing outside src/policy.',
            },
          ],
        },
      ],
    },
  },
);
