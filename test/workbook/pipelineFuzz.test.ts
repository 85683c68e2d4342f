/**
 * 10,000 generated tables of random cells through the whole refresh pipeline: nothing throws
 * (but the documented "no invoice table" error), and every total equals the sum of its parts.
 */
import fc from "fast-check";
import { ArDeskError } from "../../src/core/errors";
import { dayFromIso } from "../../src/core/parse/dates";
import type { CellValue } from "../../src/workbook/port";
import { refreshAging } from "../../src/workbook/refreshAging";
import { MemoryPort, tableOf } from "../support/memoryPort";

jest.setTimeout(300_000);

const AS_OF = dayFromIso("2026-03-31")!;
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Balance", "Paid Date", "Currency", "Disputed", "Promise Date"];

const cell = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 44000, max: 47000 }) }, // plausible serial dates
  { weight: 3, arbitrary: fc.double({ min: -1e7, max: 1e7, noNaN: false }) },
  { weight: 2, arbitrary: fc.constantFrom("Acme", "acme corp.", "Beta", "=1+1", "+44 20", "-", "@x", "#N/A", "#REF!", "", " ", "Total", "EUR", "JPY", "usd", "yes", "x", "31/03/2026", "2026-02-30", "1.234,56 €", "(12.00)", "12 CR") },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.date({ min: new Date("1899-01-01"), max: new Date("2100-01-01"), noInvalidDate: false }) },
  { weight: 2, arbitrary: fc.constant(null) },
) as fc.Arbitrary<CellValue>;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

test("no random table breaks the pipeline, and every total is the sum of its parts", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(cell, { minLength: HEADERS.length, maxLength: HEADERS.length }), { maxLength: 12 }), async (rows) => {
      const port = new MemoryPort([tableOf(HEADERS, rows)]);
      let result;
      try {
        result = await refreshAging(port, { asOf: AS_OF, now: new Date("2026-03-31T12:00:00Z") });
      } catch (error) {
        // Only a documented, actionable error may come out.
        expect(error).toBeInstanceOf(ArDeskError);
        return;
      }
      expect(result.skipped.length).toBeLessThanOrEqual(result.invoicesRead);
      for (const report of result.aging.currencies) {
        for (const customer of report.customers) expect(sum(customer.buckets)).toBe(customer.total);
        report.totals.forEach((total, i) => expect(sum(report.customers.map((c) => c.buckets[i]))).toBe(total));
        expect(sum(report.totals)).toBe(report.grandTotal);
        expect(sum(report.items.map((item) => item.record.openMinor))).toBe(report.grandTotal);
      }
      for (const { allowance } of result.sections) {
        expect(sum(allowance.byBucket)).toBe(allowance.total);
        expect(sum(allowance.byCustomer.map((a) => a.allowance))).toBe(allowance.total);
      }
      for (const item of result.risk.items) {
        expect(item.score).toBeGreaterThanOrEqual(0);
        expect(item.score).toBeLessThanOrEqual(100);
      }
      expect(port.plans.has("AR Aging")).toBe(true);
    }),
    { numRuns: 10_000 },
  );
});
