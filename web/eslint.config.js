// ESLint (flat config) for the web app: JS recommended + Vue 3 recommended. Formatting is
// prettier's (.prettierrc.json), so eslint-config-prettier turns the layout rules off.
// Run from web/: `npx eslint .` (scripts/lint.sh runs it; `--fix` there fixes what it can).
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import skipFormatting from 'eslint-config-prettier';
import globals from 'globals';

export default [
  { ignores: ['dist/**', 'public/**', 'node_modules/**', 'src/api/openapi.d.ts'] },
  js.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.{js,mjs,vue}'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser } },
    rules: {
      // `catch {}` and `_`-prefixed parameters say "deliberately unused".
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Pages are named after their route (Home, Search, Login): one word is the clearer name.
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['scripts/**/*.mjs', 'vite.config.js', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  skipFormatting,
];
