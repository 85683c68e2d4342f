import { ageInvoices, ageLedger, agingDays } from "../../../src/core/aging/ageInvoices";
import { makeBuckets } from "../../../src/core/aging/buckets";
import type { InvoiceRecord } from "../../../src/core/types";

/** 2026-03-31 = 20454 (2026-01-01) + 31 + 28 + 30. */
const AS_OF = 20543;

let row = 1;
function item(invoice: string, customer: string, currency: string | undefined, dueOffset: number, openMinor: number, extra: Partial<InvoiceRecord> = {}): InvoiceRecord {
  row += 1;
  return {
    invoice,
    customer,
    currency,
    invoiceDate: AS_OF + dueOffset - 30,
    dueDate: AS_OF + dueOffset,
    amountMinor: openMinor,
    openMinor,
    source: { sheet: "Ledger" },
    row,
    ...extra,
  };
}

describe("ageLedger: one aging per currency, never summed", () => {
  const records = [
    item("E1", "Acme", "EUR", -10, 100050), //                 10 days → 1–30
    item("E2", "Acme", "EUR", +5, 20000), //                    not due → Current
    item("E3", "Acme", "EUR", -45, -5000, { isCredit: true }), // credit note, 45 days → 31–60
    item("E4", "Beta", "EUR", -100, 30000, { disputed: true }), // 100 days → 91–120, disputed
    item("J1", "Kabuto", "JPY", -61, 150000), //                61 days → 61–90 (¥150,000)
    item("J2", "Kabuto", "JPY", -200, 7), //                   200 days → 120+ (¥7)
    item("J3", "Acme", "JPY", 0, 1000), //                      due today → Current
    item("J4", "Kabuto", "JPY", -5, 0), //                      paid: not open
  ];
  const ledger = ageLedger(records, { asOf: AS_OF });
  const eur = ledger.currencies.find((c) => c.currency === "EUR")!;
  const jpy = ledger.currencies.find((c) => c.currency === "JPY")!;

  it("makes one report per currency with its digits", () => {
    expect(ledger.currencies.map((c) => c.currency).sort()).toEqual(["EUR", "JPY"]);
    expect(eur.digits).toBe(2);
    expect(jpy.digits).toBe(0);
    expect(ledger.basis).toBe("due");
    expect(ledger.buckets.map((b) => b.label)).toEqual(["Current", "1–30", "31–60", "61–90", "91–120", "120+"]);
  });

  it("totals EUR on its own", () => {
    //           Current  1–30    31–60  61–90 91–120 120+
    expect(eur.totals).toEqual([20000, 100050, -5000, 0, 30000, 0]);
    expect(eur.grandTotal).toBe(145050); // 100050 + 20000 − 5000 + 30000
    expect(eur.openInvoices).toBe(4);
  });

  it("totals JPY exactly in whole yen", () => {
    expect(jpy.totals).toEqual([1000, 0, 0, 150000, 0, 7]);
    expect(jpy.grandTotal).toBe(151007);
    expect(jpy.openInvoices).toBe(3);
  });

  it("keeps a customer with two currencies apart in each", () => {
    const acmeEur = eur.customers.find((c) => c.customer === "Acme")!;
    const acmeJpy = jpy.customers.find((c) => c.customer === "Acme")!;
    expect(acmeEur).toMatchObject({ currency: "EUR", total: 115050, buckets: [20000, 100050, -5000, 0, 0, 0], credits: -5000, overdue: 95050, openInvoices: 3, oldestDays: 45 });
    expect(acmeJpy).toMatchObject({ currency: "JPY", total: 1000, buckets: [1000, 0, 0, 0, 0, 0], credits: 0, overdue: 0, openInvoices: 1, oldestDays: 0 });
  });

  it("flags disputed amounts and keeps them in the buckets", () => {
    const beta = eur.customers.find((c) => c.customer === "Beta")!;
    expect(beta).toMatchObject({ disputed: 30000, total: 30000, buckets: [0, 0, 0, 0, 30000, 0], oldestDays: 100 });
    expect(eur.customers.find((c) => c.customer === "Acme")!.disputed).toBe(0);
  });

  it("sorts customers by amount overdue", () => {
    // EUR: Acme overdue 100050 − 5000 = 95050, Beta 30000.  JPY: Kabuto 150007, Acme 0.
    expect(eur.customers.map((c) => c.customer)).toEqual(["Acme", "Beta"]);
    expect(jpy.customers.map((c) => c.customer)).toEqual(["Kabuto", "Acme"]);
  });

  it("sorts the currencies by grand total in minor units, largest first", () => {
    // JPY 151007 > EUR 145050 (minor units).
    expect(ledger.currencies.map((c) => c.currency)).toEqual(["JPY", "EUR"]);
  });

  it("lists the open items by customer, oldest first", () => {
    expect(eur.items.map((i) => [i.record.invoice, i.days, i.bucket])).toEqual([
      ["E3", 45, 2],
      ["E1", 10, 1],
      ["E2", -5, 0],
      ["E4", 100, 4],
    ]);
    expect(jpy.items.map((i) => i.record.invoice)).toEqual(["J3", "J2", "J1"]);
  });

  it("groups records without a currency on their own, with two decimals", () => {
    const mixed = ageLedger([item("N1", "Nocur", undefined, -3, 999), item("E9", "Acme", "EUR", -3, 500)], { asOf: AS_OF });
    expect(mixed.currencies.map((c) => [c.currency, c.grandTotal, c.digits])).toEqual([
      ["", 999, 2],
      ["EUR", 500, 2],
    ]);
    expect(mixed.currencies[0].customers[0]).toMatchObject({ customer: "Nocur", currency: "" });
  });

  it("drops a currency with nothing open, but always returns one report", () => {
    const some = ageLedger([item("E1", "Acme", "EUR", -3, 500), item("J1", "Kabuto", "JPY", -3, 0)], { asOf: AS_OF });
    expect(some.currencies.map((c) => c.currency)).toEqual(["EUR"]);
    const none = ageLedger([], { asOf: AS_OF });
    expect(none.currencies).toHaveLength(1);
    expect(none.currencies[0]).toMatchObject({ grandTotal: 0, openInvoices: 0, customers: [], totals: [0, 0, 0, 0, 0, 0] });
    const allPaid = ageLedger([item("J1", "Kabuto", "JPY", -3, 0)], { asOf: AS_OF });
    expect(allPaid.currencies).toHaveLength(1);
    expect(allPaid.currencies[0]).toMatchObject({ currency: "JPY", digits: 0, grandTotal: 0 });
  });

  it("leaves out invoices issued after the as-of date", () => {
    const later = ageLedger([item("E1", "Acme", "EUR", -3, 500), item("E2", "Acme", "EUR", +40, 700, { invoiceDate: AS_OF + 1 })], { asOf: AS_OF });
    expect(later.currencies[0].grandTotal).toBe(500);
  });
});

describe("invoice-date basis", () => {
  it("labels buckets from day 0 with no Current", () => {
    expect(makeBuckets([30, 60], "invoice").map((b) => b.label)).toEqual(["0–30", "31–60", "60+"]);
    expect(makeBuckets(undefined, "invoice").map((b) => b.label)).toEqual(["0–30", "31–60", "61–90", "91–120", "120+"]);
  });

  it("ages by days since the invoice date", () => {
    const inv = (invoice: string, issuedDaysAgo: number | undefined, dueOffset: number, open: number): InvoiceRecord => ({
      invoice,
      customer: "Acme",
      invoiceDate: issuedDaysAgo === undefined ? undefined : AS_OF - issuedDaysAgo,
      dueDate: AS_OF + dueOffset,
      amountMinor: open,
      openMinor: open,
      source: { sheet: "Ledger" },
      row: 2,
    });
    const records = [
      inv("A", 0, 30, 100), //   issued today: 0 days → 0–30
      inv("B", 30, 0, 200), //   30 days → 0–30
      inv("C", 31, 1, 400), //   31 days → 31–60 (not yet past due, still "older" on this basis)
      inv("D", 61, -31, 800), // 61 days → 60+
      inv("E", undefined, -45, 1600), // no invoice date: falls back to 45 days past due → 31–60
    ];
    const report = ageInvoices(records, { asOf: AS_OF, basis: "invoice", buckets: makeBuckets([30, 60], "invoice") });
    expect(report.basis).toBe("invoice");
    expect(report.totals).toEqual([300, 2000, 800]);
    expect(report.grandTotal).toBe(3100);
    // Overdue on the invoice basis is everything past the first bucket.
    expect(report.customers[0]).toMatchObject({ overdue: 2800, oldestDays: 61 });
    expect(agingDays(records[2], AS_OF, "invoice")).toBe(31);
    expect(agingDays(records[2], AS_OF, "due")).toBe(-1);
    expect(agingDays(records[4], AS_OF, "invoice")).toBe(45);
  });

  it("ageLedger takes its default buckets from the basis", () => {
    const ledger = ageLedger([], { asOf: AS_OF, basis: "invoice" });
    expect(ledger.buckets.map((b) => b.label)[0]).toBe("0–30");
    expect(ledger.currencies[0].basis).toBe("invoice");
  });
});
