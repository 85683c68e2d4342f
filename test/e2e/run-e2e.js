#!/usr/bin/env node
/**
 * End to end in a real browser: builds the task pane in e2e mode (webpack --env e2e), serves it
 * on 127.0.0.1 with a tiny http server, drives Debian's Chromium with playwright-core, and checks
 * the numbers the pane writes into the fake Excel host (test/support/fakeExcel, installed as
 * Office/Excel by test/e2e/harness/installFake.ts) against hand-computed ones (expected.js).
 *
 *   node test/e2e/run-e2e.js          # or: npm run test:e2e
 *
 * Artifacts: test-artifacts/taskpane.png, taskpane-error.png, issues.png, table-picker.png, settings.png, risk.png. Exits non-zero on any failure;
 * the last line is "N passed, M failed". Never downloads a browser.
 */
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..", "..");
const ARTIFACTS = path.join(ROOT, "test-artifacts");
const DIST = path.join(ARTIFACTS, "e2e-dist");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const EXPECTED = require("./expected");
const testReminders = require("./remindersE2e");
const PAGE = "taskpane.e2e.html";
const TIMEOUT_MS = 30_000;
/** The whole run, build included, must finish within this. */
const RUN_LIMIT_MS = 5 * 60_000;

const results = [];
function record(name, error) {
  results.push({ name, error });
  console.log(error ? `  ✗ ${name}\n      ${String(error && error.message ? error.message : error).split("\n").join("\n      ")}` : `  ✓ ${name}`);
}
async function check(name, fn) {
  try {
    await fn();
    record(name);
  } catch (error) {
    record(name, error);
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function finish() {
  const failed = results.filter((r) => r.error).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || results.length === 0 ? 1 : 0;
}

function build() {
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  const run = spawnSync(process.execPath, [cli, "--mode", "development", "--env", "e2e", "--env", `outDir=${DIST}`], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 180_000,
  });
  if (run.status !== 0) {
    throw new Error(`webpack e2e build failed (exit ${run.status}${run.signal ? `, ${run.signal}` : ""}):\n${run.stdout}\n${run.stderr}`);
  }
  assert(fs.existsSync(path.join(DIST, PAGE)), `the e2e build did not write ${PAGE}`);
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".png": "image/png", ".map": "application/json", ".txt": "text/plain; charset=utf-8" };

/** Serves DIST on 127.0.0.1, on a free port. */
function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    const file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve(server));
  });
}

/** A fresh page on the pane with the given seed; records page errors and blocks every non-local request. */
async function openPane(browser, origin, seed) {
  const context = await browser.newContext({ viewport: { width: 360, height: 720 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  const external = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith("data:")) return route.continue();
    external.push(url);
    return route.abort();
  });
  await page.goto(`${origin}/${PAGE}?seed=${seed}`);
  await page.waitForFunction(() => Boolean(window.__e2e && window.__e2e.ready));
  await page.getByRole("button", { name: "Refresh aging" }).waitFor();
  // The pane looks for the invoice tables on load (one Excel.run); count from after that.
  await page.locator('main[data-tables="ready"]').waitFor();
  await page.evaluate(() => window.__e2e.resetStats());
  return { context, page, problems, external };
}

const cents = (value) => (typeof value === "number" ? Math.round(value * 100) : value);
const money = (c) => (typeof c === "number" ? (c / 100).toFixed(2) : JSON.stringify(c));

/** The aging table in the sheet's values: header row, customer rows, totals row. */
function agingTable(values, width = EXPECTED.headers.length) {
  const headerRow = values.findIndex((row) => row[0] === "Customer");
  assert(headerRow >= 0, `no "Customer" header row in AR Aging; sheet values:\n${JSON.stringify(values)}`);
  const headers = values[headerRow].slice(0, width);
  const body = [];
  let r = headerRow + 1;
  for (; r < values.length && values[r][0] !== "" && values[r][0] !== null && !/^total/i.test(String(values[r][0])); r++) body.push(values[r]);
  return { headers, body, totals: values[r] };
}

async function testSuccess(browser, origin) {
  const { context, page, problems, external } = await openPane(browser, origin, "invoices");
  try {
    let invoicesBefore;
    await check("the pane boots on the fake host with today's date and a Refresh aging button", async () => {
      const value = await page.getByTestId("as-of").inputValue();
      assert(/^\d{4}-\d{2}-\d{2}$/.test(value), `as-of field should hold an ISO date, holds "${value}"`);
      assert(await page.getByText("AR Desk", { exact: true }).isVisible(), 'header "AR Desk" not visible');
      invoicesBefore = await page.evaluate(() => window.__e2e.sheetValues("Invoices"));
    });

    await check(`refresh as of ${EXPECTED.asOf} shows the success message with counts`, async () => {
      await page.getByTestId("as-of").fill(EXPECTED.asOf);
      await page.getByRole("button", { name: "Refresh aging" }).click();
      const success = page.getByTestId("success");
      await success.waitFor();
      const text = await success.innerText();
      assert(text.includes(EXPECTED.headline), `success message should include\n  ${EXPECTED.headline}\nbut reads\n  ${text}`);
      assert(text.includes(EXPECTED.skippedLine), `success message should list the skipped cell: ${EXPECTED.skippedLine}\nbut reads\n  ${text}`);
      assert(text.includes(`as of ${EXPECTED.asOf}`), `success message should name the as-of date; reads\n  ${text}`);
    });

    await check("the pane shows the key figures", async () => {
      const text = await page.getByTestId("kpis").innerText();
      for (const line of EXPECTED.kpis) assert(text.includes(line), `key figures should include "${line}"; read\n  ${text}`);
      assert(/DSO \(standard, last 90 days\): (\d+(\.\d)? days \(AR at the as-of date [\d,.]+, credit sales in the period [\d,.]+, days in the period 90\)|not available \(.+\))/.test(text), `key figures should give DSO with its inputs, or why not; read\n  ${text}`);
    });

    await page.screenshot({ path: path.join(ARTIFACTS, "taskpane.png"), fullPage: true });

    const values = await page.evaluate(() => window.__e2e.sheetValues("AR Aging"));
    await check("the AR Aging sheet has the bucket headers", async () => {
      const { headers } = agingTable(values);
      assert(JSON.stringify(headers) === JSON.stringify(EXPECTED.headers), `headers ${JSON.stringify(headers)} ≠ ${JSON.stringify(EXPECTED.headers)}`);
    });

    await check("each customer's buckets and total match the hand-computed aging to the cent", async () => {
      const { body } = agingTable(values);
      const names = body.map((row) => row[0]);
      assert(names.length === Object.keys(EXPECTED.customers).length, `customers ${JSON.stringify(names)} ≠ ${JSON.stringify(Object.keys(EXPECTED.customers))}`);
      const wrong = [];
      for (const [customer, expected] of Object.entries(EXPECTED.customers)) {
        const row = body.find((r) => r[0] === customer);
        if (!row) {
          wrong.push(`${customer}: missing`);
          continue;
        }
        expected.forEach((want, i) => {
          const got = cents(row[i + 1]);
          if (got !== want) wrong.push(`${customer} ${EXPECTED.headers[i + 1]}: ${money(got)} ≠ ${money(want)}`);
        });
      }
      assert(wrong.length === 0, wrong.join("\n"));
    });

    await check("customers are listed most overdue first", async () => {
      const names = agingTable(values).body.map((row) => row[0]);
      assert(JSON.stringify(names) === JSON.stringify(EXPECTED.order), `order ${JSON.stringify(names)} ≠ ${JSON.stringify(EXPECTED.order)}`);
    });

    await check("the totals row matches the hand-computed totals to the cent", async () => {
      const { totals } = agingTable(values);
      assert(totals, "no totals row below the customers");
      const wrong = [];
      EXPECTED.totals.forEach((want, i) => {
        const got = cents(totals[i + 1]);
        if (got !== want) wrong.push(`total ${EXPECTED.headers[i + 1]}: ${money(got)} ≠ ${money(want)}`);
      });
      assert(wrong.length === 0, `${wrong.join("\n")}\ntotals row: ${JSON.stringify(totals)}`);
    });

    await check("the refresh also wrote the AR Data Issues sheet, listing the skipped cell", async () => {
      const names = await page.evaluate(() => window.__e2e.sheetNames());
      assert(names.includes("AR Data Issues"), `sheets after the refresh: ${JSON.stringify(names)}`);
      const issues = await page.evaluate(() => window.__e2e.sheetValues("AR Data Issues"));
      // The cell column holds a hyperlink to the cell: =HYPERLINK("#'Invoices'!E9","E9").
      assert(issues.some((row) => row.includes("amount-not-number") && row.some((v) => String(v).includes("E9"))), `no finding at E9 on AR Data Issues:\n${JSON.stringify(issues)}`);
    });

    await check("the user's invoice table is left unchanged", async () => {
      const after = await page.evaluate(() => window.__e2e.sheetValues("Invoices"));
      assert(JSON.stringify(after) === JSON.stringify(invoicesBefore), "the Invoices sheet changed during the refresh");
    });

    await check("the refresh ran in one Excel.run, never over the request limit, without browser errors", async () => {
      const stats = await page.evaluate(() => window.__e2e.stats());
      console.log(`      fake host stats: ${JSON.stringify(stats)}`);
      assert(stats.runCount === 1, `Excel.run called ${stats.runCount} times for one click`);
      assert(stats.rejectedSyncs === 0, `${stats.rejectedSyncs} sync(s) rejected by the host`);
      assert(stats.tableRowAddCalls === 0, `TableRowCollection.add called ${stats.tableRowAddCalls} times`);
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await context.close();
  }
}

async function testError(browser, origin) {
  const { context, page, problems, external } = await openPane(browser, origin, "no-invoices");
  try {
    await check("without an invoice table the pane shows an error naming the problem and the tables seen", async () => {
      await page.getByRole("button", { name: "Refresh aging" }).click();
      const error = page.getByTestId("error");
      await error.waitFor();
      const text = await error.innerText();
      assert(/No invoice table found/.test(text), `error message should say "No invoice table found"; reads\n  ${text}`);
      assert(text.includes("Contacts"), `error message should list the table it saw ("Contacts"); reads\n  ${text}`);
      assert(!/\bat \S+ \(|\.tsx?:\d+/.test(text), `error message shows a stack trace:\n  ${text}`);
      await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-error.png"), fullPage: true });
    });

    await check("the failed refresh wrote no AR Aging sheet", async () => {
      const names = await page.evaluate(() => window.__e2e.sheetNames());
      assert(!names.includes("AR Aging"), `sheets after the failed refresh: ${JSON.stringify(names)}`);
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await context.close();
  }
}

async function testIssues(browser, origin) {
  const { context, page, problems, external } = await openPane(browser, origin, "defects");
  const want = EXPECTED.defects;
  try {
    await check("Validate shows the quality score and the findings grouped by severity and rule", async () => {
      await page.getByTestId("as-of").fill(EXPECTED.asOf);
      await page.getByRole("button", { name: "Validate" }).click();
      await page.getByTestId("issues").waitFor();
      const score = await page.getByTestId("quality-score").innerText();
      assert(score.trim() === want.score, `score reads "${score}", expected "${want.score}"`);
      const counts = await page.getByTestId("issue-counts").innerText();
      assert(counts.includes(`${want.findings.length} errors`), `counts read "${counts}"`);
      const errors = page.getByTestId("severity-error");
      assert(await errors.isVisible(), "no Errors group");
      const header = await errors.locator("button").first().innerText();
      assert(header.includes("Errors") && header.includes(String(want.findings.length)), `Errors group header reads "${header}"`);
      for (const f of want.findings) {
        const rule = page.getByTestId(`rule-${f.rule}`);
        assert(await rule.isVisible(), `no group for rule ${f.rule}`);
        const cells = await rule.getByTestId("finding").evaluateAll((els) => els.map((e) => `${e.dataset.sheet}!${e.dataset.cell}`));
        assert(JSON.stringify(cells) === JSON.stringify([`${f.sheet}!${f.cell}`]), `rule ${f.rule} lists ${JSON.stringify(cells)}, expected ${f.sheet}!${f.cell}`);
        const text = await rule.getByTestId("finding").first().innerText();
        assert(text.includes(`${f.sheet}!${f.cell}`), `finding text should name its cell; reads\n  ${text}`);
      }
      await page.screenshot({ path: path.join(ARTIFACTS, "issues.png"), fullPage: true });
    });

    await check("the validation wrote the AR Data Issues sheet in one Excel.run", async () => {
      const names = await page.evaluate(() => window.__e2e.sheetNames());
      assert(names.includes("AR Data Issues"), `sheets: ${JSON.stringify(names)}`);
      const stats = await page.evaluate(() => window.__e2e.stats());
      assert(stats.runCount === 1, `Excel.run called ${stats.runCount} times for one click`);
    });

    await check("clicking a finding selects its cell in Excel", async () => {
      for (const f of want.findings) {
        await page.getByTestId(`rule-${f.rule}`).getByTestId("finding").first().click();
        await page.waitForFunction((expected) => {
          const sel = window.__e2e.selection();
          return sel && sel.sheet === expected.sheet && sel.address === expected.cell;
        }, f, { timeout: 5_000 }).catch(async () => {
          const sel = await page.evaluate(() => window.__fakeExcel.selection);
          throw new Error(`selection is ${JSON.stringify(sel)}, expected ${f.sheet}!${f.cell}`);
        });
      }
      const sel = await page.evaluate(() => window.__fakeExcel.selection);
      const last = want.findings[want.findings.length - 1];
      assert(sel && sel.sheet === last.sheet && sel.address === last.cell, `window.__fakeExcel.selection is ${JSON.stringify(sel)}`);
    });

    await check("a refresh of the same workbook shows the score and offers Show issues", async () => {
      await page.getByRole("button", { name: "Refresh aging" }).click();
      const success = page.getByTestId("success");
      await success.waitFor();
      const text = await success.innerText();
      assert(text.includes(`Data quality ${want.score}: ${want.findings.length} errors`), `success message reads\n  ${text}`);
      await page.getByTestId("show-issues").click();
      await page.getByTestId("issues").waitFor();
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await context.close();
  }
}

async function testTablePicker(browser, origin) {
  const { context, page, problems, external } = await openPane(browser, origin, "two-tables");
  const want = EXPECTED.twoTables;
  try {
    await check("with two invoice tables the pane offers a table picker", async () => {
      const picker = page.getByTestId("table-picker");
      await picker.waitFor();
      await picker.click();
      const options = await page.getByRole("option").allInnerTexts();
      for (const name of want.candidates) assert(options.some((o) => o.startsWith(name)), `picker options ${JSON.stringify(options)} lack ${name}`);
      await page.getByRole("option", { name: new RegExp(`^${want.pick}\\b`) }).click();
      await page.screenshot({ path: path.join(ARTIFACTS, "table-picker.png"), fullPage: true });
    });

    await check("the picked table is the one refreshed", async () => {
      await page.getByTestId("as-of").fill(EXPECTED.asOf);
      await page.getByRole("button", { name: "Refresh aging" }).click();
      const success = page.getByTestId("success");
      await success.waitFor();
      const text = await success.innerText();
      assert(text.includes(want.headline) && text.includes(`from table ${want.pick}`), `success message reads\n  ${text}`);
    });

    await check("the Columns view shows the picked table's mapping and saves a change in the workbook", async () => {
      await page.getByTestId("tab-columns").click();
      const customer = page.getByTestId("mapping-customer");
      await customer.waitFor();
      const row = await customer.innerText();
      assert(/Customer/.test(row) && /High|Medium|Low/.test(row), `customer mapping row reads "${row}"`);
      await page.getByLabel("Column for Customer", { exact: true }).selectOption({ label: "(none)" });
      await page.getByTestId("save-mapping").click();
      await page.getByTestId("mapping-saved").waitFor();
      const settings = await page.evaluate(() => window.__e2e.sheetValues("_ardesk").slice(1).map((r) => r[4]).join(""));
      assert(settings.includes('"lastyear"'), `settings in _ardesk!E2: ${settings}`);
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await context.close();
  }
}

/** Every customer row and the totals row against hand-computed cents; also that each row's buckets add up to its total. */
function compareAging(table, want) {
  const wrong = [];
  const width = want.headers.length - 1;
  for (const [customer, expected] of Object.entries(want.customers)) {
    const row = table.body.find((r) => r[0] === customer);
    if (!row) {
      wrong.push(`${customer}: missing`);
      continue;
    }
    expected.forEach((cents_, i) => {
      if (cents(row[i + 1]) !== cents_) wrong.push(`${customer} ${want.headers[i + 1]}: ${money(cents(row[i + 1]))} ≠ ${money(cents_)}`);
    });
  }
  assert(table.body.length === Object.keys(want.customers).length, `customers ${JSON.stringify(table.body.map((r) => r[0]))}`);
  assert(table.totals, "no totals row below the customers");
  want.totals.forEach((cents_, i) => {
    if (cents(table.totals[i + 1]) !== cents_) wrong.push(`total ${want.headers[i + 1]}: ${money(cents(table.totals[i + 1]))} ≠ ${money(cents_)}`);
  });
  for (const row of [...table.body, table.totals]) {
    const buckets = row.slice(1, width).reduce((sum, v) => sum + cents(v), 0);
    if (buckets !== cents(row[width])) wrong.push(`${row[0]}: buckets add up to ${money(buckets)}, total says ${money(cents(row[width]))}`);
  }
  for (let i = 1; i <= width; i++) {
    const column = table.body.reduce((sum, row) => sum + cents(row[i]), 0);
    if (column !== cents(table.totals[i])) wrong.push(`${want.headers[i]}: customers add up to ${money(column)}, totals row says ${money(cents(table.totals[i]))}`);
  }
  assert(wrong.length === 0, wrong.join("\n"));
}

/** The settings text AR Desk keeps in the very hidden "_ardesk" sheet, parsed. */
async function savedSettings(page) {
  const text = await page.evaluate(() => window.__e2e.sheetValues("_ardesk").slice(1).map((r) => r[4]).join(""));
  return JSON.parse(text || "{}");
}

async function testSettings(browser, origin) {
  const { context, page, problems, external } = await openPane(browser, origin, "invoices");
  const want = EXPECTED.settings;
  try {
    await check("Settings says what is wrong with the buckets and previews the labels live", async () => {
      await page.getByTestId("tab-settings").click();
      await page.getByTestId("settings").waitFor();
      await page.getByTestId("buckets").fill("30, 20");
      const text = await page.getByTestId("settings").innerText();
      assert(text.includes("20 comes after 30"), `no message for decreasing buckets; the view reads\n  ${text}`);
      assert(await page.getByTestId("save-settings").isDisabled(), "Save settings is enabled with bad buckets");
      await page.getByText("Days since the invoice date").click();
      await page.getByTestId("buckets").fill(want.buckets);
      const after = await page.getByTestId("settings").innerText();
      assert(after.includes(want.preview), `preview should read "${want.preview}"; the view reads\n  ${after}`);
      const rates = await page.getByTestId("loss-rates").locator("input").count();
      assert(rates === want.headers.length - 2, `${rates} loss rate fields for ${want.headers.length - 2} buckets`);
      await page.screenshot({ path: path.join(ARTIFACTS, "settings.png"), fullPage: true });
    });

    await check("Save settings writes them into the workbook", async () => {
      await page.getByTestId("save-settings").click();
      const status = page.getByTestId("settings-status");
      await status.waitFor();
      assert((await status.innerText()).includes("Settings saved"), `status reads ${await status.innerText()}`);
      const saved = await savedSettings(page);
      assert(saved.basis === "invoice", `saved basis ${JSON.stringify(saved.basis)}`);
      assert(JSON.stringify(saved.bucketBounds) === "[30,60,90]", `saved buckets ${JSON.stringify(saved.bucketBounds)}`);
      assert(Array.isArray(saved.lossRates) && saved.lossRates.length === want.headers.length - 2, `saved loss rates ${JSON.stringify(saved.lossRates)}`);
    });

    await check("the next refresh ages by the saved buckets and basis, and the totals still tie", async () => {
      await page.getByTestId("as-of").fill(EXPECTED.asOf);
      await page.getByRole("button", { name: "Refresh aging" }).click();
      await page.getByTestId("success").waitFor();
      const values = await page.evaluate(() => window.__e2e.sheetValues("AR Aging"));
      const table = agingTable(values, want.headers.length);
      assert(JSON.stringify(table.headers) === JSON.stringify(want.headers), `headers ${JSON.stringify(table.headers)} ≠ ${JSON.stringify(want.headers)}`);
      compareAging(table, want);
      assert(values.some((row) => row.includes("Days since the invoice date")), "AR Aging does not name the invoice-date basis");
    });

    await check("Reset to defaults puts the default buckets back in the form", async () => {
      await page.getByTestId("tab-settings").click();
      await page.getByTestId("buckets").waitFor();
      assert((await page.getByTestId("buckets").inputValue()) === want.buckets, "the form does not show the saved buckets");
      await page.getByTestId("reset-settings").click();
      assert((await page.getByTestId("buckets").inputValue()) === "30, 60, 90, 120", "Reset to defaults left the buckets");
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await context.close();
  }
}

async function testSnapshotAndRisk(browser, origin) {
  const { context, page, problems, external } = await openPane(browser, origin, "invoices");
  try {
    await check("Save snapshot refreshes and keeps the aging on the AR History sheet", async () => {
      await page.getByTestId("as-of").fill(EXPECTED.asOf);
      await page.getByTestId("save-snapshot").click();
      const saved = page.getByTestId("snapshot-saved");
      await saved.waitFor();
      assert((await saved.innerText()).includes(`Snapshot as of ${EXPECTED.asOf} saved`), `note reads ${await saved.innerText()}`);
      const names = await page.evaluate(() => window.__e2e.sheetNames());
      assert(names.includes("AR History"), `sheets after Save snapshot: ${JSON.stringify(names)}`);
      const history = await page.evaluate(() => window.__e2e.sheetValues("AR History"));
      assert(history.some((row) => row.includes("120+")), `AR History has no bucket rows:\n${JSON.stringify(history)}`);
    });

    await check("a second snapshot on another date suggests loss rates, and Use as loss rates saves them", async () => {
      await page.getByTestId("as-of").fill("2026-04-30");
      await page.getByTestId("save-snapshot").click();
      const suggested = page.getByTestId("suggested-rates");
      await suggested.waitFor();
      const text = await suggested.innerText();
      assert(/From 1 pair of snapshots .*Current [\d.]+%.*120\+ [\d.]+%/.test(text), `suggestion reads\n  ${text}`);
      await page.getByTestId("use-suggested").click();
      await page.getByText("Loss rates saved in the workbook").waitFor();
      const saved = await savedSettings(page);
      assert(Array.isArray(saved.lossRates) && saved.lossRates.length === EXPECTED.headers.length - 2, `saved loss rates ${JSON.stringify(saved.lossRates)}`);
    });

    await check("the Risk tab lists every customer ranked, with score, tier and reasons in plain words", async () => {
      await page.getByTestId("tab-risk").click();
      await page.getByTestId("risk").waitFor();
      const items = page.getByTestId("risk-customer");
      const customers = await items.evaluateAll((els) => els.map((e) => e.dataset.customer));
      assert(JSON.stringify([...customers].sort()) === JSON.stringify(Object.keys(EXPECTED.customers).sort()), `customers ${JSON.stringify(customers)}`);
      for (let i = 0; i < customers.length; i++) {
        const text = await items.nth(i).innerText();
        assert(text.startsWith(`${i + 1}. ${customers[i]}`), `item ${i + 1} reads\n  ${text}`);
        assert(/(Low|Medium|High|Critical) \d+\.\d/.test(text), `no tier and score in\n  ${text}`);
        assert(/overdue/.test(text) && /Next: /.test(text), `no overdue amount or next action in\n  ${text}`);
      }
      const cobalt = await items.filter({ hasText: "Cobalt Ltd" }).innerText();
      assert(/past due|late|overdue/.test(cobalt.split("\n").slice(2).join(" ")), `Cobalt's reasons read\n  ${cobalt}`);
      await page.screenshot({ path: path.join(ARTIFACTS, "risk.png"), fullPage: true });
    });

    await check("clicking a customer, or pressing Enter on one, selects its row on the AR Risk sheet", async () => {
      const values = await page.evaluate(() => window.__e2e.sheetValues("AR Risk"));
      const header = values.findIndex((row) => row[0] === "Rank" && row[1] === "Customer");
      assert(header >= 0, `no worklist header on AR Risk:\n${JSON.stringify(values)}`);
      const last = String.fromCharCode(64 + values[header].filter((v) => v !== "" && v !== null).length);
      const rowOf = (customer) => values.findIndex((row, r) => r > header && row[1] === customer) + 1;
      const items = page.getByTestId("risk-customer");
      const expectSelected = async (customer) => {
        const want = { sheet: "AR Risk", address: `A${rowOf(customer)}:${last}${rowOf(customer)}` };
        await page
          .waitForFunction((w) => {
            const sel = window.__e2e.selection();
            return sel && sel.sheet === w.sheet && sel.address === w.address;
          }, want, { timeout: 5_000 })
          .catch(async () => {
            throw new Error(`selection is ${JSON.stringify(await page.evaluate(() => window.__e2e.selection()))}, expected ${JSON.stringify(want)}`);
          });
      };
      const second = await items.nth(1).getAttribute("data-customer");
      await items.nth(1).click();
      await expectSelected(second);
      const third = await items.nth(2).getAttribute("data-customer");
      await items.nth(2).focus();
      await page.keyboard.press("Enter");
      await expectSelected(third);
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await context.close();
  }
}

async function testCancel(browser, origin) {
  const { context, page, problems, external } = await openPane(browser, origin, "invoices");
  try {
    let before;
    let id;
    await check("Cancel while a refresh reads stops it; the pane says the sheets are as they were, and they are", async () => {
      await page.getByTestId("as-of").fill(EXPECTED.asOf);
      await page.getByRole("button", { name: "Refresh aging" }).click();
      await page.getByTestId("success").waitFor();
      before = await page.evaluate(() => window.__e2e.sheetValues("AR Aging"));
      id = await page.evaluate(() => window.__e2e.sheetId("AR Aging"));
      // Another date, so a refresh that went through would change the sheet.
      await page.getByTestId("as-of").fill("2026-04-30");
      await page.evaluate(() => window.__e2e.holdSyncs());
      await page.getByRole("button", { name: "Refresh aging" }).click();
      await page.waitForFunction(() => window.__e2e.heldSyncs() > 0);
      const progress = await page.getByTestId("progress-text").innerText();
      assert(/Finding|Reading/.test(progress), `progress reads "${progress}" while the run is held`);
      await page.getByTestId("cancel").click();
      await page.evaluate(() => window.__e2e.releaseSyncs());
      const notice = page.getByTestId("cancelled");
      await notice.waitFor();
      const text = await notice.innerText();
      assert(text.includes("Cancelled; your sheets are as they were"), `notice reads\n  ${text}`);
      assert((await page.getByTestId("error").count()) === 0, "a cancelled run shows an error bar");
      assert((await page.getByTestId("progress").count()) === 0, "the progress bar stays after the cancel");
      const after = await page.evaluate(() => window.__e2e.sheetValues("AR Aging"));
      assert(JSON.stringify(after) === JSON.stringify(before), "AR Aging changed although the refresh was cancelled");
      assert((await page.evaluate(() => window.__e2e.sheetId("AR Aging"))) === id, "AR Aging was replaced although the refresh was cancelled");
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await page.evaluate(() => window.__e2e.releaseSyncs()).catch(() => undefined);
    await context.close();
  }
}

async function main() {
  const guard = setTimeout(() => {
    record("the e2e run finishes in time", new Error(`still running after ${RUN_LIMIT_MS / 1000} s`));
    finish();
    process.exit(1);
  }, RUN_LIMIT_MS);
  guard.unref();

  console.log("AR Desk e2e (Chromium + fake Excel host)");
  if (!fs.existsSync(CHROMIUM)) {
    record("Chromium is installed", new Error(`${CHROMIUM} not found. Install it with: apt-get install -y chromium (never download a browser)`));
    return finish();
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  try {
    build();
    record("webpack builds the e2e task pane");
  } catch (error) {
    record("webpack builds the e2e task pane", error);
    return finish();
  }

  const { chromium } = require("playwright-core");
  const server = await serve();
  const origin = `http://127.0.0.1:${server.address().port}`;
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // --disable-background-networking etc.: no update checks or sync traffic on a closed network.
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
    });
    await testSuccess(browser, origin);
    await testError(browser, origin);
    await testIssues(browser, origin);
    await testTablePicker(browser, origin);
    await testSettings(browser, origin);
    await testSnapshotAndRisk(browser, origin);
    await testCancel(browser, origin);
    await testReminders({ browser, origin, openPane, check, assert, artifacts: ARTIFACTS });
  } catch (error) {
    record("the e2e run completes", error);
  } finally {
    if (browser) await browser.close().catch(() => undefined);
    await new Promise((resolve) => server.close(resolve));
  }
  finish();
}

main().catch((error) => {
  record("the e2e run completes", error);
  finish();
});
