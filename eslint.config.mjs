// @ts-check
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layers (type:*) and owners (scope:*) of the workspace, enforced by Nx on every import.
 * The util package (reading input, locating, wording, time, rounding) imports nothing of ours;
 * a domain package may import only the util package; the facade composes the domains; the CLI
 * consumes only the facade. Tools and examples sit on top. See README "Package map".
 */
const depConstraints = [
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:none'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:util'] },
  { sourceTag: 'type:facade', onlyDependOnLibsWithTags: ['type:domain', 'type:util'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:facade'] },
  { sourceTag: 'type:example', onlyDependOnLibsWithTags: ['type:facade'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:facade', 'type:domain', 'type:app', 'type:tool'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:none'] },
  { sourceTag: 'scope:slo', onlyDependOnLibsWithTags: ['scope:slo', 'scope:shared'] },
  { sourceTag: 'scope:cost', onlyDependOnLibsWithTags: ['scope:cost', 'scope:shared'] },
  { sourceTag: 'scope:reliability', onlyDependOnLibsWithTags: ['scope:reliability', 'scope:shared'] },
  { sourceTag: 'scope:governance', onlyDependOnLibsWithTags: ['scope:governance', 'scope:shared'] },
  {
    sourceTag: 'scope:toolkit',
    onlyDependOnLibsWithTags: ['scope:slo', 'scope:cost', 'scope:reliability', 'scope:governance', 'scope:shared'],
  },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:toolkit'] },
  { sourceTag: 'scope:examples', onlyDependOnLibsWithTags: ['scope:toolkit'] },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['*'] },
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
