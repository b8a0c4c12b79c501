import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import { builtinModules } from 'node:module'

// Layering (../shared/guides/architecture.md): core is pure and imports nothing from
// the contexts; shared imports only core; contexts import core and shared, never each other.
const contexts = ['background', 'popup', 'content', 'options', 'offscreen']
const messagingMessage = 'Messaging goes through src/shared/serve.ts (listening), messaging.ts or background-messaging.ts (sending).'
const messagingOutsideItsModules = [
  {
    selector:
      'MemberExpression[property.name=/^(onMessage|sendMessage|onMessageExternal|connect|onConnect)$/][object.property.name=/^(runtime|tabs)$/]',
    message: messagingMessage,
  },
  { selector: 'MemberExpression[property.name=/^(onMessage|sendMessage)$/][object.name=/^(runtime|tabs)$/]', message: messagingMessage },
]
const layer = (name, forbidden, message) => ({
  files: [`src/${name}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((dir) => ({ group: [`**/${dir}/*`, `**/${dir}`], message })),
          // The background's side of messaging would only add weight to pages and the content script.
          ...(name === 'background' || name === 'shared'
            ? []
            : [{ group: ['**/shared/background-messaging.ts'], message: 'Only the background serves requests and messages tabs.' }]),
        ],
      },
    ],
  },
})

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-firefox/',
      'dist-e2e-capture/',
      'packages/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
    ],
  },
  js.configs.recommended,
  // Type-aware rules: each file is checked with the types of the TypeScript project (tsconfig.json).
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.webextensions },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-throw-literal': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `async () => value` is how this code implements a Promise-returning interface (and its
      // fakes in tests) without awaiting anything: it also turns a throw into a rejection, which
      // callers rely on. Not a missing await.
      '@typescript-eslint/require-await': 'off',
      // Preact ignores what an event handler returns; views' handlers call model actions, which
      // catch and show their own errors (app-model's run, the import and export pages' models).
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      // Playwright fixtures take an empty destructuring pattern by design.
      'no-empty-pattern': 'off',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'chrome', message: 'src/core is pure: no extension APIs.' },
        { name: 'browser', message: 'src/core is pure: no extension APIs.' },
        { name: 'document', message: 'src/core is pure: no DOM.' },
        { name: 'window', message: 'src/core is pure: no DOM.' },
      ],
    },
  },
  // Plain JavaScript (scripts, the bench, this file) is not type-checked (checkJs is off): no type-aware rules there.
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/**', 'e2e/**', 'bench/**', 'test/**', '*.config.*'], languageOptions: { globals: globals.node } },
  layer('shared', contexts, 'src/shared may only import src/core.'),
  ...contexts.map((c) =>
    layer(
      c,
      contexts.filter((o) => o !== c),
      `src/${c} must not import another context; share code through src/core or src/shared.`,
    ),
  ),
  // Production code (src/, tests left out) never reaches test support or Node's built-ins: fixtures and
  // helpers live under test/, and src/ runs in the browser. A second rule slot (typescript-eslint's copy
  // of no-restricted-imports) so this adds to the layering above instead of replacing it.
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: 'src/ runs in the browser: no Node built-ins outside tests.' })),
          patterns: [
            { group: ['**/test/*', '**/test/**'], message: 'Test support lives under test/: production code must not import it.' },
            { group: ['node:*'], message: 'src/ runs in the browser: no Node built-ins outside tests.' },
          ],
        },
      ],
    },
  },
  {
    // One messaging module per side: serve.ts listens, messaging.ts (pages, content script) and
    // background-messaging.ts (the background) send. Everything else goes through them. The popup's
    // first script (src/popup/opening.ts) sends openPopup before any module loads; first-opening.ts unwraps it.
    files: ['src/**/*.{ts,tsx}'],
    ignores: [
      'src/shared/serve.ts',
      'src/shared/messaging.ts',
      'src/shared/background-messaging.ts',
      'src/popup/opening.ts',
      'src/**/*.test.{ts,tsx}',
    ],
    rules: { 'no-restricted-syntax': ['error', ...messagingOutsideItsModules] },
  },
  {
    // Views read models and call their actions: a signal reached through a model (`accounts.query.value = …`)
    // is never written from a view. A view's own useSignal state (`open.value = …`) is its own to write, and
    // so is a form field (`e.currentTarget.value = ''`). (The rule list replaces the one above for these files.)
    files: ['src/popup/views/**/*.{ts,tsx}', 'src/popup/app.tsx', 'src/options/*-app.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...messagingOutsideItsModules,
        {
          selector:
            "AssignmentExpression > MemberExpression.left[property.name='value'][object.type='MemberExpression']:not([object.property.name=/^(currentTarget|target)$/])",
          message: "Views do not write a model's signals: call one of the model's actions.",
        },
        {
          selector:
            "UpdateExpression > MemberExpression.argument[property.name='value'][object.type='MemberExpression']:not([object.property.name=/^(currentTarget|target)$/])",
          message: "Views do not write a model's signals: call one of the model's actions.",
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/background/*', '**/popup/*', '**/content/*', '**/options/*', '**/shared/*'],
              message: 'src/core is pure: it must not import browser contexts or messaging.',
            },
            { group: ['webextension-polyfill'], message: 'src/core is pure: no extension APIs.' },
          ],
        },
      ],
    },
  },
)
