// Lint: type-aware typescript-eslint, plus the architecture rules of STYLE.md (house habit 2).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const clockReads = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'domain/ is pure: take the time as a parameter instead of reading the clock.',
  },
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'domain/ is pure: take the time as a parameter instead of reading the clock.',
  },
  { selector: "CallExpression[callee.name='Date']", message: 'domain/ is pure: Date() reads the clock.' },
  {
    selector: "MemberExpression[object.name='performance'][property.name='now']",
    message: 'domain/ is pure: no clock reads.',
  },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: 'domain/ is pure: randomness is an input.',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'out/**', 'coverage/**', 'bin/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    // The plain-JavaScript build script bin/jmeg.js runs before any TypeScript is compiled: linted without types.
    files: ['scripts/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', console: 'readonly', performance: 'readonly' } },
  },
  {
    ignores: ['scripts/*.mjs'],
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    files: ['domain/**/*.ts'],
    ignores: ['domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'domain/ is pure: no Node built-ins.' })),
          patterns: [
            {
              group: [
                '**/db',
                '**/db/**',
                '**/activities/**',
                '**/api/**',
                '**/worker/**',
                '**/workflows/**',
                '**/cli/**',
              ],
              message: 'domain/ depends on nothing outside domain/.',
            },
            {
              group: [
                'pg',
                'kysely',
                'kysely/*',
                '@electric-sql/*',
                'nodemailer',
                '@temporalio/*',
                'fastify',
                'csv-parse',
                'csv-parse/*',
              ],
              message: 'domain/ does no I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'domain/ reads no environment: take settings as parameters.' },
        'fetch',
        'setTimeout',
        'setInterval',
      ],
      'no-restricted-syntax': ['error', ...clockReads],
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflows run in a deterministic sandbox: no Node built-ins; do I/O in activities.',
          })),
        },
      ],
      'no-restricted-globals': ['error', 'process'],
    },
  },
);
