#!/usr/bin/env node
/*
 * Least privilege, checked on the production build: the only external host the add-in loads
 * is Office's own script (office.js from appsforoffice.microsoft.com). Any other http(s) address
 * in the built pages or scripts fails, except strings that are never fetched: XML namespace
 * names (which are identifiers, not requests) and React's error-decoder link (text of an error
 * message). The source must not use any network API either.
 * Prints "N passed, M failed" and exits non-zero on a failure.
 */
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const dist = path.resolve(process.argv[2] || path.join(root, "dist"));
const ALLOWED = [
  { pattern: /^https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js$/, why: "Office's own script" },
  { pattern: /^http:\/\/www\.w3\.org\/[\w./-]+$/, why: "an XML namespace name, never fetched" },
  { pattern: /^https:\/\/reactjs\.org\/docs\/error-decoder\.html\?invariant=$/, why: "text of React's error messages, never fetched" },
  { pattern: /^https?:\/\/json-schema\.org\/draft[\w/-]*\/schema#?$/, why: "JSON Schema dialect identifiers in zod, never fetched" },
  { pattern: /^http:\/\/\[\$\{e\}\]$/, why: "zod parses `new URL(\"http://[\" + address + \"]\")` to check IPv6 text; nothing is fetched" },
];
const NETWORK_APIS = /\b(fetch\s*\(|XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts)/;
/**
 * Network APIs inside third-party code that AR Desk never calls, recognised by a message next to
 * them and allowed only that many times, so any other use still fails.
 */
const DORMANT = [
  {
    marker: "An error occurred whilst receiving the response.",
    api: /XMLHttpRequest/g,
    count: 2,
    why: "liquidjs's loader of template files by URL; AR Desk hands liquidjs its templates in memory, so it never loads one",
  },
];
function withoutDormant(text) {
  for (const { marker, api, count } of DORMANT) {
    if (!text.includes(marker)) continue;
    let left = count;
    text = text.replace(api, (match) => (left-- > 0 ? "" : match));
  }
  return text;
}

let passed = 0;
let failed = 0;
const check = (ok, message) => {
  if (ok) passed++;
  else {
    failed++;
    console.log(`  ✗ ${message}`);
  }
};

if (!fs.existsSync(path.join(dist, "taskpane.html"))) {
  console.log("  ✗ no production build in dist/: run `npx webpack --mode production` first");
  console.log("0 passed, 1 failed");
  process.exit(1);
}
const built = fs.readdirSync(dist).filter((f) => /\.(js|html)$/.test(f));
for (const file of built) {
  const text = fs.readFileSync(path.join(dist, file), "utf8");
  const urls = text.match(/https?:\/\/[^"'`\s)<>\\]+/g) ?? [];
  for (const url of urls) check(ALLOWED.some((a) => a.pattern.test(url)), `${file} references ${url}`);
  check(!NETWORK_APIS.test(withoutDormant(text).replace(/https?:\/\/\S+/g, "")) || file.endsWith(".html"), `${file} uses a network API`);
}
const sources = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (/\.(ts|tsx|html)$/.test(entry.name)) sources.push(full);
  }
};
walk(path.join(root, "src"));
for (const file of sources) {
  const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
  check(!NETWORK_APIS.test(code), `${path.relative(root, file)} uses a network API`);
}
console.log(`no network: ${built.length} built files and ${sources.length} source files checked`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
