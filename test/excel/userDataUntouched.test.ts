/**
 * The user's tables are never modified: every action the pane and the ribbon can run, run on the
 * fake Excel host (test/support/fakeExcel, a stand-in for Excel), leaves the values, formulas and
 * number formats of every sheet that is not AR Desk's exactly as they were, checked by hash.
 */
import { createHash } from "crypto";
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import {
  describeTableInExcel,
  readSettingsInExcel,
  runRefreshInExcel,
  runValidateInExcel,
  saveMappingInExcel,
  saveSettingsInExcel,
  selectCellInExcel,
} from "../../src/excel/runRefresh";
import { draftRemindersInExcel, markSentInExcel, saveReminderSettingsInExcel } from "../../src/excel/runReminders";
import { columnLetters } from "../../src/core/address";
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from "../support/fakeExcel";

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const AS_OF = dayFromIso("2026-03-31")!;
const USER_SHEETS = ["Notes", "Data", "Clients", "Receipts"];

let fake: FakeExcel;
let office: InstalledOffice;

beforeEach(() => {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  fake.addSheet("Notes", [["Call Beta on Monday", "=1+1"]]);
  fake.addTable("Data", "Invoices", "A1", [
    ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Email"],
    ["INV-1", "Acme", serial("2026-01-01"), serial("2026-02-01"), 100.1, "ap@acme.example"],
    ["INV-2", "Beta", serial("2025-12-01"), serial("2026-01-01"), 250, "ar@beta.example"],
    ["INV-3", "=cmd|' /C calc'!A0", serial("2026-03-01"), serial("2026-04-30"), 40, ""],
  ]);
  fake.addTable("Clients", "Customers", "A1", [
    ["Customer", "Contact", "Language"],
    ["Acme", "Jo", "en"],
    ["Beta", "Marie", "fr"],
  ]);
  fake.addTable("Receipts", "Payments", "A1", [
    ["Invoice", "Payment date", "Amount paid"],
    ["INV-2", serial("2026-03-10"), 50],
  ]);
});
afterEach(() => office?.uninstall());

/** Values, formulas and number formats of every cell of the user's sheets, hashed. */
function userHash(): string {
  const hash = createHash("sha256");
  for (const sheet of USER_SHEETS) {
    const values = fake.getSheetValues(sheet);
    hash.update(JSON.stringify([sheet, values]));
    values.forEach((row, r) =>
      row.forEach((_, c) => {
        const cell = fake.getCell(sheet, `${columnLetters(c + 1)}${r + 1}`);
        hash.update(JSON.stringify([cell.formula, cell.numberFormat, cell.textPrefix]));
      }),
    );
  }
  hash.update(JSON.stringify(["Invoices", "Customers", "Payments"].map((t) => fake.getTable(t))));
  return hash.digest("hex");
}

describe("the user's sheets after every action", () => {
  it("are unchanged, value for value, formula for formula, format for format", async () => {
    const before = userHash();
    const actions: [string, () => Promise<unknown>][] = [
      ["list the tables and the mapping", () => describeTableInExcel()],
      ["validate", () => runValidateInExcel({ asOf: AS_OF })],
      ["refresh", () => runRefreshInExcel({ asOf: AS_OF })],
      ["refresh again with a snapshot", () => runRefreshInExcel({ asOf: AS_OF, snapshot: true })],
      ["refresh cancelled while reading", () => runRefreshInExcel({ asOf: AS_OF, signal: AbortSignal.abort() }).catch(() => undefined)],
      [
        "save a column mapping",
        async () => {
          const { table } = await describeTableInExcel("Invoices");
          await saveMappingInExcel(table!, { invoice: 0, customer: 1, invoiceDate: 2, dueDate: 3, amount: 4, email: 5 });
        },
      ],
      ["save aging settings", () => saveSettingsInExcel({ basis: "invoice", bucketBounds: [30, 60, 90] })],
      ["read the settings", () => readSettingsInExcel()],
      ["save the sender", () => saveReminderSettingsInExcel({ sender: { company: "Northwind Ltd", name: "Sam Lee", email: "ar@northwind.example" } })],
      [
        "draft reminders and mark one as sent",
        async () => {
          const drafted = await draftRemindersInExcel({ asOf: AS_OF });
          const first = drafted.reminders[0].draft;
          await markSentInExcel([{ customer: first.customer, level: first.level.id, invoices: first.items.map((i) => i.invoice) }], { by: "Sam", on: AS_OF, asOf: AS_OF });
        },
      ],
      ["select a cell an issue points at", () => selectCellInExcel("Data", "B4")],
    ];
    for (const [name, action] of actions) {
      await action();
      expect({ after: name, hash: userHash() }).toEqual({ after: name, hash: before });
    }
    // The actions did write AR Desk's own sheets, so the check above was not vacuous.
    expect(fake.listSheets().map((s) => s.name)).toEqual(expect.arrayContaining(["AR Aging", "AR Invoice Detail", "AR Risk", "AR Data Issues", "AR History", "AR Reminders"]));
  });
});
