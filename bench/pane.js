#!/usr/bin/env node
/**
 * Task pane benchmark (issue #7, part 4). Prints, it does not assert:
 *   - first-load JavaScript of the production build, gzip: the scripts taskpane.html loads
 *     before anything is clicked (lazily loaded chunks are listed apart);
 *   - time from navigation to interactive in headless Chromium: the "Refresh aging" button is
 *     there and the pane has looked for the invoice tables. That build is the production build
 *     with the fake Excel host in place of Office.js (there is no Excel here), so it measures our
 *     code, not office.js from Microsoft's CDN.
 *
 *   node bench/pane.js        (npm run bench runs it)
 */
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const zlib = require("zlib");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "test-artifacts", "bench-pane");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const LOADS = 5;

function webpack(outDir, ...env) {
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const args = [cli, "--mode", "production", "--env", `outDir=${outDir}`, ...env.flatMap((e) => ["--env", e])];
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: 300_000 });
  if (run.status !== 0) throw new Error(`webpack failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
}

const gzipKb = (file) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length / 1024;

/** The scripts an HTML page loads by itself, as files in its folder. */
function scriptsOf(htmlFile) {
  const html = fs.readFileSync(htmlFile, "utf8");
  // Minified HTML drops the quotes around attribute values.
  return [...html.matchAll(/<script[^>]*\ssrc=(?:"([^"]+)"|([^\s>]+))/g)].map((m) => m[1] ?? m[2]).filter((src) => !/^https?:/.test(src));
}

function firstLoad() {
  const dir = path.join(OUT, "prod");
  webpack(dir);
  const initial = scriptsOf(path.join(dir, "taskpane.html"));
  const initialKb = initial.reduce((sum, src) => sum + gzipKb(path.join(dir, src)), 0);
  const lazy = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".js") && !initial.includes(f) && f !== "commands.js")
    .map((f) => ({ file: f, kb: gzipKb(path.join(dir, f)) }));
  return { initial, initialKb, lazy };
}

function serve(dir) {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)));
    if (!file.startsWith(dir + path.sep) || !fs.existsSync(file)) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": file.endsWith(".html") ? "text/html" : file.endsWith(".js") ? "text/javascript" : "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function timeToInteractive() {
  const dir = path.join(OUT, "e2e");
  webpack(dir, "e2e");
  const server = await serve(dir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { chromium } = require("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  const times = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 720 } });
      const page = await context.newPage();
      await page.goto(`${origin}/taskpane.e2e.html?seed=invoices`);
      await page.getByRole("button", { name: "Refresh aging" }).waitFor();
      await page.locator('main[data-tables="ready"]').waitFor();
      // performance.now() counts from the navigation's start.
      times.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], best: times[0] };
}

async function main() {
  const load = firstLoad();
  console.log(`pane    first-load JS (production, gzip): ${load.initialKb.toFixed(0)} KB in ${load.initial.join(", ")} (target ≤ 350 KB)`);
  for (const chunk of load.lazy) console.log(`pane      loaded on demand: ${chunk.file} ${chunk.kb.toFixed(0)} KB gzip`);
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`pane    time to interactive: not measured, ${CHROMIUM} is missing (apt-get install -y chromium)`);
    return;
  }
  const tti = await timeToInteractive();
  console.log(`pane    navigation to interactive, headless Chromium, fake host: median ${tti.median.toFixed(0)} ms (best ${tti.best.toFixed(0)} ms, ${LOADS} loads)`);
}

main().catch((error) => {
  console.error(`pane bench failed: ${error.message}`);
  process.exit(1);
});
