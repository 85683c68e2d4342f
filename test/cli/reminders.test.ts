import ExcelJS from "exceljs";
import { readdirSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { simpleParser } from "mailparser";
import { remindersCommand } from "../../src/cli/remindersCommand";
import { tempDir } from "../support/cliRunner";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("ar-desk reminders", () => {
  it("drafts .eml files, prints JSON and writes the AR Reminders sheet", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Ledger").addTable({
      name: "Invoices",
      ref: "A1",
      headerRow: true,
      columns: ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Email"].map((name) => ({ name })),
      rows: [
        ["A-1", "Acme", d("2026-02-01"), d("2026-03-20"), 100.5, "ap@acme.example"],
        ["B-1", "Beta", d("2026-01-01"), d("2026-01-20"), 50, ""],
      ],
    });
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
});
