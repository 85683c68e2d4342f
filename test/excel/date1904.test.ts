/**
 * A workbook that counts dates from 1904 (Excel's "Use 1904 date system", old Mac workbooks)
 * inside the fake Excel host (test/support/fakeExcel, a stand-in for Excel written for tests, NOT
 * Excel). Office.js hands serials over, and takes them, in the workbook's own system, so every
 * date AR Desk writes or reads back must be a 1904 serial there: otherwise it shows 4 years and a
 * day late, and the AR History dates drift further on each refresh.
 *
 * Office.js says which system only in a preview API (Workbook.use1904DateSystem, beta office.js);
 * with the production library the adapter reads it from the dates Excel shows (Range.text, which
 * the fake renders from each cell's number format), so both ways are checked.
 */
import { dayFromExcelSerial, dayFromIso, excelSerialFromDay, isoFromDay } from "../../src/core/parse/dates";
import { runRefreshInExcel } from "../../src/excel/runRefresh";
import { draftRemindersInExcel, markSentInExcel, saveReminderSettingsInExcel } from "../../src/excel/runReminders";
import { createFakeExcel, installFakeOffice, type FakeExcel, type FakeExcelOptions, type InstalledOffice } from "../support/fakeExcel";

const AS_OF = dayFromIso("2026-03-31")!;
const NOW = new Date("2026-03-31T09:00:00Z");
const HEADERS = ["Invoice #", "Customer", "Email", "Invoice Date", "Due Date", "Amount"];
const INVOICES: [string, string, string, string, string, number][] = [
  ["A-1", "Acme", "ap@acme.example", "2026-02-01", "2026-03-02", 100.5],
  ["B-7", "Beta", "ap@beta.example", "2025-12-15", "2026-01-14", 250],
];

/** The calendar day a cell of a 1904 workbook shows. */
const day1904 = (value: unknown) => (typeof value === "number" ? isoFromDay(dayFromExcelSerial(value, true)!) : `not a serial: ${String(value)}`);
/** The calendar day a cell of a 1900 workbook shows. */
const day1900 = (value: unknown) => (typeof value === "number" ? isoFromDay(dayFromExcelSerial(value)!) : `not a serial: ${String(value)}`);

let fake: FakeExcel;
let office: InstalledOffice | undefined;

const serialIn = (date1904?: boolean) => (iso: string) => excelSerialFromDay(dayFromIso(iso)!, date1904);
const invoiceRows = (date1904?: boolean) => {
  const serial = serialIn(date1904);
  return INVOICES.map(([invoice, customer, email, issued, due, amount]) => [invoice, customer, email, serial(issued), serial(due), amount]);
};

/**
 * A workbook with the invoice table, its dates written as serials of the workbook's own system
 * and, given a format, shown with it (as a user's dates are); without one they show as numbers.
 */
function seed(options: FakeExcelOptions, dateFormat?: string): FakeExcel {
  fake = createFakeExcel(options);
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  fake.addTable("Data", "Invoices", "A1", [HEADERS, ...invoiceRows(options.date1904)]);
  if (dateFormat) fake.setNumberFormat("Data", `D2:E${INVOICES.length + 1}`, dateFormat);
  return fake;
}

afterEach(() => office?.uninstall());

/** Body rows of a table AR Desk wrote, as values, by its header. */
function tableRows(name: string): Record<string, unknown>[] {
  const table = fake.getTable(name);
  if (!table) throw new Error(`no table ${name}`);
  const values = fake.getSheetValues(table.sheet);
  const top = Number(/\d+/.exec(table.headerAddress)![0]);
  const left = table.headerAddress.charCodeAt(0) - 64;
  const header = values[top - 1].slice(left - 1, left - 1 + table.headers.length);
  return values
    .slice(top, top + table.rowCount)
    .map((row) => Object.fromEntries(header.map((h, i) => [String(h), row[left - 1 + i]])));
}

/** How the adapter learns the date system: the preview API, or the dates Excel shows. */
interface Way {
  name: string;
  options: FakeExcelOptions;
  dateFormat?: string;
}
const TOLD: Way = { name: "where Office.js tells it (use1904DateSystem, beta office.js)", options: { use1904DateSystem: true } };
const SHOWN: Way = { name: "where only the dates Excel shows tell it (production office.js)", options: { use1904DateSystem: false }, dateFormat: "dd/mm/yyyy" };

describe.each([TOLD, SHOWN])("a 1904 workbook in Excel (fake host), $name", ({ options, dateFormat }) => {
  it("writes the as-of, detail and history dates on the right day, and the history does not drift on refresh", async () => {
    seed({ ...options, date1904: true }, dateFormat);
    for (let run = 1; run <= 2; run++) {
      const result = await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
      // The invoice dates were read in the 1904 system too: Acme is 29 days past due, not 4 years.
      expect(result.aging.currencies[0].items.map((i) => [i.record.invoice, i.days])).toEqual(
        expect.arrayContaining([
          ["A-1", 29],
          ["B-7", 76],
        ]),
      );
      for (const sheet of ["AR Aging", "AR Risk", "AR Data Issues"]) expect({ run, sheet, asOf: day1904(fake.getCell(sheet, "B2").value) }).toEqual({ run, sheet, asOf: "2026-03-31" });
      const detail = tableRows("ARInvoiceDetail").map((r) => [r.Invoice, day1904(r["Invoice date"]), day1904(r["Due date"]), r.Days]);
      expect(detail).toEqual(
        expect.arrayContaining([
          ["A-1", "2026-02-01", "2026-03-02", 29],
          ["B-7", "2025-12-15", "2026-01-14", 76],
        ]),
      );
      // One snapshot (one currency × six buckets), kept on the same day however often it is refreshed.
      const history = tableRows("ARHistory");
      expect(history).toHaveLength(6);
      expect(new Set(history.map((r) => day1904(r["As of"])))).toEqual(new Set(["2026-03-31"]));
    }
    // A month later: a second snapshot beside the first, both still on their own day.
    const later = await runRefreshInExcel({ asOf: dayFromIso("2026-04-30")!, now: NOW, snapshot: true });
    // The two snapshots read back as two consecutive dates: one pair for the roll rates.
    expect(later.sections[0].rollRates.pairs).toBe(1);
    const days = tableRows("ARHistory").map((r) => day1904(r["As of"]));
    expect(days).toHaveLength(12);
    expect([...new Set(days)]).toEqual(["2026-03-31", "2026-04-30"]);
  });

  it("records a reminder's sent date on the right day and reads it back as the day it was sent", async () => {
    seed({ ...options, date1904: true }, dateFormat);
    await saveReminderSettingsInExcel({ sender: { company: "Northwind", name: "Sam Lee" } });
    const drafted = await draftRemindersInExcel({ asOf: AS_OF });
    expect(day1904(fake.getCell(drafted.sheet, "B2").value)).toBe("2026-03-31");
    const acme = drafted.reminders.find((r) => r.draft.customer === "Acme")!.draft;
    await markSentInExcel([{ customer: "Acme", level: acme.level.id, invoices: ["A-1"] }], { by: "Sam Lee", on: dayFromIso("2026-03-30")!, asOf: AS_OF });
    const sentDate = () => tableRows("ARReminders").find((r) => r.Customer === "Acme")!["Sent date"];
    expect(day1904(sentDate())).toBe("2026-03-30");

    // Drafting again keeps the row as sent, on the same day, and says when it was sent.
    const again = await draftRemindersInExcel({ asOf: AS_OF });
    expect(again.selection.skipped).toEqual([expect.objectContaining({ customer: "Acme", code: "already-sent", reason: expect.stringContaining("sent on 2026-03-30") })]);
    expect(day1904(sentDate())).toBe("2026-03-30");
  });

  it("knows the date system without another sync: a refresh, and marking a reminder sent, cost what they cost in a 1900 workbook", async () => {
    const syncs = async (date1904: boolean) => {
      office?.uninstall();
      seed({ ...options, date1904 }, dateFormat);
      await saveReminderSettingsInExcel({ sender: { company: "Northwind", name: "Sam Lee" } });
      fake.resetStats();
      await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
      const refresh = fake.stats.syncCount;
      const drafted = await draftRemindersInExcel({ asOf: AS_OF });
      const acme = drafted.reminders.find((r) => r.draft.customer === "Acme")!.draft;
      fake.resetStats();
      await markSentInExcel([{ customer: "Acme", level: acme.level.id, invoices: ["A-1"] }], { by: "Sam Lee", on: dayFromIso("2026-03-30")!, asOf: AS_OF });
      return { refresh, markSent: fake.stats.syncCount };
    };
    expect(await syncs(true)).toEqual(await syncs(false));
  });

  it("keeps writing 1900 serials in a 1900 workbook", async () => {
    seed({ ...options, date1904: false }, dateFormat);
    await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    expect(day1900(fake.getCell("AR Aging", "B2").value)).toBe("2026-03-31");
    expect(tableRows("ARInvoiceDetail").map((r) => day1900(r["Due date"]))).toEqual(expect.arrayContaining(["2026-03-02", "2026-01-14"]));
    expect(new Set(tableRows("ARHistory").map((r) => day1900(r["As of"])))).toEqual(new Set(["2026-03-31"]));
  });
});

describe("a workbook where Office.js does not expose use1904DateSystem (fake host)", () => {
  const NO_API = { use1904DateSystem: false };

  it("is told by another table's dates when the invoice table shows none with its year in full", async () => {
    seed({ ...NO_API, date1904: true }, "dd/mm/yy");
    fake.addTable("Calendar", "Holidays", "A1", [["Holiday", "On"], ["Easter Monday", serialIn(true)("2026-04-06")]]);
    fake.setNumberFormat("Calendar", "B2", "d mmmm yyyy");
    await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    expect(day1904(fake.getCell("AR Aging", "B2").value)).toBe("2026-03-31");
    expect(tableRows("ARInvoiceDetail").map((r) => day1904(r["Due date"]))).toEqual(expect.arrayContaining(["2026-03-02", "2026-01-14"]));
  });

  it("is told by the dates of an invoice range that is no Excel table", async () => {
    fake = createFakeExcel({ ...NO_API, date1904: true });
    office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
    fake.addSheet("Ledger", [HEADERS, ...invoiceRows(true)]);
    fake.setNumberFormat("Ledger", `D2:E${INVOICES.length + 1}`, "mmm d, yyyy");
    const result = await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    expect(result.aging.currencies[0].items.map((i) => [i.record.invoice, i.days])).toEqual(expect.arrayContaining([["A-1", 29]]));
    expect(day1904(fake.getCell("AR Aging", "B2").value)).toBe("2026-03-31");
  });

  it.each([
    ["with 2-digit years", "dd/mm/yy"],
    ["as plain numbers", undefined],
  ])("falls back to 1900 where the dates are shown %s, and says nothing more than in a 1900 workbook", async (_, dateFormat) => {
    seed({ ...NO_API, date1904: false }, dateFormat);
    const in1900 = await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    // A 1900 workbook shown that way is read right...
    expect(day1900(fake.getCell("AR Aging", "B2").value)).toBe("2026-03-31");
    expect(in1900.aging.currencies[0].items.map((i) => [i.record.invoice, i.days])).toEqual(expect.arrayContaining([["A-1", 29]]));
    office?.uninstall();
    // ...and a 1904 one as 1900, the known limit: its serials are read and written as 1900 ones.
    // Loading the missing API would fail the listing's whole sync (the fake refuses it): it still runs.
    seed({ ...NO_API, date1904: true }, dateFormat);
    const in1904 = await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    expect(fake.getCell("AR Aging", "B2").value).toBe(excelSerialFromDay(AS_OF));
    expect({ warnings: in1904.warnings, issues: in1904.issues.map((i) => i.rule) }).toEqual({ warnings: in1900.warnings, issues: in1900.issues.map((i) => i.rule) });
  });
});
