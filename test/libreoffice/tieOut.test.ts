/**
 * The tie-out block, checked by an independent spreadsheet engine: LibreOffice recalculates the
 * SUMIFS over "AR Invoice Detail" on a workbook with two currencies, credit notes and a disputed
 * invoice, and must find our bucket totals to the cent with no error cells; a ledger balance the
 * user types survives a refresh and the difference to it computes.
 */
import ExcelJS from "exceljs";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";
import { recalculateWithLibreOffice } from "../support/libreoffice";

jest.setTimeout(300_000);

const AS_OF = "2026-03-31";
const LABELS = ["Current", "1–30", "31–60", "61–90", "91–120", "120+"];
const date = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * As of 2026-03-31 (days past due in the comments):
 *   EUR  Acme  INV-1   1,000.50 open            due 02-09:  50 → 31–60
 *        Acme  INV-2   1,200.00, 200.25 open    due 03-31:   0 → Current (partly paid)
 *        Acme  CN-1      −150.10 credit note    due 03-15:  16 → 1–30
 *        Beta  INV-3     500.00 disputed        due 2025-10-31: 151 → 120+
 *        Beta  INV-4     333.33 paid 01-05      closed
 *   JPY  Kabuto JP-1  ¥150,000                  due 02-04:  55 → 31–60
 *        Kabuto JP-2  ¥7                        due 2025-12-20: 101 → 91–120
 *        Sakura JP-3  ¥98,765                   due 04-19: not due → Current
 *        Sakura JP-4  ¥−1,234 credit note       due 03-10:  21 → 1–30
 */
const ROWS: [string, string, string, string, string, number, number, string | null, string, string][] = [
  ["INV-1", "Acme GmbH", "2026-01-10", "2026-02-09", "Invoice", 1000.5, 1000.5, null, "EUR", ""],
  ["INV-2", "Acme GmbH", "2026-03-01", "2026-03-31", "Invoice", 1200, 200.25, null, "EUR", ""],
  ["CN-1", "Acme GmbH", "2026-03-15", "2026-03-15", "Credit note", -150.1, -150.1, null, "EUR", ""],
  ["INV-3", "Beta SARL", "2025-10-01", "2025-10-31", "Invoice", 500, 500, null, "EUR", "Yes"],
  ["INV-4", "Beta SARL", "2025-12-01", "2025-12-31", "Invoice", 333.33, 0, "2026-01-05", "EUR", ""],
  ["JP-1", "Kabuto KK", "2026-01-05", "2026-02-04", "Invoice", 150000, 150000, null, "JPY", ""],
  ["JP-2", "Kabuto KK", "2025-11-20", "2025-12-20", "Invoice", 7, 7, null, "JPY", ""],
  ["JP-3", "Sakura KK", "2026-03-20", "2026-04-19", "Invoice", 98765, 98765, null, "JPY", ""],
  ["JP-4", "Sakura KK", "2026-03-10", "2026-03-10", "Credit note", -1234, -1234, null, "JPY", ""],
];
/** Hand-computed bucket totals, in minor units. */
const EXPECTED: Record<string, { buckets: number[]; total: number; digits: number }> = {
  EUR: { buckets: [20025, -15010, 100050, 0, 0, 50000], total: 155065, digits: 2 },
  JPY: { buckets: [98765, -1234, 150000, 0, 7, 0], total: 247538, digits: 0 },
};

async function writeLedger(file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Ledger");
  sheet.addTable({
    name: "Invoices",
    ref: "A1",
    headerRow: true,
    columns: ["Invoice #", "Customer", "Invoice Date", "Due Date", "Type", "Amount", "Balance", "Paid Date", "Currency", "Disputed"].map((name) => ({ name })),
    rows: ROWS.map(([invoice, customer, issued, due, type, amount, balance, paid, currency, disputed]) => [invoice, customer, date(issued), date(due), type, amount, balance, paid ? date(paid) : null, currency, disputed]),
  });
  for (const column of [3, 4, 8]) sheet.getColumn(column).numFmt = "yyyy-mm-dd";
  await workbook.xlsx.writeFile(file);
}

interface RefreshJson {
  customers: { customer: string; currency: string; buckets: Record<string, number>; total: number; credits: number; disputed: number }[];
  currencies: { currency: string; totals: { buckets: Record<string, number>; total: number } }[];
  detail: { invoice: string; currency: string; bucket: string; open: number; disputed: boolean }[];
}

const minor = (value: string | number, digits: number) => Math.round(Number(value) * 10 ** digits);

/** The rows of the AR Aging sheet labelled so in column A, in order (one per currency). */
const labelled = (rows: string[][], label: string) => rows.filter((row) => row[0] === label);

let dir: string;
let output: string;
let json: RefreshJson;

beforeAll(async () => {
  dir = tempDir();
  await writeLedger(path.join(dir, "ledger.xlsx"));
  const refresh = await runCli("refresh", path.join(dir, "ledger.xlsx"), "--as-of", AS_OF, "--json");
  expect(refresh.stderr).toBe("");
  expect(refresh.code).toBe(0);
  json = JSON.parse(refresh.stdout);
  output = path.join(dir, "ledger.ar.xlsx");
});

test("our JSON has the hand-computed totals per currency, never summed across them", () => {
  expect(json.currencies.map((c) => c.currency)).toEqual(["JPY", "EUR"]);
  for (const c of json.currencies) {
    const expected = EXPECTED[c.currency];
    expect(LABELS.map((l) => minor(c.totals.buckets[l], expected.digits))).toEqual(expected.buckets);
    expect(minor(c.totals.total, expected.digits)).toBe(expected.total);
  }
  const beta = json.customers.find((c) => c.customer === "Beta SARL")!;
  expect(beta).toMatchObject({ currency: "EUR", disputed: 500, total: 500 });
  const acme = json.customers.find((c) => c.customer === "Acme GmbH")!;
  expect(acme).toMatchObject({ currency: "EUR", credits: -150.1, total: 1050.65 });
  expect(json.detail.map((d) => d.invoice).sort()).toEqual(["CN-1", "INV-1", "INV-2", "INV-3", "JP-1", "JP-2", "JP-3", "JP-4"]);
  expect(json.detail.find((d) => d.invoice === "INV-3")).toMatchObject({ disputed: true, bucket: "120+" });
});

test("LibreOffice recalculates the tie-out: SUMIFS over the detail equal our totals, differences 0, no error cells", () => {
  const sheets = recalculateWithLibreOffice(output);
  const aging = sheets.get("AR Aging")!;
  expect(aging).toBeDefined();
  expect(sheets.get("AR Invoice Detail")).toBeDefined();

  const detail = labelled(aging, "Detail (SUMIFS)");
  const differences = labelled(aging, "Difference to the table");
  expect(detail).toHaveLength(2);
  expect(differences).toHaveLength(2);
  json.currencies.forEach((c, i) => {
    const { digits } = EXPECTED[c.currency];
    // B…G the buckets, H their sum: equal to our JSON to the cent (yen: to the yen).
    expect(detail[i].slice(1, 7).map((v) => minor(v, digits))).toEqual(LABELS.map((l) => minor(c.totals.buckets[l], digits)));
    expect(minor(detail[i][7], digits)).toBe(minor(c.totals.total, digits));
    expect(detail[i].slice(1, 8).map((v) => minor(v, digits))).toEqual([...EXPECTED[c.currency].buckets, EXPECTED[c.currency].total]);
    expect(differences[i].slice(1, 8).map(Number)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });
  // No ledger balance typed yet: the difference to the ledger is blank.
  for (const row of labelled(aging, "Difference to the ledger")) expect(row.slice(1).every((cell) => cell === "")).toBe(true);

  for (const [name, rows] of sheets) for (const row of rows) for (const cell of row) expect([name, cell]).not.toEqual([name, expect.stringMatching(/^(#|Err:)/)]);
});

test("a ledger balance typed into the output survives a refresh of that file, and the difference to it computes", async () => {
  // Type the ledger balances (column H, the Total column) the way a user would.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(output);
  const sheet = workbook.getWorksheet("AR Aging")!;
  const ledgerRows: number[] = [];
  sheet.eachRow((row, number) => {
    if (row.getCell(1).value === "Ledger balance (type it)") ledgerRows.push(number);
  });
  expect(ledgerRows).toHaveLength(2);
  // Sections are JPY first, then EUR (largest grand total in minor units first).
  const typed = [247000, 1500]; // ¥247,000 and €1,500.00
  ledgerRows.forEach((row, i) => (sheet.getCell(row, 8).value = typed[i]));
  await workbook.xlsx.writeFile(output);

  const again = await runCli("refresh", output, "--as-of", AS_OF, "--out", output, "--json");
  expect(again.stderr).toBe("");
  expect(again.code).toBe(0);

  const reread = new ExcelJS.Workbook();
  await reread.xlsx.readFile(output);
  const refreshed = reread.getWorksheet("AR Aging")!;
  expect(ledgerRows.map((row) => refreshed.getCell(row, 8).value)).toEqual(typed);
  expect(ledgerRows.map((row) => refreshed.getCell(row, 1).value)).toEqual(["Ledger balance (type it)", "Ledger balance (type it)"]);

  const aging = recalculateWithLibreOffice(output).get("AR Aging")!;
  const ledger = labelled(aging, "Ledger balance (type it)").map((row) => Number(row[7]));
  expect(ledger).toEqual(typed);
  // Difference to the ledger = total − ledger: ¥247,538 − ¥247,000 = ¥538; €1,550.65 − €1,500.00 = €50.65.
  const difference = labelled(aging, "Difference to the ledger").map((row) => Number(row[7]));
  expect(difference).toEqual([538, 50.65]);
  // And the tie-out still holds after the second refresh.
  for (const row of labelled(aging, "Difference to the table")) expect(row.slice(1, 8).map(Number)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  for (const row of aging) for (const cell of row) expect(cell).not.toMatch(/^(#|Err:)/);
});

test("on the invoice-date basis with custom buckets the tie-out holds too", async () => {
  // Days since the invoice date as of 2026-03-31, buckets 0–30, 31–60, 60+:
  //   EUR INV-1 80 → 60+ 1,000.50; INV-2 30 → 0–30 200.25; CN-1 16 → 0–30 −150.10; INV-3 181 → 60+ 500.00
  //   JPY JP-1 85 → 60+ 150,000; JP-2 131 → 60+ 7; JP-3 11 → 0–30 98,765; JP-4 21 → 0–30 −1,234
  const expected: Record<string, number[]> = { EUR: [5015, 0, 150050, 155065], JPY: [97531, 0, 150007, 247538] };
  const file = path.join(dir, "invoice-basis.xlsx");
  const refresh = await runCli("refresh", path.join(dir, "ledger.xlsx"), "--as-of", AS_OF, "--basis", "invoice", "--buckets", "30,60", "--out", file, "--json");
  expect(refresh.code).toBe(0);
  const result = JSON.parse(refresh.stdout) as RefreshJson & { basis: string };
  expect(result.basis).toBe("invoice");
  expect(result.currencies.map((c) => [c.currency, Object.keys(c.totals.buckets)])).toEqual([
    ["JPY", ["0–30", "31–60", "60+"]],
    ["EUR", ["0–30", "31–60", "60+"]],
  ]);
  const aging = recalculateWithLibreOffice(file).get("AR Aging")!;
  const detail = labelled(aging, "Detail (SUMIFS)");
  ["JPY", "EUR"].forEach((currency, i) => {
    const { digits } = EXPECTED[currency];
    expect(detail[i].slice(1, 5).map((v) => minor(v, digits))).toEqual(expected[currency]);
  });
  for (const row of labelled(aging, "Difference to the table")) expect(row.slice(1, 5).map(Number)).toEqual([0, 0, 0, 0]);
  for (const row of aging) for (const cell of row) expect(cell).not.toMatch(/^(#|Err:)/);
});
