import ExcelJS from "exceljs";
import { readdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { simpleParser } from "mailparser";
import { remindersCommand } from "../../src/cli/remindersCommand";
import { dayFromIso } from "../../src/core/parse/dates";
import { markSent, saveReminderSettings } from "../../src/workbook/reminders";
import { openWorkbook, saveWorkbookAtomically } from "../../src/xlsx/files";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";
import { tempDir } from "../support/cliRunner";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** A workbook whose "Ledger" sheet holds an Invoices table with these columns and rows. */
function ledger(columns: string[], rows: unknown[][]): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet("Ledger").addTable({ name: "Invoices", ref: "A1", headerRow: true, columns: columns.map((name) => ({ name })), rows });
  return workbook;
}

describe("ar-desk reminders", () => {
  it("drafts .eml files, prints JSON and writes the AR Reminders sheet", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    const workbook = ledger(["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Email"], [
        ["A-1", "Acme", d("2026-02-01"), d("2026-03-20"), 100.5, "ap@acme.example"],
        ["B-1", "Beta", d("2026-01-01"), d("2026-01-20"), 50, ""],
    ]);
    await workbook.xlsx.writeFile(book);
    const sender = path.join(dir, "sender.json");
    writeFileSync(sender, JSON.stringify({ company: "Northwind Ltd", name: "Sam Lee", email: "ar@northwind.example" }));
    const out: string[] = [];
    const emlDir = path.join(dir, "eml");
    const code = await remindersCommand(
      { command: "reminders", positional: [book], flags: { "as-of": "2026-03-31", eml: emlDir, json: true, out: path.join(dir, "out.xlsx"), sender } },
      { out: (t) => out.push(t), err: (t) => out.push(t) },
    );
    expect(code).toBe(0);
    const json = JSON.parse(out.join("\n"));
    expect(json.drafts.map((x: { customer: string; level: string; total: number }) => [x.customer, x.level, x.total])).toEqual([["Acme", "first", 100.5]]);
    expect(json.needsContact.map((x: { customer: string }) => x.customer)).toEqual(["Beta"]);
    expect(readdirSync(emlDir)).toEqual(["Acme-EUR-first.eml".replace("-EUR", "")]);
    const parsed = await simpleParser(readFileSync(path.join(emlDir, "Acme-first.eml")));
    expect(parsed.subject).toBe("Payment reminder – Acme – 100.50 overdue");
    expect(parsed.headers.get("x-unsent")).toBe("1");
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(path.join(dir, "out.xlsx"));
    expect(written.getWorksheet("AR Reminders")).toBeDefined();
  });

  it("uses the sender and templates saved in the workbook, and skips a reminder marked sent there", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    const workbook = ledger(["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Email"], [
        ["A-1", "Acme", d("2026-02-01"), d("2026-03-20"), 100.5, "ap@acme.example"],
        ["C-1", "Cobalt", d("2026-02-01"), d("2026-03-21"), 70, "ap@cobalt.example"],
    ]);
    // What the pane saves: the sender and the team's first-reminder template, in the workbook.
    const port = new XlsxWorkbookPort(workbook);
    await saveReminderSettings(port, { sender: { company: "Northwind Ltd", name: "Sam Lee" } });
    await saveReminderSettings(port, { template: { level: "first", language: "en", template: { subject: "Ours: {{ customer_name }}", text: "Pay {{ total }}.\n{{ signature }}", html: "<p>Pay {{ total }}.</p>" } } });
    await saveWorkbookAtomically(workbook, book);

    const run = async (file: string, out: string) => {
      const lines: string[] = [];
      const code = await remindersCommand({ command: "reminders", positional: [file], flags: { "as-of": "2026-03-31", json: true, out } }, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
      return { code, json: JSON.parse(lines.join("\n")) };
    };
    const first = await run(book, path.join(dir, "drafted.xlsx"));
    expect(first.code).toBe(0);
    expect(first.json.drafts.map((x: { customer: string; subject: string }) => [x.customer, x.subject])).toEqual([
      ["Acme", "Ours: Acme"],
      ["Cobalt", "Ours: Cobalt"],
    ]);

    // Someone marks Acme's reminder as sent (as the pane does) and saves the workbook.
    const drafted = await openWorkbook(path.join(dir, "drafted.xlsx"));
    const draftedPort = new XlsxWorkbookPort(drafted.workbook);
    const asOf = dayFromIso("2026-03-31")!;
    await markSent(draftedPort, [{ customer: "Acme", level: "first", invoices: ["A-1"] }], { by: "Sam Lee", on: asOf, asOf });
    await saveWorkbookAtomically(drafted.workbook, path.join(dir, "sent.xlsx"), draftedPort.charts);

    const second = await run(path.join(dir, "sent.xlsx"), path.join(dir, "again.xlsx"));
    expect(second.json.drafts.map((x: { customer: string }) => x.customer)).toEqual(["Cobalt"]);
    expect(second.json.skipped).toEqual([expect.objectContaining({ customer: "Acme", code: "already-sent", reason: "First reminder already sent on 2026-03-31 for these invoices." })]);
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(path.join(dir, "again.xlsx"));
    const sheet = again.getWorksheet("AR Reminders")!;
    const values = sheet.getSheetValues().filter(Boolean).map((row) => (row as ExcelJS.CellValue[]).slice(1));
    expect(values.find((row) => row[0] === "Acme")?.slice(9, 12)).toEqual(["Sent", expect.anything(), "Sam Lee"]);
  });

  it("uses the levels and minimum saved in the workbook and skips customers its customers table puts on hold", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    const workbook = ledger(["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"], [
        ["A-1", "Acme", d("2026-02-01"), d("2026-03-20"), 100.5],
        ["C-1", "Cobalt", d("2026-02-01"), d("2026-03-21"), 70],
        ["S-1", "Small", d("2026-02-01"), d("2026-03-21"), 9.99],
    ]);
    workbook.addWorksheet("People").addTable({
      name: "Customers",
      ref: "A1",
      headerRow: true,
      columns: ["Customer", "Email", "Credit hold"].map((name) => ({ name })),
      rows: [
        ["Acme", "ap@acme.example", ""],
        ["Cobalt", "ap@cobalt.example", "Yes"],
        ["Small", "ap@small.example", ""],
      ],
    });
    const port = new XlsxWorkbookPort(workbook);
    await saveReminderSettings(port, {
      sender: { company: "Northwind Ltd", name: "Sam Lee" },
      levels: [{ id: "first", name: "First reminder", days: 1, email: true }, { id: "second", name: "Second reminder", days: 7, email: true, charges: { lateFee: 15 } }],
      minimumAmount: 10,
    });
    await saveWorkbookAtomically(workbook, book);
    const lines: string[] = [];
    const code = await remindersCommand({ command: "reminders", positional: [book], flags: { "as-of": "2026-03-31" } }, { out: (t) => lines.push(t), err: (t) => lines.push(t) });
    expect(code).toBe(0);
    const text = lines.join("\n");
    expect(text).toContain("Acme: Second reminder, 100.5");
    expect(text).toContain("Cobalt: On hold in the customers table.");
    expect(text).toContain("Small: The total 9.99 is below the minimum to chase, 10.00.");
  });
});
