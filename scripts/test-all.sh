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
echo "== no network"; node scripts/check-no-network.js | tee test-artifacts/network.log
echo "== chromium end to end"; node test/e2e/run-e2e.js | tee test-artifacts/e2e.log

node -e '
const jest = require("./test-artifacts/jest.json");
const fs = require("fs");
const counts = (file) => fs.readFileSync(file, "utf8").match(/(\d+) passed, (\d+) failed/).slice(1).map(Number);
const [e2ePassed, e2eFailed] = counts("test-artifacts/e2e.log");
const [netPassed, netFailed] = counts("test-artifacts/network.log");
const passed = jest.numPassedTests + e2ePassed + netPassed;
const failed = jest.numFailedTests + e2eFailed + netFailed;
console.log(`all suites: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
'
