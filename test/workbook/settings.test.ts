import ExcelJS from "exceljs";
import { parseSettings, savedMapping, serialiseSettings, settingsChunks, SETTINGS_CHUNK, withMapping, DEFAULT_SETTINGS } from "../../src/workbook/settings";
import { describeInvoiceTable, refreshAging, saveColumnMapping } from "../../src/workbook/refreshAging";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";
import { dayFromIso } from "../../src/core/parse/dates";
import { saveReminderSettings } from "../../src/workbook/reminders";
import { MemoryPort, tableOf } from "../support/memoryPort";

const table = { name: "Invoices", headers: ["Ref", "Client", "Total", "Pay by", "Sum"] };

describe("settings stored in the workbook", () => {
  it("round-trips a mapping by header text and resolves it to the table's current columns", () => {
    const settings = withMapping(DEFAULT_SETTINGS, table, { invoice: 0, customer: 1, amount: 4, dueDate: 3 });
    const { settings: read, warnings } = parseSettings(serialiseSettings(settings));
    expect(warnings).toEqual([]);
    expect(read.mappings.invoices).toEqual({ invoice: "Ref", customer: "Client", amount: "Sum", dueDate: "Pay by" });
    // The user moved the columns around: the mapping follows the headers, not the positions.
    const moved = { name: "INVOICES", headers: ["Sum", "Pay by", "Client", "Ref"] };
    expect(savedMapping(read, moved)).toEqual({ mapping: { invoice: 3, customer: 2, amount: 0, dueDate: 1 }, stale: [] });
  });

  it("drops a saved header that is no longer in the table and says so", () => {
    const settings = withMapping(DEFAULT_SETTINGS, table, { invoice: 0, amount: 2 });
    expect(savedMapping(settings, { name: "Invoices", headers: ["Ref", "Amount"] })).toEqual({ mapping: { invoice: 0 }, stale: ["Total"] });
  });

  it.each([
    ["not JSON", "{mappings:", /damaged; the defaults are used/],
    ["an array", "[1,2]", /not in the expected form; the defaults are used/],
    ["a mapping that is not an object", '{"mappings": {"invoices": 3}}', /mapping for table "invoices" was ignored/],
    ["an unknown field", '{"mappings": {"invoices": {"colour": "Ref", "invoice": "Ref"}}}', /unknown entry "colour"/],
    ["a bad date order", '{"dateOrder": "ymd"}', /not dmy or mdy/],
  ])("falls back to defaults with a warning for %s", (_what, text, warning) => {
    const { settings, warnings } = parseSettings(text);
    expect(warnings.join(" ")).toMatch(warning);
    expect(settings.dateOrder).toBeUndefined();
  });

  it("keeps the valid parts of partly damaged settings", () => {
    const { settings } = parseSettings('{"mappings": {"invoices": {"colour": "Ref", "invoice": "Ref"}}, "dateOrder": "mdy"}');
    expect(settings).toEqual({ mappings: { invoices: { invoice: "Ref" } }, dateOrder: "mdy" });
  });

  it("splits long settings into pieces a cell can hold", () => {
    const text = "x".repeat(SETTINGS_CHUNK * 2 + 5);
    const chunks = settingsChunks(text);
    expect(chunks.map((c) => c.length)).toEqual([SETTINGS_CHUNK, SETTINGS_CHUNK, 5]);
    expect(chunks.join("")).toBe(text);
  });
});

describe("column mapping saved through the port", () => {
  function book(): ExcelJS.Workbook {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Ledger");
    // "Total" (generic) is detected as the amount; the user wants "Net" instead.
    sheet.addTable({
      name: "Invoices",
      ref: "A1",
      columns: ["Invoice", "Customer", "Due Date", "Total", "Net"].map((name) => ({ name })),
      rows: [
        ["I-1", "Acme", new Date(Date.UTC(2026, 0, 31)), 120, 100],
        ["I-2", "Beta", new Date(Date.UTC(2026, 2, 31)), 60, 50],
      ],
    });
    return workbook;
  }

  it("is shown with confidence, saved in the workbook, and used by the next refresh", async () => {
    const workbook = book();
    const port = new XlsxWorkbookPort(workbook);
    const before = await describeInvoiceTable(port);
    expect(before.table?.name).toBe("Invoices");
    expect(before.columns.find((c) => c.field === "amount")).toEqual({ field: "amount", column: 3, header: "Total", confidence: 0.75 });

    await saveColumnMapping(port, before.table!, { invoice: 0, customer: 1, dueDate: 2, amount: 4 });
    const after = await describeInvoiceTable(port);
    expect(after.columns.find((c) => c.field === "amount")).toEqual({ field: "amount", column: 4, header: "Net", confidence: 1 });

    const result = await refreshAging(port, { asOf: dayFromIso("2026-03-31")! });
    expect(result.report.grandTotal).toBe(15_000);
    expect(result.warnings).toEqual([]);
  });

  it("survives writing the aging sheets (the registry and the settings share the hidden sheet)", async () => {
    const workbook = book();
    const port = new XlsxWorkbookPort(workbook);
    const choice = await describeInvoiceTable(port);
    await saveColumnMapping(port, choice.table!, { invoice: 0, customer: 1, dueDate: 2, amount: 4 });
    await refreshAging(port, { asOf: dayFromIso("2026-03-31")! });
    await refreshAging(port, { asOf: dayFromIso("2026-03-31")! });
    expect(JSON.parse((await port.readSettings())!).mappings.invoices.amount).toBe("Net");
    expect(workbook.getWorksheet("_ardesk")!.state).toBe("veryHidden");
  });

  it("reports damaged settings as a warning and still refreshes with detection", async () => {
    const workbook = book();
    const port = new XlsxWorkbookPort(workbook);
    await port.writeSettings("{broken");
    const result = await refreshAging(port, { asOf: dayFromIso("2026-03-31")! });
    expect(result.warnings[0]).toMatch(/damaged/);
    expect(result.report.grandTotal).toBe(18_000);
  });
});

describe("reminder settings", () => {
  it("reads back levels with their charges, the minimum to chase and the hold list", () => {
    const levels = [
      { id: "first", name: "First", days: 1, email: true, charges: { lateFee: 25, annualRate: 0.08 } },
      { id: "final", name: "Final", days: 60, email: true, charges: { statutory: { regime: "eu", referenceRate: 0.0215 } } },
    ];
    const { settings, warnings } = parseSettings(JSON.stringify({ levels, minimumAmount: 50, onHold: ["Acme"] }));
    expect(warnings).toEqual([]);
    expect(settings).toMatchObject({ levels, minimumAmount: 50, onHold: ["Acme"] });
  });

  it.each([
    ["a negative late fee", { levels: [{ id: "first", name: "First", days: 1, email: true, charges: { lateFee: -5 } }] }, "levels", /dunning levels are not valid/],
    ["an unknown statutory regime", { levels: [{ id: "first", name: "First", days: 1, email: true, charges: { statutory: { regime: "us", referenceRate: 0.05 } } }] }, "levels", /dunning levels are not valid/],
    ["an interest rate that is text", { levels: [{ id: "first", name: "First", days: 1, email: true, charges: { annualRate: "8%" } }] }, "levels", /dunning levels are not valid/],
    ["a minimum that is text", { minimumAmount: "50" }, "minimumAmount", /minimum amount to chase is not a number/],
    ["a negative minimum", { minimumAmount: -1 }, "minimumAmount", /minimum amount to chase is not a number/],
    ["a hold list that is one name", { onHold: "Acme" }, "onHold", /customers on hold is not a list of names/],
  ])("drops %s with a warning, keeping the other settings", (_what, stored, key, warning) => {
    const { settings, warnings } = parseSettings(JSON.stringify({ ...stored, basis: "invoice" }));
    expect(warnings.join(" ")).toMatch(warning);
    expect((settings as unknown as Record<string, unknown>)[key]).toBeUndefined();
    expect(settings.basis).toBe("invoice");
  });
});

describe("settings a newer version saved", () => {
  const newer = JSON.stringify({ mappings: {}, basis: "invoice", dunningCalendar: { skipWeekends: true } });

  it("survive saving a column mapping and reminder settings", async () => {
    const port = new MemoryPort([tableOf(["Ref", "Client", "Total"], [])]);
    port.settings = newer;
    await saveColumnMapping(port, (await port.listTables())[0], { invoice: 0, customer: 1, amount: 2 });
    await saveReminderSettings(port, { sender: { company: "Northwind Ltd", name: "Sam Lee" } });
    const saved = JSON.parse(port.settings!) as Record<string, unknown>;
    expect(saved.dunningCalendar).toEqual({ skipWeekends: true });
    expect(saved.basis).toBe("invoice");
    expect(saved.sender).toEqual({ company: "Northwind Ltd", name: "Sam Lee" });
    expect(saved.mappings).toEqual({ invoices: { invoice: "Ref", customer: "Client", amount: "Total" } });
  });

  it("are not mixed into damaged text: a save starts over from what could be read", () => {
    expect(JSON.parse(serialiseSettings({ mappings: {} }, "{not json"))).toEqual({ mappings: {} });
  });
});
