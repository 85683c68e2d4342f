/**
 * The pane's reminders actions through the Office.js adapter, against the fake Excel host
 * (test/support/fakeExcel, a stand-in for Excel written for tests): one Excel.run per action,
 * the AR Reminders sheet and the settings as Excel would hold them.
 */
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { DEFAULT_LEVELS } from "../../src/core/reminders/levels";
import { draftRemindersInExcel, loadReminderSettingsInExcel, markSentInExcel, saveReminderSettingsInExcel } from "../../src/excel/runReminders";
import { REGISTRY_SHEET } from "../../src/workbook/registry";
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from "../support/fakeExcel";

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const AS_OF = dayFromIso("2026-03-31")!;
let fake: FakeExcel;
let office: InstalledOffice | undefined;

beforeEach(() => {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  fake.addTable("Ledger", "Invoices", "A1", [
    ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount", "Email"],
    ["A-1", "Acme", serial("2026-02-01"), serial("2026-03-20"), 100.5, "ap@acme.example"],
    ["B-1", "=Beta", serial("2026-01-01"), serial("2026-02-10"), 50, "ar@beta.example"],
  ]);
});
afterEach(() => office?.uninstall());

/** The ARReminders table as values: header row first. */
function remindersTable(): unknown[][] {
  const table = fake.getTable("ARReminders");
  if (!table) throw new Error("no ARReminders table in the workbook");
  const values = fake.getSheetValues(table.sheet);
  const header = values.findIndex((row) => row[0] === "Customer");
  return values.slice(header).filter((row) => row[0] !== "" && row[0] !== null);
}

describe("reminders in Excel (fake host)", () => {
  it("drafts, marks as sent and does not draft that level again, one Excel.run per action", async () => {
    await saveReminderSettingsInExcel({ sender: { company: "Northwind", name: "Sam Lee" } });
    const settings = fake.getSheetValues(REGISTRY_SHEET).slice(1).map((r) => r[4]).join("");
    expect(JSON.parse(settings).sender).toEqual({ company: "Northwind", name: "Sam Lee" });

    fake.resetStats();
    const drafted = await draftRemindersInExcel({ asOf: AS_OF });
    expect(fake.stats.runCount).toBe(1);
    expect(drafted.reminders.map((r) => r.draft.customer)).toEqual(["=Beta", "Acme"]);
    const [header, ...body] = remindersTable();
    expect(header).toEqual(["Customer", "To", "Cc", "Level", "Subject", "Body", "Total", "Currency", "Invoices", "Status", "Sent date", "Sent by", "Note", "Level id"]);
    // A customer named like a formula stays text in the mail-merge source.
    expect(body.map((r) => [r[0], r[9]])).toEqual([
      ["=Beta", "Draft"],
      ["Acme", "Draft"],
    ]);
    expect(fake.getFormulas(drafted.sheet).flat().some((f) => String(f).startsWith("=Beta"))).toBe(false);

    const acme = drafted.reminders.find((r) => r.draft.customer === "Acme")!.draft;
    fake.resetStats();
    await markSentInExcel([{ customer: "Acme", level: acme.level.id, invoices: ["A-1"] }], { by: "Sam Lee", on: AS_OF, asOf: AS_OF });
    expect(fake.stats.runCount).toBe(1);
    expect(fake.stats.tableRowAddCalls).toBe(0);
    const acmeRow = remindersTable().find((r) => r[0] === "Acme")!;
    expect(acmeRow.slice(9, 12)).toEqual(["Sent", serial("2026-03-31"), "Sam Lee"]);

    const again = await draftRemindersInExcel({ asOf: AS_OF });
    expect(again.reminders.map((r) => r.draft.customer)).toEqual(["=Beta"]);
    expect(remindersTable().filter((r) => r[0] === "Acme").map((r) => r[9])).toEqual(["Sent"]);
  });

  it("saves levels and a minimum into the workbook's settings and drafts with them, holding customers a customers table marks TRUE", async () => {
    fake.addTable("People", "Customers", "A1", [
      ["Customer", "Email", "On hold"],
      ["Acme", "ap@acme.example", false],
      ["=Beta", "ar@beta.example", true],
    ]);
    await saveReminderSettingsInExcel({ sender: { company: "Northwind", name: "Sam Lee" } });
    await saveReminderSettingsInExcel({
      levels: [
        { id: "first", name: "First reminder", days: 1, email: true },
        { id: "second", name: "Second reminder", days: 10, email: true, charges: { lateFee: 25 } },
      ],
      minimumAmount: 20,
    });
    const settings = JSON.parse(fake.getSheetValues(REGISTRY_SHEET).slice(1).map((r) => r[4]).join(""));
    expect(settings.sender).toEqual({ company: "Northwind", name: "Sam Lee" });
    expect(settings.minimumAmount).toBe(20);

    fake.resetStats();
    const drafted = await draftRemindersInExcel({ asOf: AS_OF });
    expect(fake.stats.runCount).toBe(1);
    // Acme's invoice is 11 days past due: the saved second level starts at 10 and adds the fee.
    expect(drafted.reminders.map((r) => [r.draft.customer, r.draft.level.id, r.charges?.feesMinor])).toEqual([["Acme", "second", 2500]]);
    expect(drafted.selection.skipped.map((s) => [s.customer, s.reason])).toEqual([["=Beta", "On hold in the customers table."]]);
    expect(remindersTable().find((r) => r[0] === "=Beta")?.[9]).toBe("Skipped");
  });

  it("reads the reminder settings and who would be drafted when the tab opens, in one Excel.run that writes nothing", async () => {
    await saveReminderSettingsInExcel({ sender: { company: "Northwind", name: "Sam Lee" }, onHold: ["Acme"] });
    const workbook = () => JSON.stringify(fake.listSheets().map((sheet) => [sheet, fake.getSheetValues(sheet.name), fake.getNumberFormats(sheet.name)]));
    const before = workbook();
    fake.resetStats();
    const setup = await loadReminderSettingsInExcel({ asOf: AS_OF });
    expect(fake.stats.runCount).toBe(1);
    expect(fake.stats.suspendedCalculationSyncs).toBe(0);
    expect(workbook()).toBe(before);
    expect(fake.getTable("ARReminders")).toBeUndefined();
    expect([setup.sender, setup.chase.onHold]).toEqual([{ company: "Northwind", name: "Sam Lee" }, ["Acme"]]);
    expect(setup.drafts.map((d) => d.customer)).toEqual(["=Beta"]);
  });

  it("does not draft a reminder sent before its level was renamed, and keeps a column the user typed beside it", async () => {
    const ownNames = DEFAULT_LEVELS.map((l) => ({ ...l, name: `Our ${l.name.toLowerCase()}` }));
    await saveReminderSettingsInExcel({ sender: { company: "Northwind", name: "Sam Lee" }, levels: ownNames });
    const drafted = await draftRemindersInExcel({ asOf: AS_OF });
    const acme = drafted.reminders.find((r) => r.draft.customer === "Acme")!.draft;
    await markSentInExcel([{ customer: "Acme", level: acme.level.id, invoices: ["A-1"] }], { by: "Sam Lee", on: AS_OF, asOf: AS_OF });
    // The user types a header and a note beside the table, and Excel takes the column into it.
    const table = fake.getTable("ARReminders")!;
    const [headerRow] = /\d+/.exec(table.headerAddress)!;
    const rows = remindersTable();
    const column = String.fromCharCode("A".charCodeAt(0) + rows[0].length);
    fake.addSheet(table.sheet, [["Call notes"], ...rows.slice(1).map((r) => [r[0] === "Acme" ? "left voicemail" : null])], `${column}${headerRow}`);
    fake.state.findTable("ARReminders")!.columnCount += 1;

    await saveReminderSettingsInExcel({ levels: ownNames.map((l) => (l.id === "first" ? { ...l, name: "Friendly reminder" } : l)) });
    const again = await draftRemindersInExcel({ asOf: AS_OF });
    expect(again.reminders.map((r) => r.draft.customer)).toEqual(["=Beta"]);
    const [header, ...body] = remindersTable();
    const acmeRows = body.filter((r) => r[0] === "Acme").map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    expect(acmeRows).toEqual([expect.objectContaining({ Level: "Friendly reminder", "Level id": "first", Status: "Sent", "Sent by": "Sam Lee", "Call notes": "left voicemail" })]);
    expect(fake.listSheets().map((s) => s.name)).not.toContain("AR Archive");
  });
});
