// ESLint (flat config): `npm run lint` = `eslint . --max-warnings 0`, run by .ci/run before the tests.
// A small rule set: ESLint's and typescript-eslint's recommended rules, two type-aware rules
// about promises (a promise nobody awaits hides its failure), the rules of React hooks, and the
// dependency check between plugins, kernel and app (docs/architecture.md).
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
// ESLint's own parser (a dependency of eslint): typescript-eslint's would accept ES2015+ syntax in ES5 code.
import * as espree from 'espree';

// The dependency check (docs/architecture.md): a plugin imports no other plugin's files, and
// neither the kernel (src/shared) nor the rest of the app does, except the demo/test data builder
// (src/seed). Each relative import is resolved against the importing file, so the rule sees
// where it lands whatever the number of `../` (a pattern on the import's text, as in
// no-restricted-imports, cannot tell `../../../pipeline/...` from a folder of the plugin's own).
const PLUGINS_DIR = path.join(import.meta.dirname, 'src', 'plugins');
const SRC_DIR = path.join(import.meta.dirname, 'src');
/** The plugin a path is inside, or null. */
const pluginOf = (file) => {
  const rel = path.relative(PLUGINS_DIR, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep)[0];
};
const isJestModuleCall = (callee) =>
  callee.type === 'MemberExpression' &&
  callee.object.type === 'Identifier' &&
  callee.object.name === 'jest' &&
  callee.property.type === 'Identifier' &&
  ['mock', 'doMock', 'requireActual'].includes(callee.property.name);
const boundaries = {
  rules: {
    'no-cross-plugin-imports': {
      meta: {
        type: 'problem',
        docs: { description: "Forbids importing another plugin's files (see docs/architecture.md)" },
        schema: [],
        messages: {
          crossPlugin:
            "The {{from}} plugin may not import the {{to}} plugin's files ({{source}}): move what both need to src/shared/server or src/shared/admin, or call strapi.plugin('{{to}}').service(...) through a contract typed in src/shared (or a registry); see docs/architecture.md.",
          appToPlugin:
            "{{area}} may not import a plugin's files ({{source}}): move what it needs to src/shared/server or src/shared/admin, or call strapi.plugin('{{to}}').service(...) through a contract typed in src/shared; see docs/architecture.md.",
        },
      },
      create(context) {
        const file = context.filename;
        const fromPlugin = pluginOf(file);
        const area = path.relative(SRC_DIR, file).split(path.sep)[0];
        // Outside src/ or in the demo/test data builder: nothing to check.
        if (fromPlugin === null && (area.startsWith('..') || area === 'seed')) return {};
        const check = (node) => {
          if (!node || node.type !== 'Literal' || typeof node.value !== 'string' || !node.value.startsWith('.')) return;
          const to = pluginOf(path.resolve(path.dirname(file), node.value));
          if (to === null || to === fromPlugin) return;
          if (fromPlugin) context.report({ node, messageId: 'crossPlugin', data: { from: fromPlugin, to, source: node.value } });
          else context.report({ node, messageId: 'appToPlugin', data: { area: `src/${area}`, to, source: node.value } });
        };
        return {
          ImportDeclaration: (node) => check(node.source),
          ExportNamedDeclaration: (node) => check(node.source),
          ExportAllDeclaration: (node) => check(node.source),
          ImportExpression: (node) => check(node.source),
          TSImportEqualsDeclaration: (node) => node.moduleReference.type === 'TSExternalModuleReference' && check(node.moduleReference.expression),
          CallExpression: (node) => {
            if ((node.callee.type === 'Identifier' && node.callee.name === 'require') || isJestModuleCall(node.callee)) check(node.arguments[0]);
          },
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      'dist/',
      'build/',
      '.strapi/',
      '.tmp/',
      '.cache/',
      '.data/',
      'public/',
      'coverage/',
      'test-results/',
      'backups/',
      'exports/',
      // written by `strapi ts:generate-types`
      'types/generated/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_` marks a parameter or a destructured value left out on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  // Type-aware rules: every TypeScript file belongs to one of the three projects that
  // `npm run typecheck` checks (server, admin, tests).
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './src/admin/tsconfig.json', './tests/tsconfig.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // An async onClick/onChange handler is the usual React idiom; elsewhere a promise where
      // a void callback is expected is an error.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  // The admin (browser code).
  {
    files: ['src/admin/**/*.{ts,tsx}', 'src/plugins/*/admin/**/*.{ts,tsx}', 'src/shared/admin/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // The dependency check: plugins, kernel and app code (see the rule above and docs/architecture.md).
  {
    files: ['src/**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { boundaries },
    rules: { 'boundaries/no-cross-plugin-imports': 'error' },
  },
  // Plain JavaScript (scripts, bench, migrations, jest config): CommonJS where it is .js.
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The portal pages' script (served as is to old browsers): ES5, a browser script, no module.
  // Type-checked from its JSDoc by its own tsconfig (npm run typecheck).
  {
    files: ['src/plugins/portal/server/src/pages/portal.js'],
    languageOptions: { parser: espree, ecmaVersion: 5, sourceType: 'script', globals: { ...globals.browser } },
    rules: { 'no-var': 'off' },
  },
);
