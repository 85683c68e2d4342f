import fc from "fast-check";
import { ageInvoices, daysPastDue, isOpenAsOf } from "../../../src/core/aging/ageInvoices";
import { makeBuckets } from "../../../src/core/aging/buckets";
import type { InvoiceRecord } from "../../../src/core/types";

/** 2026-03-31: 20454 (2026-01-01) + 31 + 28 + 30. */
const AS_OF = 20543;

function invoice(invoiceNo: string, customer: string, dueOffset: number, openMinor: number, invoiceOffset?: number): InvoiceRecord {
  return {
    invoice: invoiceNo,
    customer,
    invoiceDate: invoiceOffset === undefined ? undefined : AS_OF + invoiceOffset,
    dueDate: AS_OF + dueOffset,
    amountMinor: Math.max(openMinor, 0) + 1000,
    openMinor,
    source: { sheet: "Ledger", table: "Invoices" },
    row: 2,
  };
}

// Days past due = as-of − due date, so a due offset of −30 is 30 days past due.
const FIXTURE: InvoiceRecord[] = [
  invoice("A1", "Acme", +10, 100000, -20), //    −10 days → Current
  invoice("A2", "Acme", -30, 25050, -60), //      30 days → 1–30
  invoice("A3", "Acme", -121, 5000, -151), //    121 days → 120+
  invoice("B1", "Beta", -31, 40000, -61), //      31 days → 31–60
  invoice("B2", "Beta", -45, 0, -75), //          paid: excluded
  invoice("B3", "Beta", -5, -10000, -35), //      credit note, 5 days → 1–30
  invoice("B4", "Beta", +31, 70000, +1), //       issued the day after the as-of date: excluded
  invoice("C1", "Coho", 0, 12345, 0), //          issued and due on the as-of date → Current
  invoice("C2", "Coho", -90, 30000), //           90 days → 61–90 (no invoice date: counts as issued)
  invoice("C3", "Coho", -91, 1, -121), //         91 days → 91–120
];

describe("ageInvoices on a hand-computed ledger", () => {
  const report = ageInvoices(FIXTURE, { asOf: AS_OF });

  it("totals each customer by bucket", () => {
    const byName = Object.fromEntries(report.customers.map((c) => [c.customer, c]));
    //                         Current  1–30   31–60  61–90 91–120 120+
    expect(byName.Acme.buckets).toEqual([100000, 25050, 0, 0, 0, 5000]);
    expect(byName.Beta.buckets).toEqual([0, -10000, 40000, 0, 0, 0]);
    expect(byName.Coho.buckets).toEqual([12345, 0, 0, 30000, 1, 0]);
  });

  it("gives each customer's total, overdue and open count", () => {
    const summary = report.customers.map((c) => [c.customer, c.total, c.overdue, c.openInvoices]);
    // Acme: 100000 + 25050 + 5000 = 130050, overdue 25050 + 5000 = 30050
    // Coho: 12345 + 30000 + 1 = 42346, overdue 30000 + 1 = 30001
    // Beta: 40000 − 10000 = 30000 (the credit note reduces it), overdue 30000
    expect(summary).toEqual([
      ["Acme", 130050, 30050, 3],
      ["Coho", 42346, 30001, 3],
      ["Beta", 30000, 30000, 2],
    ]);
  });

  it("totals each bucket across customers", () => {
    // Current 100000 + 12345; 1–30 25050 − 10000; 31–60 40000; 61–90 30000; 91–120 1; 120+ 5000
    expect(report.totals).toEqual([112345, 15050, 40000, 30000, 1, 5000]);
    // 130050 + 30000 + 42346
    expect(report.grandTotal).toBe(202396);
  });

  it("counts the open invoices only", () => {
    // 10 records − the paid B2 − the not-yet-issued B4
    expect(report.openInvoices).toBe(8);
  });

  it("reports the as-of date and the default buckets", () => {
    expect(report.asOf).toBe(AS_OF);
    expect(report.buckets.map((b) => b.label)).toEqual(["Current", "1–30", "31–60", "61–90", "91–120", "120+"]);
  });

  it("excludes an invoice once the as-of date moves before its issue", () => {
    const earlier = ageInvoices(FIXTURE, { asOf: AS_OF - 1 });
    expect(earlier.customers.find((c) => c.customer === "Coho")!.openInvoices).toBe(2); // C1 not issued yet
  });

  it("includes the invoice issued the day after once the as-of date reaches it", () => {
    const later = ageInvoices(FIXTURE, { asOf: AS_OF + 1 });
    // B4 is due 30 days after the new as-of date: Current.
    expect(later.customers.find((c) => c.customer === "Beta")!.buckets[0]).toBe(70000);
    expect(later.openInvoices).toBe(9);
  });

  it("ages into custom buckets", () => {
    const custom = ageInvoices(FIXTURE, { asOf: AS_OF, buckets: makeBuckets([60]) });
    // Current: 100000 + 12345; 1–60: 25050 + 40000 − 10000; 60+: 5000 + 30000 + 1
    expect(custom.totals).toEqual([112345, 55050, 35001]);
    expect(custom.grandTotal).toBe(202396);
  });

  it("gives an empty report for no records", () => {
    const empty = ageInvoices([], { asOf: AS_OF });
    expect(empty.customers).toEqual([]);
    expect(empty.totals).toEqual([0, 0, 0, 0, 0, 0]);
    expect(empty.grandTotal).toBe(0);
    expect(empty.openInvoices).toBe(0);
  });
});

describe("ageInvoices sort order", () => {
  it("puts the most overdue first, then the largest total, then by name", () => {
    const records = [
      invoice("1", "Zeta", -10, 500), //             overdue 500, total 500
      invoice("2", "Alpha", 5, 900000), //           overdue 0, total 900000
      invoice("3", "Mu", -200, 800), //              overdue 800
      invoice("4", "Beta", -10, 500), //             overdue 500, total 500 + 100
      invoice("5", "Beta", 10, 100),
      invoice("6", "Gamma", -10, 500), //            ties Zeta exactly: by name
    ];
    expect(ageInvoices(records, { asOf: AS_OF }).customers.map((c) => c.customer)).toEqual(["Mu", "Beta", "Gamma", "Zeta", "Alpha"]);
  });
});

describe("isOpenAsOf and daysPastDue", () => {
  it("treats an invoice as open from its issue day while it has a balance", () => {
    expect(isOpenAsOf(invoice("x", "c", 0, 100, 0), AS_OF)).toBe(true);
    expect(isOpenAsOf(invoice("x", "c", 0, 100, 1), AS_OF)).toBe(false);
    expect(isOpenAsOf(invoice("x", "c", 0, 0, -5), AS_OF)).toBe(false);
    expect(isOpenAsOf(invoice("x", "c", 0, -100, -5), AS_OF)).toBe(true);
    expect(isOpenAsOf(invoice("x", "c", 0, 100), AS_OF)).toBe(true);
  });

  it("counts days from the due date", () => {
    expect(daysPastDue(invoice("x", "c", -30, 1), AS_OF)).toBe(30);
    expect(daysPastDue(invoice("x", "c", 0, 1), AS_OF)).toBe(0);
    expect(daysPastDue(invoice("x", "c", 14, 1), AS_OF)).toBe(-14);
  });
});

describe("ageInvoices properties", () => {
  const recordArb = fc
    .record({
      customer: fc.constantFrom("Acme", "Beta", "Coho", "Delta", "Echo"),
      dueOffset: fc.integer({ min: -400, max: 120 }),
      invoiceOffset: fc.option(fc.integer({ min: -500, max: 30 }), { nil: undefined }),
      openMinor: fc.integer({ min: -5_000_000, max: 50_000_000 }),
    })
    .map((r) => invoice("INV", r.customer, r.dueOffset, r.openMinor, r.invoiceOffset));
  // Each record on its own worksheet row, as in a real table: open items are listed by customer,
  // days, invoice number and then source row, so two records never tie on all of them.
  const ledgerArb = fc.array(recordArb, { maxLength: 60 }).map((list) => list.map((r, i) => ({ ...r, row: i + 2 })));
  const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

  it("makes each customer's buckets add up to its total", () => {
    fc.assert(
      fc.property(ledgerArb, (records) => {
        for (const c of ageInvoices(records, { asOf: AS_OF }).customers) {
          expect(sum(c.buckets)).toBe(c.total);
          expect(sum(c.buckets.slice(1))).toBe(c.overdue);
        }
      }),
    );
  });

  it("makes customer totals, grand total and bucket totals agree", () => {
    fc.assert(
      fc.property(ledgerArb, (records) => {
        const report = ageInvoices(records, { asOf: AS_OF });
        expect(sum(report.customers.map((c) => c.total))).toBe(report.grandTotal);
        expect(sum(report.totals)).toBe(report.grandTotal);
        report.totals.forEach((total, i) => {
          expect(sum(report.customers.map((c) => c.buckets[i]))).toBe(total);
        });
        expect(sum(report.customers.map((c) => c.openInvoices))).toBe(report.openInvoices);
      }),
    );
  });

  it("counts exactly the records issued by the as-of date with a balance", () => {
    fc.assert(
      fc.property(ledgerArb, (records) => {
        const open = records.filter((r) => r.openMinor !== 0 && (r.invoiceDate === undefined || r.invoiceDate <= AS_OF));
        const report = ageInvoices(records, { asOf: AS_OF });
        expect(report.openInvoices).toBe(open.length);
        expect(report.grandTotal).toBe(sum(open.map((r) => r.openMinor)));
      }),
    );
  });

  it("gives the same figures whatever the order of the records", () => {
    fc.assert(
      fc.property(
        ledgerArb.chain((records) =>
          fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length })),
        ),
        ([records, shuffled]) => {
          expect(ageInvoices(shuffled, { asOf: AS_OF })).toEqual(ageInvoices(records, { asOf: AS_OF }));
        },
      ),
    );
  });

  it("moves days past due one for one with the as-of date", () => {
    fc.assert(
      fc.property(recordArb, fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 }), (record, shift, step) => {
        const asOf = AS_OF + shift;
        expect(daysPastDue(record, asOf + step) - daysPastDue(record, asOf)).toBe(step);
        expect(daysPastDue(record, record.dueDate)).toBe(0);
      }),
    );
  });
});
