/**
 * A workbook that counts dates from 1904 (Excel's "Use 1904 date system", old Mac workbooks)
 * inside the fake Excel host (test/support/fakeExcel, a stand-in for Excel written for tests, NOT
 * Excel). Office.js hands serials over, and takes them, in the workbook's own system, so every
 * date AR Desk writes or reads back must be a 1904 serial there: otherwise it shows 4 years and a
 * day late, and the AR History dates drift further on each refresh.
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

/** A workbook with the invoice table, its dates written as serials of the workbook's own system. */
function seed(options: FakeExcelOptions): FakeExcel {
  fake = createFakeExcel(options);
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!, options.date1904);
  fake.addTable("Data", "Invoices", "A1", [HEADERS, ...INVOICES.map(([invoice, customer, email, issued, due, amount]) => [invoice, customer, email, serial(issued), serial(due), amount])]);
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

describe("a 1904 workbook in Excel (fake host)", () => {
  it("writes the as-of, detail and history dates on the right day, and the history does not drift on refresh", async () => {
    seed({ date1904: true, use1904DateSystem: true });
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
    seed({ date1904: true, use1904DateSystem: true });
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

  it("knows the date system without another sync: a refresh costs what it costs in a 1900 workbook", async () => {
    seed({});
    await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    const baseline = fake.stats.syncCount;
    office?.uninstall();
    seed({ date1904: true, use1904DateSystem: true });
    await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    expect(fake.stats.syncCount).toBe(baseline);
  });

  it("keeps writing 1900 serials in a 1900 workbook where Office.js tells the date system", async () => {
    seed({ date1904: false, use1904DateSystem: true });
    await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    expect(day1900(fake.getCell("AR Aging", "B2").value)).toBe("2026-03-31");
    expect(tableRows("ARInvoiceDetail").map((r) => day1900(r["Due date"]))).toEqual(expect.arrayContaining(["2026-03-02", "2026-01-14"]));
  });

  it("takes the workbook to count from 1900, and still runs, where Office.js does not expose use1904DateSystem", async () => {
    // Without the API, loading the property would fail the whole listing sync (the fake refuses it).
    seed({ date1904: true, use1904DateSystem: false });
    await runRefreshInExcel({ asOf: AS_OF, now: NOW, snapshot: true });
    // The known limit: the 1904 serials are read as 1900 ones and written back the same way.
    expect(fake.getCell("AR Aging", "B2").value).toBe(excelSerialFromDay(AS_OF));
  });
});
