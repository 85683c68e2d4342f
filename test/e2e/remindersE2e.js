/**
 * The Reminders tab in Chromium on the fake Excel host (seed "reminders", harness/reminderSeeds.ts):
 * lazy loading, template problems listed with customers, the sender form, drafts and their
 * preview, the .eml download (parsed with mailparser), the mailto: link, Mark as sent written to
 * the AR Reminders sheet and not drafted again, the template editor refusing an unknown
 * placeholder, the dunning levels editor (an earlier level and a late fee change the drafts, a
 * renamed level does not draft a sent reminder again) and a customer put on hold listed as not
 * chased. First, on a page of its own, the settings editors before any drafting: shown when the
 * tab opens, a template previewed on a labelled example when no customer is due, the sender saved
 * without a sheet written. Called by run-e2e.js with its helpers.
 */
"use strict";
const fs = require("fs");
const path = require("path");
const { simpleParser } = require("mailparser");

const AS_OF = "2026-03-31";
/** Before every invoice of the seed was issued: no customer is due a reminder. */
const NOTHING_DUE = "2026-01-05";

/** Excel's serial (1900 system) of the machine's calendar day, as the pane's today() counts it. */
function todaySerial() {
  const now = new Date();
  return (Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

/** The ARReminders table's rows as objects, from the sheet's values. */
function reminderRows(values) {
  const header = values.findIndex((row) => row[0] === "Customer" && row.includes("Status"));
  if (header < 0) throw new Error(`no ARReminders header row in AR Reminders:\n${JSON.stringify(values)}`);
  const names = values[header];
  return values
    .slice(header + 1)
    .filter((row) => row[0] !== "" && row[0] !== null)
    .map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
}

async function settingsText(page) {
  return page.evaluate(() => window.__e2e.sheetValues("_ardesk").slice(1).map((r) => r[4]).join(""));
}

/**
 * @param {{ browser: import("playwright-core").Browser, origin: string, openPane: Function, check: Function, assert: Function, artifacts: string }} env
 */
async function sheetNames(page) {
  return page.evaluate(() => window.__e2e.sheetNames());
}

/** The settings text, or null while the workbook has no "_ardesk" sheet. */
async function savedSettings(page) {
  return (await sheetNames(page)).includes("_ardesk") ? settingsText(page) : null;
}

/**
 * Opens an editor's accordion panel unless it is open already. Panels are never closed here:
 * Fluent's closing panel sets inert={true}, which React 18 reports as a console error.
 */
async function openSection(page, section, title, content) {
  if (!(await page.getByTestId(content).isVisible())) await page.getByTestId(section).getByRole("button", { name: title }).click();
  await page.getByTestId(content).waitFor();
}

/** The settings editors before any drafting, on a page of their own so the main flow starts from a fresh workbook. */
async function testSettingsFirst({ browser, origin, openPane, check, assert, artifacts }) {
  const { context, page, problems, external } = await openPane(browser, origin, "reminders");
  const text = (testId) => page.getByTestId(testId).innerText();
  try {
    await check("before any drafting, the Reminders tab shows its settings editors at once from the settings alone, then reads the invoice table for previews; neither Excel.run writes", async () => {
      await page.getByTestId("as-of").fill(NOTHING_DUE);
      const sheetsBefore = await sheetNames(page);
      const settingsBefore = await savedSettings(page);
      await page.evaluate(() => window.__e2e.resetStats());
      // Syncs are let through one at a time until the editors show: the invoice table read
      // behind the settings read is then still under way, as on a large ledger.
      await page.evaluate(() => window.__e2e.holdSyncs());
      await page.getByTestId("tab-reminders").click();
      for (let i = 0; i < 40 && !(await page.getByTestId("sender-form").isVisible()); i++) {
        await page.evaluate(() => window.__e2e.stepSync());
        await page.waitForTimeout(50);
      }
      // No sender is saved yet, so its form is open.
      assert(await page.getByTestId("sender-form").isVisible(), "the sender editor did not show while the invoice table was being read");
      const previews = await page.getByTestId("reminders").getAttribute("data-previews");
      assert(previews === "pending", `the editors showed only once the previews were read (data-previews=${previews})`);
      await page.evaluate(() => window.__e2e.releaseSyncs());
      assert(await page.getByTestId("templates-section").isVisible(), "the Templates editor is not shown before drafting");
      assert(await page.getByTestId("levels-section").isVisible(), "the Dunning levels editor is not shown before drafting");
      assert(await page.getByTestId("chase-section").isVisible(), "the minimum and hold editor is not shown before drafting");
      await page.locator('[data-testid="reminders"][data-previews="ready"]').waitFor();
      const stats = await page.evaluate(() => window.__e2e.stats());
      // One run for the settings (the editors show), one for the customers to preview on.
      assert(stats.runCount === 2, `opening the tab called Excel.run ${stats.runCount} times`);
      assert(JSON.stringify(await sheetNames(page)) === JSON.stringify(sheetsBefore), `opening the tab changed the sheets: ${JSON.stringify(await sheetNames(page))}`);
      assert((await savedSettings(page)) === settingsBefore, "opening the tab changed the settings");
      assert((await page.getByTestId("draft-summary").count()) === 0, "something was drafted on opening the tab");
    });

    await check("with no customer due, the template preview is on a labelled example, never a real customer", async () => {
      await page.getByTestId("templates-section").getByRole("button", { name: "Templates" }).click();
      const preview = page.getByTestId("template-preview");
      await preview.waitFor();
      assert((await preview.getAttribute("data-example")) === "true", "the preview is not marked as an example");
      const shown = await preview.innerText();
      assert(shown.includes("Example, not a real customer") && shown.includes("Dear Alex Example,") && shown.includes("EX-1001"), `example preview reads\n  ${shown}`);
      for (const name of ["Acme Corp", "Birch & Co", "Cobalt Ltd"]) assert(!shown.includes(name), `the example preview names a real customer, ${name}:\n  ${shown}`);
      const why = await text("template-example");
      assert(why.includes("made up") && why.includes(NOTHING_DUE), `the example is explained as\n  ${why}`);
      assert((await page.getByTestId("template-customer").count()) === 0, "a customer picker is offered with no customer due");
      // The live preview follows the text as it is typed.
      await page.getByTestId("template-subject").fill("Soon due – {{ customer_name }}");
      await page.waitForFunction(() => document.querySelector('[data-testid="template-preview"]')?.innerText.includes("Soon due – Example customer"));
      await page.screenshot({ path: path.join(artifacts, "reminders-example.png"), fullPage: true });
      // Not saved: the main flow below expects the default templates.
    });

    await check("sender details saved before drafting are stored in the workbook, and no AR Reminders sheet is written", async () => {
      await page.getByTestId("sender-company").fill("Northwind Ltd");
      await page.getByTestId("sender-name").fill("Sam Lee");
      await page.getByTestId("save-sender").click();
      await page.getByTestId("reminders-saved").waitFor();
      const saved = await text("reminders-saved");
      assert(saved.includes("Sender details saved") && saved.includes("Nothing was drafted"), `saved notice reads\n  ${saved}`);
      const settings = JSON.parse(await settingsText(page));
      assert(settings.sender && settings.sender.name === "Sam Lee" && settings.sender.company === "Northwind Ltd", `settings in _ardesk: ${JSON.stringify(settings)}`);
      assert(!(await sheetNames(page)).includes("AR Reminders"), `saving the sender wrote a sheet: ${JSON.stringify(await sheetNames(page))}`);
      assert((await page.getByTestId("sender-name").inputValue()) === "Sam Lee", "the sender form does not show what was saved");
    });

    await check("once the as-of date has a customer due, the preview is on that real customer and the example is gone", async () => {
      await page.getByTestId("as-of").fill(AS_OF);
      await page.getByTestId("template-customer").waitFor();
      const customers = await page.getByTestId("template-customer").locator("option").evaluateAll((els) => els.map((e) => e.value));
      assert(JSON.stringify(customers) === JSON.stringify(["Acme Corp", "Birch & Co"]), `preview customers: ${JSON.stringify(customers)}`);
      const preview = page.getByTestId("template-preview");
      assert((await preview.getAttribute("data-example")) === null, "the preview on a real customer is marked as an example");
      const shown = await preview.innerText();
      assert(shown.includes("Dear Jo Park,") && shown.includes("R-1") && !shown.includes("Example") && !shown.includes("EX-1001"), `preview reads\n  ${shown}`);
      assert(!(await sheetNames(page)).includes("AR Reminders"), "changing the as-of date wrote a sheet");
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await context.close();
  }
}

module.exports = async function testReminders(env) {
  await testSettingsFirst(env);
  await testDrafting(env);
};

async function testDrafting({ browser, origin, openPane, check, assert, artifacts }) {
  const { context, page, problems, external } = await openPane(browser, origin, "reminders");
  const scripts = [];
  page.on("request", (request) => {
    if (request.resourceType() === "script") scripts.push(request.url());
  });
  const text = (testId) => page.getByTestId(testId).innerText();
  try {
    await check("the Reminders tab loads its code only when opened, then drafts nothing while the signature would be empty, naming the customers", async () => {
      await page.getByTestId("as-of").fill(AS_OF);
      const before = scripts.length;
      await page.getByTestId("tab-reminders").click();
      await page.getByTestId("draft-reminders").waitFor();
      assert(scripts.length > before, "opening the Reminders tab loaded no script: RemindersView is not lazily loaded");
      await page.getByTestId("draft-reminders").click();
      await page.getByTestId("draft-summary").waitFor();
      const held = await text("reminder-problems");
      assert(held.includes("{{ signature }} would be empty."), `problems should name the empty signature; read\n  ${held}`);
      assert(held.includes("Acme Corp") && held.includes("Birch & Co"), `problems should list both customers; read\n  ${held}`);
      assert((await page.getByTestId("draft").count()) === 0, "reminders with a hole were listed as drafts");
    });

    await check("sender details saved in the pane are stored in the workbook and the drafts are listed", async () => {
      const senderSection = page.getByTestId("sender-section");
      if (!(await page.getByTestId("sender-name").isVisible())) await senderSection.getByRole("button", { name: "Sender details" }).click();
      await page.getByTestId("sender-company").fill("Northwind Ltd");
      await page.getByTestId("sender-name").fill("Sam Lee");
      await page.getByTestId("sender-email").fill("ar@northwind.example");
      await page.getByTestId("save-sender").click();
      await page.getByTestId("reminders-saved").waitFor();
      const settings = JSON.parse(await settingsText(page));
      assert(settings.sender && settings.sender.name === "Sam Lee" && settings.sender.company === "Northwind Ltd", `settings in _ardesk: ${JSON.stringify(settings)}`);
      const customers = await page.getByTestId("draft").evaluateAll((els) => els.map((e) => e.dataset.customer));
      assert(JSON.stringify(customers) === JSON.stringify(["Acme Corp", "Birch & Co"]), `drafts listed: ${JSON.stringify(customers)}`);
      const list = await text("drafts");
      assert(list.includes("First reminder") && list.includes("2,230.55") && list.includes("Third reminder") && list.includes("310.45"), `draft list reads\n  ${list}`);
      const summary = await text("draft-summary");
      assert(summary.includes("Cobalt Ltd") && /needs a contact/.test(summary), `summary should say Cobalt Ltd needs a contact; reads\n  ${summary}`);
    });

    await check("the preview shows the customer's name, contact and total", async () => {
      await page.locator('[data-testid="draft"][data-customer="Acme Corp"]').click();
      const subject = await text("preview-subject");
      assert(subject === "Payment reminder – Acme Corp – 2,230.55 overdue", `subject reads "${subject}"`);
      const body = await text("preview-text");
      for (const part of ["Dear Jo Park,", "R-1", "R-2", "Total overdue: 2,230.55", "Sam Lee\nNorthwind Ltd"]) assert(body.includes(part), `body should include "${part}"; reads\n${body}`);
      await page.getByText("HTML version").click();
      const html = await page.getByTestId("preview-html").getAttribute("srcdoc");
      assert(html.includes("<table") && html.includes("R-1") && html.includes("Jo Park"), `HTML preview srcdoc:\n${html}`);
      assert((await page.getByTestId("preview-html").getAttribute("sandbox")) === "", "the HTML preview iframe is not sandboxed");
      await page.screenshot({ path: path.join(artifacts, "reminders.png"), fullPage: true });
    });

    await check("Download .eml gives a draft with X-Unsent: 1 that parses, with text and HTML parts", async () => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-eml").click()]);
      assert(download.suggestedFilename() === "Acme-Corp-first.eml", `file name ${download.suggestedFilename()}`);
      const file = path.join(artifacts, download.suggestedFilename());
      await download.saveAs(file);
      const eml = fs.readFileSync(file, "utf8");
      const head = eml.slice(0, eml.indexOf("\r\n\r\n"));
      assert(/^X-Unsent: 1$/m.test(head), `no X-Unsent: 1 header:\n${head}`);
      const parsed = await simpleParser(eml);
      assert(parsed.subject === "Payment reminder – Acme Corp – 2,230.55 overdue", `parsed subject "${parsed.subject}"`);
      assert(parsed.from && parsed.from.value[0].address === "ar@northwind.example" && parsed.from.value[0].name === "Sam Lee", `From: ${JSON.stringify(parsed.from)}`);
      assert(parsed.to && parsed.to.text === "ap@acme.example", `To: ${JSON.stringify(parsed.to)}`);
      assert(parsed.text.includes("Dear Jo Park,") && parsed.text.includes("R-2"), `text part:\n${parsed.text}`);
      assert(typeof parsed.html === "string" && parsed.html.includes("<table") && parsed.html.includes("R-1"), `html part:\n${parsed.html}`);
    });

    await check("the mailto: link carries the address, subject and body", async () => {
      const href = await page.getByTestId("mailto").getAttribute("href");
      assert(href.startsWith("mailto:ap@acme.example?"), `href ${href}`);
      const query = new URLSearchParams(href.slice(href.indexOf("?") + 1).replace(/\+/g, "%2B"));
      assert(query.get("subject") === "Payment reminder – Acme Corp – 2,230.55 overdue", `mailto subject ${query.get("subject")}`);
      assert(query.get("body").includes("Dear Jo Park,\r\n"), `mailto body ${query.get("body")}`);
    });

    await check("Mark as sent writes Sent, the date and who into AR Reminders in one Excel.run", async () => {
      await page.getByTestId("sent-by").fill("Sam Lee");
      await page.evaluate(() => window.__e2e.resetStats());
      await page.getByTestId("mark-sent").click();
      await page.getByTestId("marked-sent").waitFor();
      const stats = await page.evaluate(() => window.__e2e.stats());
      assert(stats.runCount === 1, `Excel.run called ${stats.runCount} times for one click`);
      assert(stats.tableRowAddCalls === 0, `TableRowCollection.add called ${stats.tableRowAddCalls} times`);
      const rows = reminderRows(await page.evaluate(() => window.__e2e.sheetValues("AR Reminders")));
      const acme = rows.filter((r) => r.Customer === "Acme Corp");
      assert(acme.length === 1, `Acme Corp rows: ${JSON.stringify(acme)}`);
      assert(acme[0].Status === "Sent" && acme[0]["Sent by"] === "Sam Lee" && acme[0]["Sent date"] === todaySerial(), `Acme Corp row: ${JSON.stringify(acme[0])}`);
      const birch = rows.find((r) => r.Customer === "Birch & Co");
      assert(birch && birch.Status === "Draft", `Birch & Co row: ${JSON.stringify(birch)}`);
      assert((await page.evaluate((key) => window.localStorage.getItem(key), "ar-desk.sentBy")) === "Sam Lee", "the Sent by name is not remembered");
    });

    await check("drafting again does not draft the level already sent", async () => {
      await page.getByTestId("draft-reminders").click();
      await page.waitForFunction(() => !document.querySelector('[data-testid="draft"][data-customer="Acme Corp"]'));
      const customers = await page.getByTestId("draft").evaluateAll((els) => els.map((e) => e.dataset.customer));
      assert(JSON.stringify(customers) === JSON.stringify(["Birch & Co"]), `drafts after marking Acme Corp sent: ${JSON.stringify(customers)}`);
      const summary = await text("draft-summary");
      assert(summary.includes("already sent: Acme Corp"), `summary reads\n  ${summary}`);
      const rows = reminderRows(await page.evaluate(() => window.__e2e.sheetValues("AR Reminders")));
      const acme = rows.filter((r) => r.Customer === "Acme Corp");
      assert(acme.length === 1 && acme[0].Status === "Sent" && acme[0]["Sent by"] === "Sam Lee", `Acme Corp rows after drafting again: ${JSON.stringify(acme)}`);
    });

    await check("a level renamed in the tab keeps the reminder sent under its old name from being drafted again", async () => {
      await openSection(page, "levels-section", "Dunning levels", "levels-editor");
      await page.locator('[data-testid="level-row"][data-level="first"]').getByTestId("level-name").fill("Friendly reminder");
      await page.getByTestId("save-levels").click();
      await page.getByText("Dunning levels saved in the workbook").waitFor();
      const customers = await page.getByTestId("draft").evaluateAll((els) => els.map((e) => e.dataset.customer));
      assert(JSON.stringify(customers) === JSON.stringify(["Birch & Co"]), `drafts after renaming the first level: ${JSON.stringify(customers)}`);
      const summary = await text("draft-summary");
      assert(summary.includes("already sent: Acme Corp"), `summary reads\n  ${summary}`);
      const rows = reminderRows(await page.evaluate(() => window.__e2e.sheetValues("AR Reminders")));
      const acme = rows.filter((r) => r.Customer === "Acme Corp");
      assert(acme.length === 1 && acme[0].Status === "Sent" && acme[0].Level === "Friendly reminder" && acme[0]["Level id"] === "first", `Acme Corp rows after the rename: ${JSON.stringify(acme)}`);
    });

    await check("a template with an unknown placeholder is refused with the customers listed, and nothing is saved", async () => {
      await page.getByTestId("templates-section").getByRole("button", { name: "Templates" }).click();
      await page.getByTestId("template-level").selectOption("third");
      await page.getByTestId("template-language").selectOption("en");
      await page.getByTestId("template-subject").fill("Reminder for {{ customer_nam }}");
      const inline = page.getByTestId("template-problems");
      await inline.waitFor();
      const inlineText = await inline.innerText();
      assert(inlineText.includes("{{ customer_nam }} is not a placeholder AR Desk knows.") && inlineText.includes("Birch & Co"), `inline check reads\n  ${inlineText}`);
      const before = await settingsText(page);
      await page.getByTestId("save-template").click();
      const refused = await text("template-refused");
      assert(refused.includes("customer_nam") && refused.includes("Birch & Co"), `refusal reads\n  ${refused}`);
      await page.screenshot({ path: path.join(artifacts, "reminders-template.png"), fullPage: true });
      assert((await settingsText(page)) === before, "the refused template changed the settings");
    });

    await check("a fixed template previews live on a real customer and is saved in the workbook; Reset goes back to the default", async () => {
      await page.getByTestId("template-subject").fill("Reminder for {{ customer_name }}: {{ total_overdue }}");
      await page.waitForFunction(() => document.querySelector('[data-testid="template-preview"]')?.innerText.includes("Reminder for Birch & Co: 310.45"));
      await page.getByTestId("save-template").click();
      await page.getByText("Third reminder (en) saved in the workbook").waitFor();
      const settings = JSON.parse(await settingsText(page));
      assert(settings.templates && settings.templates.third && settings.templates.third.en.subject === "Reminder for {{ customer_name }}: {{ total_overdue }}", `templates saved: ${JSON.stringify(settings.templates)}`);
      await page.locator('[data-testid="draft"][data-customer="Birch & Co"]').click();
      const subject = await text("preview-subject");
      assert(subject === "Reminder for Birch & Co: 310.45", `the new draft's subject reads "${subject}"`);
      await page.getByTestId("reset-template").click();
      await page.getByText("Third reminder (en) is back to the default").waitFor();
      const after = JSON.parse(await settingsText(page));
      assert(!after.templates || !after.templates.third, `templates after reset: ${JSON.stringify(after.templates)}`);
      assert((await page.getByTestId("template-subject").inputValue()).startsWith("Third reminder – {{ customer_name }}"), "the editor does not show the default after reset");
    });

    await check("dunning levels: two levels on one day are refused inline; an earlier second reminder and a late fee, saved, change the next drafts", async () => {
      await openSection(page, "levels-section", "Dunning levels", "levels-editor");
      const second = page.locator('[data-testid="level-row"][data-level="second"]');
      await second.getByTestId("level-days").fill("1");
      const inline = await text("level-problems");
      assert(inline.includes("Two levels start at 1 days"), `inline level check reads\n  ${inline}`);
      assert(await page.getByTestId("save-levels").isDisabled(), "Save levels is enabled with two levels on one day");
      // Acme Corp's oldest invoice is 11 days past due: its first reminder is marked sent, a second at 5 days is new.
      await second.getByTestId("level-days").fill("5");
      const third = page.locator('[data-testid="level-row"][data-level="third"]');
      await third.getByTestId("level-charges").selectOption("contract");
      await third.getByTestId("level-fee").fill("25");
      const summary = await third.getByTestId("level-charge-summary").innerText();
      assert(summary.includes("late fee of 25 per overdue invoice"), `charge summary reads "${summary}"`);
      await page.getByTestId("save-levels").click();
      await page.getByText("Dunning levels saved in the workbook").waitFor();
      const settings = JSON.parse(await settingsText(page));
      const saved = (settings.levels || []).map((l) => [l.id, l.days, l.charges && l.charges.lateFee]);
      assert(JSON.stringify(saved.slice(1, 4)) === JSON.stringify([["first", 1, null], ["second", 5, null], ["third", 30, 25]]), `levels saved: ${JSON.stringify(settings.levels)}`);
      const list = await text("drafts");
      assert(/Acme Corp\s*Second reminder/.test(list) && /Birch & Co\s*Third reminder/.test(list), `drafts after saving levels:\n  ${list}`);
      await page.locator('[data-testid="draft"][data-customer="Birch & Co"]').click();
      const body = await text("preview-text");
      assert(body.includes("Late-payment charges to date (a late fee per invoice): 25.00.") && body.includes("Amount now due, including charges: 335.45"), `Birch & Co's reminder reads\n${body}`);
      await page.screenshot({ path: path.join(artifacts, "reminders-levels.png"), fullPage: true });
    });

    await check("a customer put on hold in the tab is not drafted, and is listed as not chased with the reason", async () => {
      await page.getByTestId("chase-section").getByRole("button", { name: "Minimum and customers on hold" }).click();
      await page.getByTestId("chase-onhold").fill("Birch & Co");
      await page.getByTestId("save-chase").click();
      await page.getByText("Minimum and customers on hold saved in the workbook").waitFor();
      const settings = JSON.parse(await settingsText(page));
      assert(JSON.stringify(settings.onHold) === JSON.stringify(["Birch & Co"]), `onHold saved: ${JSON.stringify(settings.onHold)}`);
      const customers = await page.getByTestId("draft").evaluateAll((els) => els.map((e) => e.dataset.customer));
      assert(JSON.stringify(customers) === JSON.stringify(["Acme Corp"]), `drafts with Birch & Co on hold: ${JSON.stringify(customers)}`);
      await page.getByTestId("not-chased").locator("summary").click();
      const skipped = await page.locator('[data-testid="skipped"][data-customer="Birch & Co"]').innerText();
      assert(skipped.includes("on the hold list in the Reminders tab"), `not chased reads\n  ${skipped}`);
      const rows = reminderRows(await page.evaluate(() => window.__e2e.sheetValues("AR Reminders")));
      const birch = rows.find((r) => r.Customer === "Birch & Co");
      assert(birch && birch.Status === "Skipped" && String(birch.Note).includes("hold list"), `Birch & Co row: ${JSON.stringify(birch)}`);
    });

    await check("Reset to defaults removes the saved levels and the editor shows the six default levels again", async () => {
      await page.getByTestId("reset-levels").click();
      await page.getByText("Dunning levels are back to the defaults").waitFor();
      const settings = JSON.parse(await settingsText(page));
      assert(settings.levels === undefined && JSON.stringify(settings.onHold) === JSON.stringify(["Birch & Co"]), `settings after reset: ${JSON.stringify(settings)}`);
      const days = await page.getByTestId("level-days").evaluateAll((els) => els.map((e) => e.value));
      assert(JSON.stringify(days) === JSON.stringify(["-3", "1", "15", "30", "60", "90"]), `level days shown after reset: ${JSON.stringify(days)}`);
      assert(await page.getByTestId("reset-levels").isDisabled(), "Reset to defaults is still offered with no levels saved");
      assert(problems.length === 0, problems.join("\n"));
      assert(external.length === 0, `requests outside localhost: ${external.join(", ")}`);
    });
  } finally {
    await context.close();
  }
}
