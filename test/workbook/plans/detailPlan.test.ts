import type { AgingReport, LedgerAging } from "../../../src/core/aging/ageInvoices";
import { makeBuckets } from "../../../src/core/aging/buckets";
import type { InvoiceRecord } from "../../../src/core/types";
import { DETAIL_COLUMNS, DETAIL_SHEET, DETAIL_TABLE, planDetailSheet } from "../../../src/workbook/plans/detailPlan";

/** 2026-01-01 = day 20454 = Excel serial 46023. */
const AS_OF = 20454;
const SERIAL = 46023;
const BUCKETS = makeBuckets();

const rec = (extra: Partial<InvoiceRecord> & Pick<InvoiceRecord, "invoice" | "customer" | "dueDate" | "amountMinor" | "openMinor">): InvoiceRecord => ({
  source: { sheet: "Ledger" },
  row: 2,
  ...extra,
});

const EUR_ITEMS = [
  // 45 days past due → 31–60, partly paid
  { record: rec({ invoice: "E-1", customer: "Acme", currency: "EUR", invoiceDate: AS_OF - 75, dueDate: AS_OF - 45, amountMinor: 100050, openMinor: 60025, promiseDate: AS_OF + 7, source: { sheet: "Ledger" }, row: 4 }), days: 45, bucket: 2 },
  // a credit note, 3 days → 1–30
  { record: rec({ invoice: "CN-1", customer: "Acme", currency: "EUR", invoiceDate: AS_OF - 3, dueDate: AS_OF - 3, amountMinor: -5000, openMinor: -5000, isCredit: true, source: { sheet: "Ledger" }, row: 7 }), days: 3, bucket: 1 },
  // disputed, not yet due, no invoice date
  { record: rec({ invoice: "E-2", customer: "Beta", currency: "EUR", dueDate: AS_OF + 10, amountMinor: 30000, openMinor: 30000, disputed: true, source: { sheet: "Ledger" }, row: 5 }), days: -10, bucket: 0 },
];
const JPY_ITEMS = [{ record: rec({ invoice: "J-1", customer: "Kabuto", currency: "JPY", invoiceDate: AS_OF - 200, dueDate: AS_OF - 170, amountMinor: 150000, openMinor: 150000, source: { sheet: "Ledger" }, row: 9 }), days: 170, bucket: 5 }];

const report = (currency: string, digits: number, items: AgingReport["items"]): AgingReport => ({
  asOf: AS_OF,
  basis: "due",
  currency,
  digits,
  buckets: BUCKETS,
  customers: [],
  totals: [0, 0, 0, 0, 0, 0],
  grandTotal: 0,
  openInvoices: items.length,
  items,
});
const LEDGER: LedgerAging = { asOf: AS_OF, basis: "due", buckets: BUCKETS, currencies: [report("JPY", 0, JPY_ITEMS), report("EUR", 2, EUR_ITEMS)] };

describe("planDetailSheet", () => {
  const plan = planDetailSheet(LEDGER);
  const table = plan.tables[0];

  it("is one table on its own sheet, with the columns the tie-out formulas use", () => {
    expect(plan.name).toBe(DETAIL_SHEET);
    expect(plan.name).toBe("AR Invoice Detail");
    expect(plan.kind).toBe("detail");
    expect(plan.tables).toHaveLength(1);
    expect(table.name).toBe(DETAIL_TABLE);
    expect(table.at).toBe("A1");
    expect(table.headers).toEqual(["Customer", "Invoice", "Currency", "Invoice date", "Due date", "Amount", "Open amount", "Days", "Bucket", "Disputed", "Promise date", "Credit note", "Source row"]);
    expect(table.headers).toEqual([...DETAIL_COLUMNS]);
    // The aging sheet's SUMIFS read Currency from C, Open amount from G and Bucket from I.
    expect([table.headers[2], table.headers[6], table.headers[8]]).toEqual(["Currency", "Open amount", "Bucket"]);
  });

  it("writes one row per open item, in currency units, with its bucket label and dates as serials", () => {
    expect(table.rows).toEqual([
      ["Kabuto", "J-1", "JPY", SERIAL - 200, SERIAL - 170, 150000, 150000, 170, "120+", "", null, "", "Ledger!9"],
      ["Acme", "E-1", "EUR", SERIAL - 75, SERIAL - 45, 1000.5, 600.25, 45, "31–60", "", SERIAL + 7, "", "Ledger!4"],
      ["Acme", "CN-1", "EUR", SERIAL - 3, SERIAL - 3, -50, -50, 3, "1–30", "", null, "Yes", "Ledger!7"],
      ["Beta", "E-2", "EUR", null, SERIAL + 10, 300, 300, -10, "Current", "Yes", null, "", "Ledger!5"],
    ]);
  });

  it("formats dates, money and days", () => {
    const f = Object.fromEntries(table.headers.map((h, i) => [h, table.columnFormats[i]]));
    expect([f["Invoice date"], f["Due date"], f["Promise date"]]).toEqual(["yyyy-mm-dd", "yyyy-mm-dd", "yyyy-mm-dd"]);
    // The most decimals of any currency (EUR's 2).
    expect([f.Amount, f["Open amount"]]).toEqual(["#,##0.00;-#,##0.00", "#,##0.00;-#,##0.00"]);
    expect(f.Days).toBe("0");
    expect([f.Customer, f.Bucket]).toEqual([null, null]);
  });

  it("leaves the bucket column out of the totals row, so SUMIFS over whole columns never counts the total", () => {
    const single = planDetailSheet({ ...LEDGER, currencies: [LEDGER.currencies[1]] }).tables[0];
    const totals = Object.fromEntries(single.headers.map((h, i) => [h, single.totals![i]]));
    expect(totals.Customer).toBe("label");
    expect(totals.Bucket).toBe("none");
    expect(totals.Currency).toBe("none");
  });

  // With several currencies there is no totals row: EUR and JPY are never added together.
  it("does not add different currencies together in a totals row", () => {
    expect(table.totals).toBeUndefined();
  });

  it("sums amounts in the totals row when there is a single currency", () => {
    const single = planDetailSheet({ ...LEDGER, currencies: [LEDGER.currencies[1]] });
    const t = single.tables[0];
    expect(t.totals![t.headers.indexOf("Open amount")]).toBe("sum");
    expect(t.rows).toHaveLength(3);
  });

  it("writes whole yen with a whole-number format when yen is the only currency", () => {
    const yen = planDetailSheet({ ...LEDGER, currencies: [LEDGER.currencies[0]] });
    expect(yen.tables[0].columnFormats[5]).toBe("#,##0;-#,##0");
    expect(yen.tables[0].rows[0][6]).toBe(150000);
  });

  it("has an empty table when nothing is open", () => {
    const empty = planDetailSheet({ ...LEDGER, currencies: [report("", 2, [])] });
    expect(empty.tables[0].rows).toEqual([]);
    expect(empty.freezeRows).toBe(1);
  });
});
