import { isoFromDay } from "../../src/core/parse/dates";
import { generateSampleInvoices } from "../../src/workbook/sample";

/** 2026-11-23: 20454 (2026-01-01) + 304 days (Jan…Oct) + 22 = 20780. */
const AS_OF = 20780;

describe("generateSampleInvoices", () => {
  const rows = generateSampleInvoices({ asOf: AS_OF });

  it("has at least 300 invoices with unique numbers", () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(new Set(rows.map((r) => r.invoice)).size).toBe(rows.length);
    for (const r of rows) expect(r.invoice).toMatch(/^INV-\d{6}$/);
  });

  it("has at least 40 distinct customers, each with one e-mail address", () => {
    const customers = new Set(rows.map((r) => r.customer));
    expect(customers.size).toBeGreaterThanOrEqual(40);
    const emails = new Map<string, Set<string>>();
    for (const r of rows) emails.set(r.customer, (emails.get(r.customer) ?? new Set()).add(r.email));
    for (const set of emails.values()) expect(set.size).toBe(1);
  });

  it("spreads invoice dates over at least 8 calendar months, none after the as-of date", () => {
    const months = new Set(rows.map((r) => isoFromDay(r.invoiceDate).slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(8);
    expect(Math.max(...rows.map((r) => r.invoiceDate))).toBeLessThanOrEqual(AS_OF);
  });

  it("sorts the rows by invoice date", () => {
    for (let i = 1; i < rows.length; i++) expect(rows[i].invoiceDate).toBeGreaterThanOrEqual(rows[i - 1].invoiceDate);
  });

  it("derives due dates from the terms", () => {
    for (const r of rows) {
      expect(r.terms).toMatch(/^Net (15|30|45|60)$/);
      expect(r.dueDate - r.invoiceDate).toBe(Number(r.terms.slice(4)));
    }
  });

  it("has paid and partly paid invoices, each with the date of its last payment by the as-of date", () => {
    const paid = rows.filter((r) => r.paidDate !== null);
    expect(paid.filter((r) => r.balanceCents === 0).length).toBeGreaterThan(0);
    const partly = paid.filter((r) => r.balanceCents > 0);
    expect(partly.length).toBeGreaterThan(0);
    for (const r of paid) {
      expect(r.paidDate!).toBeLessThanOrEqual(AS_OF);
      expect(r.paidDate!).toBeGreaterThan(r.invoiceDate);
    }
    // A partly paid invoice still owes something, and less than its amount.
    for (const r of partly) expect(r.balanceCents).toBeLessThan(r.amountCents);
    for (const r of rows.filter((x) => x.balanceCents === 0)) expect(r.paidDate).not.toBeNull();
  });

  it("has unpaid and partly paid invoices, never owing more than the amount", () => {
    const unpaid = rows.filter((r) => r.balanceCents > 0);
    expect(unpaid.length).toBeGreaterThan(0);
    expect(unpaid.some((r) => r.balanceCents < r.amountCents)).toBe(true);
    for (const r of rows) {
      expect(Number.isInteger(r.amountCents)).toBe(true);
      expect(r.amountCents).toBeGreaterThan(0);
      expect(r.balanceCents).toBeGreaterThanOrEqual(0);
      expect(r.balanceCents).toBeLessThanOrEqual(r.amountCents);
    }
  });

  it("has unpaid invoices both overdue and not yet due", () => {
    const daysPastDue = rows.filter((r) => r.balanceCents > 0).map((r) => AS_OF - r.dueDate);
    expect(daysPastDue.some((d) => d > 90)).toBe(true);
    expect(daysPastDue.some((d) => d < 0)).toBe(true);
  });

  // Customers who stop paying keep a tail of unpaid invoices; the oldest sits about 200 days past due.
  it("has overdue invoices up to about 200 days past due", () => {
    const daysPastDue = rows.filter((r) => r.balanceCents > 0).map((r) => AS_OF - r.dueDate);
    const oldest = Math.max(...daysPastDue);
    expect(oldest).toBeGreaterThanOrEqual(150);
    expect(oldest).toBeLessThanOrEqual(230);
  });

  it("gives the same ledger for the same seed and another for another seed", () => {
    expect(generateSampleInvoices({ asOf: AS_OF })).toEqual(rows);
    expect(generateSampleInvoices({ asOf: AS_OF, seed: 7 })).toEqual(generateSampleInvoices({ asOf: AS_OF, seed: 7 }));
    expect(generateSampleInvoices({ asOf: AS_OF, seed: 7 })).not.toEqual(rows);
  });

  it("honours the invoice and customer counts asked for", () => {
    const small = generateSampleInvoices({ asOf: AS_OF, invoices: 50, customers: 5 });
    expect(small).toHaveLength(50);
    expect(new Set(small.map((r) => r.customer)).size).toBeLessThanOrEqual(5);
  });
});
