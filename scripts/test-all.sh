#!/usr/bin/env bash
# Every test suite, in the order that fails fastest: types, lint, manifest, unit and
# integration tests (jest, with LibreOffice), the production build, then the Chromium test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-debian-packages.sh
mkdir -p test-artifacts

echo "== typecheck"; npx tsc -p tsconfig.json --noEmit
echo "== lint"; npx eslint src test
echo "== manifest"; bash scripts/validate-manifest.sh
echo "== jest"
npx jest --ci --json --outputFile=test-artifacts/jest.json
echo "== build"; npx webpack --mode production >test-artifacts/webpack.log 2>&1 || { cat test-artifacts/webpack.log; exit 1; }
npm run --silent build:cli
echo "== chromium end to end"; node test/e2e/run-e2e.js | tee test-artifacts/e2e.log

node -e '
const jest = require("./test-artifacts/jest.json");
const e2e = require("fs").readFileSync("test-artifacts/e2e.log", "utf8").match(/(\d+) passed, (\d+) failed/);
const passed = jest.numPassedTests + Number(e2e[1]);
const failed = jest.numFailedTests + Number(e2e[2]);
console.log(`all suites: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
'
