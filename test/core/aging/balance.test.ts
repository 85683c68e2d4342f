import fc from "fast-check";
import { openOn, paymentsDated, settledOn } from "../../../src/core/aging/balance";
import type { InvoiceRecord } from "../../../src/core/types";

/** 2026-01-01 is day 20454. */
const JAN1 = 20454;

function record(extra: Partial<InvoiceRecord> = {}): InvoiceRecord {
  return {
    invoice: "INV-1",
    customer: "Acme",
    invoiceDate: JAN1,
    dueDate: JAN1 + 30,
    amountMinor: 10000,
    openMinor: 10000,
    source: { sheet: "Ledger" },
    row: 2,
    ...extra,
  };
}

describe("openOn", () => {
  it("owes nothing before the invoice is issued, the whole amount from its date", () => {
    const r = record();
    expect(openOn(r, JAN1 - 1)).toBe(0);
    expect(openOn(r, JAN1)).toBe(10000);
    expect(openOn(r, JAN1 + 400)).toBe(10000);
  });

  it("counts a payment from its own day on, never before", () => {
    // 100.00 invoiced on day 0, 60.00 paid on day 10: 100.00 open on day 9, 40.00 from day 10.
    const r = record({ payments: [{ day: JAN1 + 10, minor: 6000 }] });
    expect(openOn(r, JAN1 + 9)).toBe(10000);
    expect(openOn(r, JAN1 + 10)).toBe(4000);
    expect(openOn(r, JAN1 + 11)).toBe(4000);
  });

  it("ignores payments dated after the as-of date", () => {
    // As of day 20 only the first payment (30.00) has happened; the one on day 25 has not.
    const r = record({ payments: [{ day: JAN1 + 5, minor: 3000 }, { day: JAN1 + 25, minor: 7000 }] });
    expect(openOn(r, JAN1 + 20)).toBe(7000);
    expect(openOn(r, JAN1 + 25)).toBe(0);
  });

  it("applies partial payments in any order, and reversals", () => {
    // 25.00 on day 3, 25.00 on day 1, then a reversal of 25.00 on day 8: 50.00, then 75.00 open.
    const r = record({ payments: [{ day: JAN1 + 3, minor: 2500 }, { day: JAN1 + 1, minor: 2500 }, { day: JAN1 + 8, minor: -2500 }] });
    expect(openOn(r, JAN1 + 2)).toBe(7500);
    expect(openOn(r, JAN1 + 7)).toBe(5000);
    expect(openOn(r, JAN1 + 8)).toBe(7500);
  });

  it("takes an undated paid part off from the invoice date on", () => {
    const r = record({ undatedPaidMinor: 4000, openMinor: 6000 });
    expect(openOn(r, JAN1 - 1)).toBe(0);
    expect(openOn(r, JAN1)).toBe(6000);
  });

  it("treats an invoice without an invoice date as issued", () => {
    const r = record({ invoiceDate: undefined, payments: [{ day: JAN1 + 10, minor: 10000 }] });
    expect(openOn(r, JAN1 - 100)).toBe(10000);
    expect(openOn(r, JAN1 + 10)).toBe(0);
  });

  it("keeps a credit note negative until it is used", () => {
    const r = record({ amountMinor: -5000, openMinor: -5000, isCredit: true });
    expect(openOn(r, JAN1)).toBe(-5000);
  });
});

describe("paymentsDated", () => {
  it("is true unless part of the payment has no date", () => {
    expect(paymentsDated(record())).toBe(true);
    expect(paymentsDated(record({ payments: [{ day: JAN1, minor: 100 }] }))).toBe(true);
    expect(paymentsDated(record({ undatedPaidMinor: 0 }))).toBe(true);
    expect(paymentsDated(record({ undatedPaidMinor: 1 }))).toBe(false);
  });
});

describe("settledOn", () => {
  it("is the day of the payment that brought the balance to zero", () => {
    // 40.00 on day 12, 60.00 on day 30 (listed out of order): settled on day 30.
    const r = record({ openMinor: 0, payments: [{ day: JAN1 + 30, minor: 6000 }, { day: JAN1 + 12, minor: 4000 }] });
    expect(settledOn(r)).toBe(JAN1 + 30);
  });

  it("is undefined while a balance is left (partial payment)", () => {
    expect(settledOn(record({ openMinor: 1000, payments: [{ day: JAN1 + 3, minor: 9000 }] }))).toBeUndefined();
  });

  it("falls back to the paid date without payments or when a part is undated", () => {
    expect(settledOn(record({ openMinor: 0, paidDate: JAN1 + 44 }))).toBe(JAN1 + 44);
    expect(settledOn(record({ openMinor: 0, paidDate: JAN1 + 44, undatedPaidMinor: 10000 }))).toBe(JAN1 + 44);
    expect(settledOn(record({ openMinor: 0, undatedPaidMinor: 10000 }))).toBeUndefined();
    expect(settledOn(record())).toBeUndefined();
  });

  it("counts an overpayment as settling on its day", () => {
    expect(settledOn(record({ openMinor: -500, payments: [{ day: JAN1 + 7, minor: 10500 }] }))).toBe(JAN1 + 7);
  });

  // A reversed (bounced) payment reopens the invoice: it is settled by the last payment that
  // brought the balance to zero, day 9, not day 5.
  it("is the last payment that brought the balance to zero after a reversal", () => {
    const r = record({ openMinor: 0, payments: [{ day: JAN1 + 5, minor: 10000 }, { day: JAN1 + 6, minor: -10000 }, { day: JAN1 + 9, minor: 10000 }] });
    expect(settledOn(r)).toBe(JAN1 + 9);
  });
});

describe("the paid part on the paid date", () => {
  it("counts from its paid date on, and settles the invoice when it covers the amount", () => {
    const partly = record({ paidDate: JAN1 + 10, paidMinor: 6000 });
    expect(openOn(partly, JAN1 + 9)).toBe(10000);
    expect(openOn(partly, JAN1 + 10)).toBe(4000);
    expect(settledOn(partly)).toBeUndefined();
    expect(settledOn(record({ paidDate: JAN1 + 10, paidMinor: 10000 }))).toBe(JAN1 + 10);
  });

  it("behaves as a one-payment list on its paid date would, alone or beside listed payments", () => {
    const day = fc.integer({ min: JAN1 - 5, max: JAN1 + 60 });
    const minor = fc.integer({ min: -3000, max: 12000 });
    fc.assert(
      fc.property(day, minor, fc.array(fc.record({ day, minor }), { maxLength: 3 }), fc.option(day, { nil: undefined }), fc.array(day, { minLength: 1, maxLength: 5 }), (paidDate, paidMinor, listed, invoiceDate, days) => {
        const asNumber = record({ invoiceDate, paidDate, paidMinor, payments: listed.length ? listed : undefined });
        const asList = record({ invoiceDate, paidDate, payments: [...listed, { day: paidDate, minor: paidMinor }] });
        for (const d of days) expect(openOn(asNumber, d)).toBe(openOn(asList, d));
        expect(settledOn(asNumber)).toBe(settledOn(asList));
      }),
      { numRuns: 2000 },
    );
  });
});
