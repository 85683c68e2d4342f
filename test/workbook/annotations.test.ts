/**
 * Columns a user adds beside AR Desk's detail and risk tables survive a refresh on the same
 * invoice or customer; rows that drop out go to the "AR Archive" sheet instead of vanishing.
 */
import { dayFromExcelSerial, dayFromIso, excelSerialFromDay, isoFromDay } from "../../src/core/parse/dates";
import { ARCHIVE_SHEET, ARCHIVE_TABLE } from "../../src/workbook/annotations";
import { DETAIL_SHEET, DETAIL_TABLE } from "../../src/workbook/plans/detailPlan";
import { RISK_SHEET, RISK_TABLE } from "../../src/workbook/plans/riskPlan";
import type { CellValue } from "../../src/workbook/port";
import { REMINDERS_SHEET, REMINDERS_TABLE } from "../../src/workbook/plans/remindersPlan";
import { refreshAging } from "../../src/workbook/refreshAging";
import { draftReminders, markSent, saveReminderSettings } from "../../src/workbook/reminders";
import type { PlanCell, PlanTable } from "../../src/workbook/sheetPlan";
import { MemoryPort, tableOf } from "../support/memoryPort";

const AS_OF = dayFromIso("2026-11-23")!;
const d = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Balance"];
const NOW = new Date("2026-11-23T09:00:00Z");

function ledger(paidInvoice?: string): CellValue[][] {
  const rows: CellValue[][] = [
    ["INV-1", "Acme", d("2026-08-01"), d("2026-08-31"), 100, 100],
    ["INV-2", "Acme", d("2026-10-01"), d("2026-10-31"), 200, 200],
    ["INV-3", "Beta", d("2026-09-01"), d("2026-10-01"), 300, 300],
    ["G-1", "Gamma", d("2026-07-01"), d("2026-07-31"), 50, 50],
  ];
  return rows.map((row) => (row[0] === paidInvoice && row[1] === "Acme" ? [...row.slice(0, 5), 0] : row));
}

function table(port: MemoryPort, sheet: string, name: string): PlanTable {
  return port.plans.get(sheet)!.tables.find((t) => t.name === name)!;
}

/** What a user does in Excel: types a header beside the table (Excel grows the table) and notes on some rows. */
function addColumn(port: MemoryPort, sheet: string, name: string, header: string, byRow: (row: readonly unknown[], headers: string[]) => PlanCell) {
  const t = table(port, sheet, name);
  t.rows = t.rows.map((row) => [...row, byRow(row, t.headers)]);
  t.headers = [...t.headers, header];
  t.columnFormats = [...t.columnFormats, null];
}

const column = (t: PlanTable, header: string) => t.headers.indexOf(header);
const valueOf = (t: PlanTable, match: (row: readonly unknown[]) => boolean, header: string) => t.rows.find(match)?.[column(t, header)];

describe("columns a user adds beside generated tables", () => {
  it("stay on the same invoice and customer across a refresh, and dropped rows go to the archive", async () => {
    const port = new MemoryPort([tableOf(HEADERS, ledger())]);
    await refreshAging(port, { asOf: AS_OF, now: NOW });
    addColumn(port, DETAIL_SHEET, DETAIL_TABLE, "Notes", (row, headers) => {
      const [customer, invoice] = [row[headers.indexOf("Customer")], row[headers.indexOf("Invoice")]];
      return customer === "Acme" && invoice === "INV-1" ? "promised to pay Friday" : customer === "Gamma" ? "call Tom" : null;
    });
    addColumn(port, RISK_SHEET, RISK_TABLE, "Next call", (row, headers) => (row[headers.indexOf("Customer")] === "Beta" ? d("2026-11-30") : null));

    // Acme pays INV-1; the other rows stay, perhaps in another order.
    port.tables[0] = tableOf(HEADERS, ledger("INV-1").reverse());
    const result = await refreshAging(port, { asOf: AS_OF, now: NOW });

    const detail = table(port, DETAIL_SHEET, DETAIL_TABLE);
    expect(detail.headers.slice(-1)).toEqual(["Notes"]);
    expect(valueOf(detail, (r) => r[0] === "Gamma" && r[1] === "G-1", "Notes")).toBe("call Tom");
    expect(valueOf(detail, (r) => r[0] === "Acme" && r[1] === "INV-2", "Notes")).toBeNull();
    expect(detail.rows.some((r) => r[0] === "Acme" && r[1] === "INV-1")).toBe(false);
    const risk = table(port, RISK_SHEET, RISK_TABLE);
    expect(valueOf(risk, (r) => r[column(risk, "Customer")] === "Beta", "Next call")).toBe(d("2026-11-30"));

    const archive = table(port, ARCHIVE_SHEET, ARCHIVE_TABLE);
    expect(archive.rows).toEqual([["2026-11-23 09:00 UTC", DETAIL_TABLE, "Acme | INV-1", "Notes", "promised to pay Friday"]]);
    expect(result.warnings).toEqual([]);
  });

  it("a refresh with nothing new changes neither the user's columns nor the archive", async () => {
    const port = new MemoryPort([tableOf(HEADERS, ledger())]);
    await refreshAging(port, { asOf: AS_OF, now: NOW });
    addColumn(port, DETAIL_SHEET, DETAIL_TABLE, "Notes", (row) => (row[1] === "INV-3" ? "disputed by phone" : null));
    port.tables[0] = tableOf(HEADERS, ledger("INV-1"));
    await refreshAging(port, { asOf: AS_OF, now: NOW });
    const once = JSON.stringify([...port.plans.entries()]);
    await refreshAging(port, { asOf: AS_OF, now: NOW });
    expect(JSON.stringify([...port.plans.entries()])).toBe(once);
    expect(port.plans.has(ARCHIVE_SHEET)).toBe(false);
  });

  it("with no column added, reads no table body back and writes no archive", async () => {
    const port = new MemoryPort([tableOf(HEADERS, ledger())]);
    await refreshAging(port, { asOf: AS_OF, now: NOW });
    const read = jest.spyOn(port, "readGeneratedTable");
    await refreshAging(port, { asOf: AS_OF, now: NOW });
    const results = await Promise.all(read.mock.results.map((r) => r.value));
    expect(results.filter((r) => r && r.rows.length > 0)).toEqual([]);
    expect(port.plans.has(ARCHIVE_SHEET)).toBe(false);
  });
});

describe("a column a user adds to AR Reminders", () => {
  it("stays on its reminder through Mark as sent and a new draft, and a reminder that drops out is archived", async () => {
    const port = new MemoryPort([
      tableOf(
        ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Email"],
        [
          ["A-1", "Acme", d("2026-10-01"), d("2026-11-10"), 100, "ap@acme.example"],
          ["B-1", "Beta", d("2026-09-01"), d("2026-10-01"), 50, "ar@beta.example"],
        ],
      ),
    ]);
    await saveReminderSettings(port, { sender: { company: "Northwind Ltd", name: "Sam Lee", email: "ar@northwind.example" } });
    const drafted = await draftReminders(port, { asOf: AS_OF, now: NOW });
    addColumn(port, REMINDERS_SHEET, REMINDERS_TABLE, "Call notes", (row) => (row[0] === "Acme" ? "left voicemail" : row[0] === "Beta" ? "wants a copy" : null));
    const acme = drafted.reminders.find((r) => r.draft.customer === "Acme")!.draft;
    await markSent(port, [{ customer: "Acme", level: acme.level.id, invoices: acme.items.map((i) => i.invoice) }], { by: "Sam", on: AS_OF, asOf: AS_OF });
    const reminders = () => table(port, REMINDERS_SHEET, REMINDERS_TABLE);
    expect(valueOf(reminders(), (r) => r[0] === "Acme", "Call notes")).toBe("left voicemail");

    // Beta pays: its reminder is not drafted again, and the note goes to the archive.
    port.tables[0] = tableOf(["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Email", "Balance"], [
      ["A-1", "Acme", d("2026-10-01"), d("2026-11-10"), 100, "ap@acme.example", 100],
      ["B-1", "Beta", d("2026-09-01"), d("2026-10-01"), 50, "ar@beta.example", 0],
    ]);
    await draftReminders(port, { asOf: AS_OF, now: NOW });
    expect(valueOf(reminders(), (r) => r[0] === "Acme", "Call notes")).toBe("left voicemail");
    expect(reminders().rows.some((r) => r[0] === "Beta")).toBe(false);
    expect(table(port, ARCHIVE_SHEET, ARCHIVE_TABLE).rows.map((r) => r.slice(1))).toEqual([[REMINDERS_TABLE, expect.stringMatching(/^Beta \| .+ \| B-1$/), "Call notes", "wants a copy"]]);
  });
});

describe("1904 workbooks", () => {
  it("in a 1904 workbook, a date the user typed keeps its day when carried and reads as that day in the archive", async () => {
    const d1904 = (iso: string) => excelSerialFromDay(dayFromIso(iso)!, true);
    const ledger1904 = (paid?: string): CellValue[][] =>
      ledger(paid).map((row) => row.map((v, i) => (i === 2 || i === 3 ? d1904(isoFromDay(dayFromExcelSerial(v as number)!)) : v)));
    const port = new MemoryPort([{ ...tableOf(HEADERS, ledger1904()), date1904: true }]);
    port.date1904 = true;
    await refreshAging(port, { asOf: AS_OF, now: NOW });
    addColumn(port, DETAIL_SHEET, DETAIL_TABLE, "Next call", (row) => (row[1] === "INV-1" ? d1904("2026-11-30") : row[1] === "G-1" ? d1904("2026-12-01") : null));
    const typed = table(port, DETAIL_SHEET, DETAIL_TABLE);
    typed.columnFormats[typed.columnFormats.length - 1] = "yyyy-mm-dd";

    port.tables[0] = { ...tableOf(HEADERS, ledger1904("INV-1")), date1904: true };
    await refreshAging(port, { asOf: AS_OF, now: NOW });
    const detail = table(port, DETAIL_SHEET, DETAIL_TABLE);
    expect(valueOf(detail, (r) => r[1] === "G-1", "Next call")).toBe(d1904("2026-12-01"));
    expect(valueOf(detail, (r) => r[1] === "G-1", "Due date")).toBe(d1904("2026-07-31"));
    expect(table(port, ARCHIVE_SHEET, ARCHIVE_TABLE).rows).toEqual([["2026-11-23 09:00 UTC", DETAIL_TABLE, "Acme | INV-1", "Next call", "2026-11-30"]]);
  });
});

describe("cancelling", () => {
  it("stops before anything is written when the signal is aborted, with a plain message", async () => {
    const port = new MemoryPort([tableOf(HEADERS, ledger())]);
    const controller = new AbortController();
    const stages: string[] = [];
    const run = refreshAging(port, {
      asOf: AS_OF,
      signal: controller.signal,
      onProgress: (p) => {
        stages.push(p.stage);
        if (p.stage === "validating") controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: "CANCELLED", message: "Cancelled; your sheets are as they were." });
    expect(stages).toEqual(["finding", "reading", "validating"]);
    expect(port.plans.size).toBe(0);
  });
});
