#!/usr/bin/env node
"use strict";
// The command line runs from the compiled core (npm run build:cli), not through a TypeScript
// loader, so it starts quickly on big batches.
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "dist", "node", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("ar-desk: the command line is not built yet. Run `npm run build:cli` in the AR Desk folder first.\n");
  process.exit(3);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
