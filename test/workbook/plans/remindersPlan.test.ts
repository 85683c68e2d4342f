import { dayFromIso, excelSerialFromDay } from "../../../src/core/parse/dates";
import { selectDrafts } from "../../../src/core/reminders/select";
import { DEFAULT_LEVELS } from "../../../src/core/reminders/levels";
import { DEFAULT_TEMPLATES } from "../../../src/core/reminders/defaultTemplates";
import { draftReminders } from "../../../src/core/reminders/templates";
import { carryOverStatus, planRemindersSheet, reminderRows, REMINDER_COLUMNS, rowsFromTable, sentLogFromRows } from "../../../src/workbook/plans/remindersPlan";
import { AS_OF, invoice, SENDER } from "../../core/reminders/fixtures";

describe("AR Reminders sheet", () => {
  const records = [invoice("A-1", "Acme", "2026-03-20", 10000), invoice("N-1", "Nomail", "2026-03-20", 500, { email: undefined }), invoice("H-1", "Held", "2026-03-20", 700)];
  const run = (sentLog = [] as ReturnType<typeof sentLogFromRows>) => {
    const selection = selectDrafts(records, { asOf: AS_OF, onHold: new Set(["Held"]), sentLog });
    const { reminders, held } = draftReminders(selection.drafts, DEFAULT_TEMPLATES, { sender: SENDER });
    return reminderRows(reminders, selection, held);
  };

  it("lists drafts and skipped customers with a reason", () => {
    const rows = run();
    expect(rows.map((r) => [r.customer, r.level, r.status, r.total, r.invoices, r.note])).toEqual([
      ["Acme", "First reminder", "Draft", 100, "A-1", ""],
      ["Nomail", "First reminder", "Skipped", 5, "N-1", "Needs contact: no valid email address."],
      ["Held", "First reminder", "Skipped", 7, "H-1", "The customer is on hold."],
    ]);
    const plan = planRemindersSheet(rows, { asOf: AS_OF, generatedAt: "2026-03-31 09:00" });
    expect(plan.kind).toBe("reminders");
    expect(plan.tables[0].name).toBe("ARReminders");
    expect(plan.tables[0].headers).toEqual([...REMINDER_COLUMNS]);
    expect(plan.tables[0].rows[0].slice(0, 5)).toEqual(["Acme", "ap@example.com", "", "First reminder", "Payment reminder – Acme – €100.00 overdue"]);
  });

  it("carries Sent over by (customer, level, invoices) and does not draft it again", () => {
    const first = planRemindersSheet(run(), { asOf: AS_OF, generatedAt: "" }).tables[0].rows;
    // The user marks Acme's reminder as sent in Excel.
    const edited = first.map((r) => (r[0] === "Acme" ? [...r.slice(0, 9), "sent", 46112, "Sam", ""] : r)) as (string | number | null)[][];
    const previous = rowsFromTable(edited);
    const log = sentLogFromRows(previous, DEFAULT_LEVELS);
    expect(log).toEqual([{ customer: "Acme", level: "first", invoices: ["A-1"], sentDate: "2026-03-31" }]);
    const next = carryOverStatus(previous, run(log), DEFAULT_LEVELS);
    const acme = next.filter((r) => r.customer === "Acme");
    expect(acme.map((r) => [r.status, r.sentDate, r.sentBy])).toEqual([["Sent", 46112, "Sam"]]);
    expect(next.filter((r) => r.status === "Draft")).toEqual([]);
    // A row no longer produced stays in the log.
    expect(carryOverStatus(previous, [], DEFAULT_LEVELS).map((r) => r.customer)).toEqual(["Acme"]);
    expect(dayFromIso("2026-03-31")).toBe(AS_OF);
  });

  it("reads and writes sent dates in a 1904 workbook's system", () => {
    const plan = planRemindersSheet(run(), { asOf: AS_OF, generatedAt: "", date1904: true });
    expect(plan.blocks.find((b) => b.at === "B2")!.values).toEqual([[excelSerialFromDay(AS_OF, true)]]);
    // A 1904 serial typed in Excel, and a Date as a file reader hands it over, name the same day.
    const sent = (cell: number | Date) => plan.tables[0].rows.map((r) => (r[0] === "Acme" ? [...r.slice(0, 9), "Sent", cell, "Sam", ""] : r)) as (string | number | Date | null)[][];
    for (const cell of [excelSerialFromDay(AS_OF, true), new Date("2026-03-31T00:00:00Z")]) {
      const rows = rowsFromTable(sent(cell), undefined, { date1904: true });
      expect(rows.find((r) => r.customer === "Acme")!.sentDate).toBe(excelSerialFromDay(AS_OF, true));
      expect(sentLogFromRows(rows, DEFAULT_LEVELS, { date1904: true })).toEqual([{ customer: "Acme", level: "first", invoices: ["A-1"], sentDate: "2026-03-31" }]);
    }
  });
});
