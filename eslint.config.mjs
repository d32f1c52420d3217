// Lint, with the house rule that imports flow one way: core <- aws <- explorer/inspector <- extension.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = { name: 'vscode', message: 'This folder must run without VS Code.' };
const upward = (folders) =>
  folders.map((f) => ({
    group: [`**/${f}`, `**/${f}/**`],
    message: `Imports flow one way; this folder may not import ${f}.`,
  }));
const noEbml = {
  name: 'ebml',
  message: 'ebml patches global Map/Array.from when loaded; it is a bench/ baseline only.',
};
// One entry per folder: a later entry for the same files would replace this rule, not add to it.
const restrict = (files, paths, patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths: [noEbml, ...paths], patterns }] },
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', '.cache/**', '.vscode-test/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['webview/**/*.ts'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  restrict(
    ['src/core/**/*.ts'],
    [noVscode],
    upward(['aws', 'explorer', 'inspector', 'fragments', 'extension', 'protocol']),
  ),
  restrict(['src/aws/**/*.ts'], [noVscode], upward(['explorer', 'inspector', 'fragments', 'extension'])),
  restrict(['src/explorer/**/*.ts'], [], upward(['inspector', 'extension'])),
  restrict(['src/inspector/**/*.ts'], [], upward(['explorer', 'fragments', 'extension'])),
  restrict(['src/fragments/**/*.ts'], [], upward(['explorer', 'extension'])),
  restrict(['src/protocol.ts'], [noVscode], upward(['aws', 'explorer', 'inspector', 'extension'])),
  restrict(
    ['webview/**/*.ts'],
    [noVscode],
    [
      {
        regex: '^\\.\\./src/(?!protocol(\\.js)?$|core/filter$)',
        message: 'webview/ imports only src/protocol (type-only) and the filter language (src/core/filter).',
      },
      {
        regex: '(^|/)(aws|explorer|inspector)(/|$)|(^|/)core/(?!filter$)',
        message: 'webview/ imports only src/protocol and src/core/filter.',
      },
    ],
  ),
  restrict(['kvs-local/**/*.ts'], [noVscode], upward(['aws', 'explorer', 'inspector', 'extension'])),
  restrict(['src/demo/demo-server.ts'], [noVscode], upward(['explorer', 'inspector', 'extension'])),
  restrict(['src/extension.ts'], [], []),
);
