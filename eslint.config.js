import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const sandboxOnly =
  'the sandbox stands in for StackOne: it imports only shared/ and packages, never the console';

/**
 * server/sandbox/** may import itself, shared/ and packages. A relative import leaves the sandbox when it
 * climbs one `../` more than the file lies deep in it; from there only `../shared/` is allowed. Patterns
 * match the import string, not the resolved file, hence one block per depth.
 */
const sandboxBoundary = [0, 1, 2, 3, 4].map((depth) => ({
  files: [`server/sandbox/${'*/'.repeat(depth)}*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { regex: `^(\\.\\./){${depth + 1}}(?!\\.\\./shared/)`, message: sandboxOnly },
          { group: ['@web/*'], message: sandboxOnly },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'web/route-tree.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/server/**', '**/web/**'] }],
    },
  },
  ...sandboxBoundary,
  {
    files: ['server/**/*.ts'],
    ignores: ['server/sandbox/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)sandbox/(?!start-sandbox\\.ts$)',
              message: 'the console reaches the sandbox only through server/sandbox/start-sandbox.ts',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/server/**'], allowTypeImports: true, message: 'web imports server only as types' },
          ],
        },
      ],
    },
  },
);
