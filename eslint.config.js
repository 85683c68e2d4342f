// Lint: typescript-eslint's recommended rules plus the Office add-in rules from
// eslint-plugin-office-addins (the rules `office-addin-lint` enforces: load before read,
// sync before read, no sync in a loop, isNullObject checks). Formatting is not linted.
const tseslint = require("typescript-eslint");
const officeAddins = require("eslint-plugin-office-addins");

module.exports = tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test-artifacts/**", "ar-desk-demo/**", "coverage/**", "**/*.js"] },
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Only code that talks to Office.js: the rules recognise Office's proxy methods by name
    // (getRange, getCell, …) and would misfire on ExcelJS, which uses the same names.
    files: ["src/excel/**/*.ts", "src/taskpane/**/*.ts", "src/taskpane/**/*.tsx", "src/commands/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-before-read": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-navigational-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
);
