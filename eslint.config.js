// ESLint (flat config) with typescript-eslint's recommended rules, plus the layering rules of STYLE.md.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.data/**', 'bench/bundles/**', 'coverage/**', 'portal/dist/**', 'console/dist/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/functions/**', '**/infra/**', '**/local/**'] }],
    },
  },
  {
    files: ['shared/domain/**/*.ts', 'shared/http/**/*.ts', 'shared/routes/**/*.ts', 'functions/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', '**/functions/**', '**/infra/**', '**/local/**'] }],
    },
  },
  {
    // The front ends (portal, console) share web/ and call the API over HTTP: no backend code in a browser bundle.
    files: ['portal/**/*.ts', 'console/**/*.ts', 'web/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['#*', '**/shared/**', '**/functions/**', '**/infra/**', '**/local/**'] }],
    },
  },
  {
    files: ['web/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['#*', '**/shared/**', '**/functions/**', '**/infra/**', '**/local/**', '**/portal/**', '**/console/**'] }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
