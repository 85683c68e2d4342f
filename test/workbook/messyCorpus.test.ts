/**
 * A corpus of messy workbooks, written with ExcelJS (and as raw CSV bytes) to a temporary folder,
 * then read back the way the command line reads them: openWorkbook → XlsxWorkbookPort →
 * validateWorkbook / refreshAging. Every defect sits at a known cell; each book lists the exact
 * set of (rule, cell) findings, the rows left out, and the aging worked out by hand.
 *
 * As-of date for every book: 2026-03-31. Days past due on that day (worked by hand):
 *   due 2026-03-31 → 0 (Current)        due 2026-03-05 → 26 (1–30)      due 2026-03-03 → 28 (1–30)
 *   due 2026-03-12 → 19 (1–30)          due 2026-02-14 → 45 (31–60)     due 2026-02-09 → 50 (31–60)
 *   due 2026-02-28 → 31 (31–60)         due 2026-01-15 → 75 (61–90)     due 2025-12-31 → 90 (61–90)
 *   due 2025-12-30 → 91 (91–120)        due 2025-12-01 → 120 (91–120)   due 2025-10-31 → 151 (120+)
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { ArDeskError } from "../../src/core/errors";
import type { AgingReport } from "../../src/core/aging/ageInvoices";
import { openWorkbook } from "../../src/xlsx/files";
import { XlsxWorkbookPort } from "../../src/xlsx/xlsxPort";
import { refreshAging, validateWorkbook, type ValidationReport } from "../../src/workbook/refreshAging";
import { day } from "../support/validationFixture";

const AS_OF = day("2026-03-31");
const NOW = new Date(Date.UTC(2026, 2, 31, 12, 0));
/** Bucket order of the default aging: Current, 1–30, 31–60, 61–90, 91–120, 120+. */
const BUCKETS = ["Current", "1–30", "31–60", "61–90", "91–120", "120+"];

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "ar-desk-corpus-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const dt = (iso: string) => new Date(`${iso}T00:00:00Z`);
const NA = { error: "#N/A" } as unknown as ExcelJS.CellValue;

async function save(name: string, build: (workbook: ExcelJS.Workbook) => void): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  const file = path.join(dir, name);
  await workbook.xlsx.writeFile(file);
  return file;
}

async function saveBytes(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

async function validate(file: string): Promise<ValidationReport> {
  const { workbook, typedCells } = await openWorkbook(file);
  return validateWorkbook(new XlsxWorkbookPort(workbook), { asOf: AS_OF, typedCells });
}

async function refresh(file: string) {
  const { workbook, typedCells } = await openWorkbook(file);
  return refreshAging(new XlsxWorkbookPort(workbook), { asOf: AS_OF, typedCells, now: NOW });
}

const findings = (report: ValidationReport) => report.issues.map((i) => `${i.rule} ${i.cell}`).sort();
const sorted = (list: string[]) => [...list].sort();
/** Bucket totals of one currency's aging as label → minor units, zero buckets left out. */
function bucketTotals(report: AgingReport): Record<string, number> {
  expect(report.buckets.map((b) => b.label)).toEqual(BUCKETS);
  return Object.fromEntries(report.totals.map((t, i) => [BUCKETS[i], t]).filter(([, t]) => t !== 0));
}

describe("ERP export: title rows above a plain range, camelCase headers, a Grand total row", () => {
  let file: string;
  beforeAll(async () => {
    file = await save("erp-export.xlsx", (wb) => {
      const ws = wb.addWorksheet("AR Export");
      ws.getCell("A1").value = "Receivables export — ACME ERP";
      ws.getCell("A2").value = "Run date: 31/03/2026, company 100";
      ws.getRow(4).values = [null, "invoiceNumber", "customerName", "docDate", "dueDate", "invoiceAmt", "openBal", "Curr."];
      const rows: ExcelJS.CellValue[][] = [
        ["INV-1001", "Acme Corp", dt("2026-01-15"), dt("2026-02-14"), 1000, 1000, "USD"], // row 5: 31–60
        ["INV-1002", "Beta LLC", dt("2026-03-01"), dt("2026-03-31"), 500, 200, "USD"], // row 6: Current, 200 open
        ["INV-1003", "Acme Corp", dt("2025-11-01"), dt("2025-12-01"), 750, 750, "USD"], // row 7: 91–120
        ["INV-1004", "Gamma Ltd", dt("2025-10-01"), dt("2025-10-31"), 300, 300, "USD"], // row 8: 120+
        ["INV-1005", "Delta Inc", dt("2026-02-01"), NA, 400, 400, "USD"], // row 9: #N/A due date → excluded
        ["INV-1006", "Epsilon", dt("2026-03-10"), dt("2026-03-05"), 600, 600, "USD"], // row 10: due before invoice, 1–30
        [],
        ["INV-1007", "Zeta", dt("2026-03-15"), dt("2026-04-14"), 0, 0, "USD"], // row 12: zero amount
        ["Grand total", null, null, null, 3550, 3250, null], // row 13: not an invoice
      ];
      rows.forEach((values, i) => (ws.getRow(5 + i).values = [null, ...values]));
    });
  });

  it("finds the header row under the titles and reports each defect at its cell", async () => {
    const report = await validate(file);
    expect(report.source).toEqual({ table: "AR Export!B4", sheet: "AR Export" });
    expect(report.columns.map((c) => c.field)).toEqual(["invoice", "customer", "invoiceDate", "dueDate", "amount", "openBalance", "currency"]);
    expect(findings(report)).toEqual(sorted(["excel-error-value E9", "due-before-invoice E10", "zero-amount F12"]));
    expect(report.invoicesRead).toBe(7);
    expect(report.skipped.map((s) => [s.row, s.cell])).toEqual([[9, "E9"]]);
    expect(report.issues.every((i) => i.sheet === "AR Export")).toBe(true);
    expect(report.issues.find((i) => i.cell === "E9")).toMatchObject({ severity: "error", column: "dueDate", value: "#N/A", row: 9 });
  });

  it("ages the rest: 200 current, 600 in 1–30, 1000 in 31–60, 750 in 91–120, 300 over 120", async () => {
    const result = await refresh(file);
    expect(result.aging.currencies.map((c) => c.currency)).toEqual(["USD"]);
    expect(bucketTotals(result.report)).toEqual({ Current: 20000, "1–30": 60000, "31–60": 100000, "91–120": 75000, "120+": 30000 });
    expect(result.report.grandTotal).toBe(285000);
    expect(result.report.openInvoices).toBe(5);
  });
});

describe("French Excel table: accents, N° facture, variants, near duplicates", () => {
  let file: string;
  beforeAll(async () => {
    file = await save("factures.xlsx", (wb) => {
      const ws = wb.addWorksheet("Clients");
      ws.addTable({
        name: "Factures",
        ref: "A1",
        headerRow: true,
        columns: ["N° facture", "Client", "Date facture", "Échéance", "Montant TTC", "Reste à payer", "Devise", "Courriel"].map((name) => ({ name })),
        rows: [
          ["F-001", "Dupont SA", dt("2026-03-01"), dt("2026-03-31"), 1200, 1200, "EUR", "compta@dupont.fr"], // 2: Current
          ["F-002", "Martin SARL", dt("2026-01-10"), dt("2026-02-09"), 800, 300, "EUR", "martin@"], // 3: bad email, 31–60 (300)
          ["F-003", "Dupont S.A.", dt("2026-02-01"), dt("2026-03-03"), 450, 450, "EUR", "compta@dupont.fr"], // 4: variant, 1–30
          ["F-004", "Dupont SA", dt("2026-03-20"), dt("2026-04-19"), 100, 100, "EUR", "compta@dupont.fr"], // 5: Current
          ["f 001", "Lefebvre", dt("2025-12-01"), dt("2025-12-31"), 250, 250, "EUR", null], // 6: near duplicate of F-001, 61–90
          ["F-006", "Petit", dt("2026-03-01"), dt("2026-03-31"), "abc", null, "EUR", null], // 7: amount not a number → excluded
          ["F-007", "=Moreau", dt("2026-03-01"), dt("2026-03-31"), 100, 100, "EUR", null], // 8: formula-like, Current
        ],
      });
    });
  });

  it("maps the French headers and reports each defect at its cell", async () => {
    const report = await validate(file);
    expect(report.source).toEqual({ table: "Factures", sheet: "Clients" });
    expect(report.columns.map((c) => [c.header, c.field])).toEqual([
      ["N° facture", "invoice"], ["Client", "customer"], ["Date facture", "invoiceDate"], ["Échéance", "dueDate"],
      ["Montant TTC", "amount"], ["Reste à payer", "openBalance"], ["Devise", "currency"], ["Courriel", "email"],
    ]);
    expect(findings(report)).toEqual(sorted(["invalid-email H3", "customer-name-variants B4", "near-duplicate-invoice A6", "amount-not-number E7", "formula-like-text B8"]));
    expect(report.invoicesRead).toBe(7);
    expect(report.skipped.map((s) => s.cell)).toEqual(["E7"]);
  });

  it("ages EUR: 1400 current, 450 in 1–30, 300 in 31–60, 250 in 61–90", async () => {
    const result = await refresh(file);
    expect(result.report.currency).toBe("EUR");
    expect(bucketTotals(result.report)).toEqual({ Current: 140000, "1–30": 45000, "31–60": 30000, "61–90": 25000 });
    expect(result.report.grandTotal).toBe(240000);
  });
});

describe("German plain range with text dates (typed workbook)", () => {
  let file: string;
  beforeAll(async () => {
    file = await save("rechnungen.xlsx", (wb) => {
      const ws = wb.addWorksheet("Offene Posten");
      const rows: ExcelJS.CellValue[][] = [
        ["Rechnungsnummer", "Kunde", "Rechnungsdatum", "Fälligkeitsdatum", "Betrag"],
        ["R-1", "Müller GmbH", "15.01.2026", "14.02.2026", 1000], // 2: 31–60
        ["R-2", "Schmidt AG", "01.03.2026", "31.03.2026", 2000], // 3: Current
        ["R-3", "Schmidt AG", "05.03.2026", "04.04.2026", 500], // 4: Current (not yet due)
        ["R-4", "Weber KG", "32.01.2026", "28.02.2026", 300], // 5: invoice date unreadable, 31–60
        ["Summe", null, null, null, 3800], // 6: totals line
      ];
      rows.forEach((values, i) => (ws.getRow(1 + i).values = values));
    });
  });

  it("reads d.m.y text dates, noting each as text, and flags the unreadable one", async () => {
    const report = await validate(file);
    expect(findings(report)).toEqual(
      sorted(["number-as-text C2", "number-as-text D2", "number-as-text C3", "number-as-text D3", "number-as-text C4", "number-as-text D4", "number-as-text D5", "unparseable-date C5"]),
    );
    expect(report.issues.find((i) => i.rule === "unparseable-date")).toMatchObject({ severity: "warning", value: "32.01.2026", column: "Rechnungsdatum" });
    expect(report.invoicesRead).toBe(4);
    expect(report.skipped).toEqual([]);
  });

  it("ages 2500 current and 1300 in 31–60", async () => {
    const result = await refresh(file);
    expect(bucketTotals(result.report)).toEqual({ Current: 250000, "31–60": 130000 });
  });
});

describe("Spanish table: credit notes, several currencies, yen, status and payments", () => {
  let file: string;
  beforeAll(async () => {
    file = await save("facturas.xlsx", (wb) => {
      const ws = wb.addWorksheet("Cartera");
      ws.addTable({
        name: "Facturas",
        ref: "A1",
        headerRow: true,
        columns: ["Número de factura", "Cliente", "Fecha", "Vencimiento", "Importe", "Importe pagado", "Moneda", "Tipo", "Estado"].map((name) => ({ name })),
        rows: [
          ["FAC-1", "Alfa SA", dt("2026-02-01"), dt("2026-03-03"), 1000, 0, "EUR", "Factura", "Pendiente"], // 2: 1–30
          ["FAC-2", "Alfa SA", dt("2026-01-01"), dt("2026-01-31"), 500, 500, "EUR", "Factura", "Pagado"], // 3: paid
          ["FAC-3", "Alfa SA", dt("2026-03-01"), dt("2026-03-31"), -200, 0, "EUR", "Abono", null], // 4: credit note
          ["FAC-4", "Beta SL", dt("2026-03-01"), dt("2026-03-31"), 50000, 0, "JPY", "Factura", "Pendiente"], // 5: JPY, customer in two currencies
          ["FAC-5", "Beta SL", dt("2026-03-01"), dt("2026-03-31"), 300, 0, "EUR", "Factura", "Pendiente"], // 6
          ["FAC-6", "Gamma", dt("2026-03-01"), dt("2026-03-31"), 100, 0, null, "Factura", "Pendiente"], // 7: no currency → excluded
          ["FAC-7", "Delta", dt("2026-03-01"), dt("2026-03-31"), -80, 0, "EUR", "Factura", "Pendiente"], // 8: negative, not a credit
          ["FAC-8", "Delta", dt("2026-03-01"), dt("2026-03-31"), 100, 150, "EUR", "Factura", "Pagado"], // 9: overpaid
          ["FAC-9", "Epsilon", dt("2026-03-01"), dt("2026-03-31"), 100, 100, "EUR", "Factura", "Pendiente"], // 10: status open, nothing due
        ],
      });
    });
  });

  it("reports each defect at its cell", async () => {
    const report = await validate(file);
    expect(findings(report)).toEqual(
      sorted(["customer-several-currencies G5", "currency-missing G7", "negative-not-credit E8", "paid-exceeds-amount F9", "status-balance-mismatch I10"]),
    );
    expect(report.skipped.map((s) => s.cell)).toEqual(["G7"]);
    expect(report.invoicesRead).toBe(9);
  });

  it("ages each currency apart, credits and overpayments netted, yen without decimals", async () => {
    const result = await refresh(file);
    const byCurrency = Object.fromEntries(result.aging.currencies.map((r) => [r.currency, r]));
    expect(Object.keys(byCurrency).sort()).toEqual(["EUR", "JPY"]);
    // EUR current: FAC-3 −200, FAC-5 300, FAC-7 −80, FAC-8 −50 (overpaid) = −30; FAC-1 1000 in 1–30.
    expect(bucketTotals(byCurrency.EUR)).toEqual({ Current: -3000, "1–30": 100000 });
    expect(byCurrency.JPY.digits).toBe(0);
    expect(bucketTotals(byCurrency.JPY)).toEqual({ Current: 50000 });
  });
});

describe("CSV with US dates (m/d/y, some days over 12)", () => {
  let file: string;
  beforeAll(async () => {
    const text = [
      "Invoice #,Customer,Invoice Date,Due Date,Amount,Terms",
      '1001,"Acme, Inc.",01/15/2026,02/14/2026,"1,250.00",Net 30', // 2: 31–60
      "1002,Beta Co,03/01/2026,03/31/2026,$500.00,Net 30", // 3: Current
      "1003,Gamma,02/03/2026,03/05/2026,300,Net 30", // 4: 1–30 (Feb 3 → Mar 5 is 30 days)
      "1004,Delta,12/01/2025,01/15/2026,200,Net 30", // 5: 45 days for Net 30; 61–90
      "1005,Echo,2026-02-10,03/12/2026,400,Net 30", // 6: ISO invoice date; 1–30
      '1006,Foxtrot,11/30/2025,12/30/2025,"1,000.00",Net 30', // 7: 91–120
      "",
    ].join("\r\n");
    file = await saveBytes("us-export.csv", Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]));
  });

  it("reads the dates month first and reports only the terms mismatch", async () => {
    const report = await validate(file);
    expect(report.source.sheet).toBe("us-export");
    expect(findings(report)).toEqual(["terms-mismatch D5"]);
    expect(report.invoicesRead).toBe(6);
  });

  it("ages 500 current, 700 in 1–30, 1250 in 31–60, 200 in 61–90, 1000 in 91–120", async () => {
    const result = await refresh(file);
    expect(bucketTotals(result.report)).toEqual({ Current: 50000, "1–30": 70000, "31–60": 125000, "61–90": 20000, "91–120": 100000 });
    expect(result.report.grandTotal).toBe(365000);
  });
});

describe("Semicolon CSV in Windows-1252 with decimal commas", () => {
  let file: string;
  beforeAll(async () => {
    const text = [
      "N° facture;Raison sociale;Date facture;Échéance;Montant TTC;Montant réglé",
      "F100;Société Générale;15/01/2026;14/02/2026;1.234,56;0", // 2: 31–60
      "F101;Crédit Agricole;01/03/2026;31/03/2026;2 000,00;500,00", // 3: Current, 1500 open
      "F102;Société Générale;01/12/2025;31/12/2025;999,99;", // 4: 61–90
      "F103;Crédit Agricole;05/03/2026;04/04/2026;100,00;100,00", // 5: paid
      "F104;Bouygues;10/02/2026;12/03/2026;abc;", // 6: amount not a number → excluded
      "Total;;;;4.334,55;600,00", // 7: totals line
    ].join("\r\n");
    // Every character above is in Latin-1, where Windows-1252 agrees byte for byte.
    const bytes = Uint8Array.from(Buffer.from(text, "latin1"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    file = await saveBytes("factures-fr.csv", bytes);
  });

  it("decodes the accents, splits on semicolons and reads decimal commas", async () => {
    const report = await validate(file);
    expect(report.columns.map((c) => c.header)).toEqual(["N° facture", "Raison sociale", "Date facture", "Échéance", "Montant TTC", "Montant réglé"]);
    expect(findings(report)).toEqual(["amount-not-number E6"]);
    expect(report.invoicesRead).toBe(5);
    expect(report.skipped.map((s) => s.cell)).toEqual(["E6"]);
  });

  it("ages 1500.00 current, 1234.56 in 31–60, 999.99 in 61–90", async () => {
    const result = await refresh(file);
    expect(bucketTotals(result.report)).toEqual({ Current: 150000, "31–60": 123456, "61–90": 99999 });
    expect(result.report.customers.map((c) => c.customer).sort()).toEqual(["Crédit Agricole", "Société Générale"]);
  });
});

describe("Windows-1252 CSV with euro signs", () => {
  // Node's TextDecoder("windows-1252") decodes as ISO-8859-1; decodeCsv maps 0x80–0x9F itself,
  // so the euro sign (byte 0x80) reads and "12,50 €" is an amount.
  it("reads amounts written with € (byte 0x80)", async () => {
    const text = "Facture;Client;Échéance;Montant\r\nF1;Société A;31/03/2026;12,50 €\r\n";
    const bytes = Uint8Array.from([...text].map((ch) => (ch === "€" ? 0x80 : ch.charCodeAt(0))));
    const file = await saveBytes("euro-1252.csv", bytes);
    const report = await validate(file);
    expect(findings(report)).toEqual([]);
    expect(bucketTotals((await refresh(file)).report)).toEqual({ Current: 1250 });
  });
});

describe("Workbooks with several tables", () => {
  it("prefers an Excel table to a plain range, and asks when two tables qualify", async () => {
    const header = ["Invoice", "Customer", "Due Date", "Amount"];
    const one = await save("table-and-range.xlsx", (wb) => {
      wb.addWorksheet("Raw").getRow(1).values = header;
      wb.addWorksheet("Tidy").addTable({ name: "Open", ref: "A1", headerRow: true, columns: header.map((name) => ({ name })), rows: [["I1", "Acme", dt("2026-03-31"), 10]] });
    });
    expect((await validate(one)).source).toEqual({ table: "Open", sheet: "Tidy" });

    const two = await save("two-tables.xlsx", (wb) => {
      wb.addWorksheet("EU").addTable({ name: "EuInvoices", ref: "A1", headerRow: true, columns: header.map((name) => ({ name })), rows: [["I1", "Acme", dt("2026-03-31"), 10]] });
      wb.addWorksheet("US").addTable({ name: "UsInvoices", ref: "B2", headerRow: true, columns: header.map((name) => ({ name })), rows: [["I2", "Beta", dt("2026-03-31"), 20]] });
    });
    const error = await validate(two).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArDeskError);
    expect((error as ArDeskError).code).toBe("SEVERAL_INVOICE_TABLES");
    expect((error as ArDeskError).message).toContain('"EuInvoices" on sheet "EU"');
    expect((error as ArDeskError).message).toContain('"UsInvoices" on sheet "US"');
  });
});
