// @ts-check
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers (type:*) and owners (scope:*) of the workspace, enforced by Nx on every import.
 * Layers: the util package (reading input, locating, wording, time, rounding) imports nothing of
 * ours; a domain package imports the util package (and, by layer, other domains, but see owners);
 * the facade composes the domains; the CLI and the examples consume only the facade; tools may use
 * anything but the examples. Owners: a domain never imports another domain.
 * Each constraint forbids something no other one does, so removing any single one lets an import
 * through that `tools/checks/src/boundaries.test.ts` tries (it tests each removal).
 * See README "Package map".
 */
const depConstraints = [
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:none'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:util', 'type:domain'] },
  { sourceTag: 'type:facade', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:facade'] },
  { sourceTag: 'type:example', onlyDependOnLibsWithTags: ['type:facade'] },
  {
    sourceTag: 'type:tool',
    onlyDependOnLibsWithTags: ['type:facade', 'type:domain', 'type:util', 'type:app', 'type:tool'],
  },
  { sourceTag: 'scope:slo', notDependOnLibsWithTags: ['scope:cost', 'scope:reliability', 'scope:governance'] },
  { sourceTag: 'scope:cost', notDependOnLibsWithTags: ['scope:slo', 'scope:reliability', 'scope:governance'] },
  { sourceTag: 'scope:reliability', notDependOnLibsWithTags: ['scope:slo', 'scope:cost', 'scope:governance'] },
  { sourceTag: 'scope:governance', notDependOnLibsWithTags: ['scope:slo', 'scope:cost', 'scope:reliability'] },
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.nx/**', '**/.test-results/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', '*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { '@nx': nx, 'import-x': importX },
    settings: {
      // Sources import each other as `./x.js`; resolve that to the `.ts` file beside it.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      // No import loops between files: a module's dependencies never import it back.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          // Build and test configuration shared from the workspace root, and the tests' one
          // "in CI? may a tool be missing?" helper (test-env.ts), imported from any depth.
          allow: ['../../vitest.shared.js', '../../tsup.shared.js', '../vitest.shared.js', '^(\\.\\./)+test-env\\.js$'],
          depConstraints,
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // One name per thing: named exports only (config files below need a default).
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use a named export.' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.config.ts', '**/*.config.mjs', 'eslint.config.mjs'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['tools/**', '**/*.test.ts', 'examples/**'],
    rules: { 'no-console': 'off' },
  },
);
