import fc from "fast-check";
import { settledOn } from "../../../src/core/aging/balance";
import { arOn, computeKpis, countbackDso, creditSales, monthsBack, subMonthsDay } from "../../../src/core/metrics/kpis";
import type { InvoiceRecord } from "../../../src/core/types";

/** Day numbers (days since 1970-01-01) of the dates used below, counted from 2026-01-01 = 20454. */
const D = {
  "2025-09-01": 20332,
  "2025-10-01": 20362,
  "2025-12-01": 20423,
  "2025-12-15": 20437,
  "2025-12-31": 20453,
  "2026-01-01": 20454,
  "2026-01-10": 20463,
  "2026-01-14": 20467,
  "2026-01-15": 20468,
  "2026-01-31": 20484,
  "2026-02-01": 20485,
  "2026-02-09": 20493,
  "2026-02-10": 20494,
  "2026-02-15": 20499,
  "2026-02-28": 20512,
  "2026-03-01": 20513,
  "2026-03-17": 20529,
  "2026-03-20": 20532,
  "2026-03-31": 20543,
  "2026-04-02": 20545,
  "2026-04-05": 20548,
  "2026-04-19": 20562,
} as const;
const AS_OF = D["2026-03-31"];

let row = 1;
function inv(invoice: string, issued: number | undefined, due: number, amount: number, open: number, extra: Partial<InvoiceRecord> = {}): InvoiceRecord {
  row += 1;
  return { invoice, customer: "Acme", invoiceDate: issued, dueDate: due, amountMinor: amount, openMinor: open, source: { sheet: "Ledger" }, row, ...extra };
}

describe("countbackDso", () => {
  const months = (...sales: number[]) => sales.map((s) => ({ sales: s, days: 30 }));

  it("gives DESIGN.md's example: AR 212k over 100k, 80k, 70k → 30 + 30 + 32/70 × 30 = 73.7", () => {
    expect(countbackDso(212_000, months(100_000, 80_000, 70_000))).toBe(73.7);
  });

  it("is the fraction of the latest month when AR is below its sales", () => {
    // 50/100 × 30 = 15
    expect(countbackDso(50_000, months(100_000, 80_000))).toBe(15);
  });

  it("uses each month's own number of days", () => {
    // 31 (March) + 28 (February) + 40/80 × 31 (January) = 74.5
    expect(countbackDso(160_000, [{ sales: 60_000, days: 31 }, { sales: 60_000, days: 28 }, { sales: 80_000, days: 31 }])).toBe(74.5);
  });

  it("is 0 days when nothing is owed", () => {
    expect(countbackDso(0, months(100_000, 80_000))).toBe(0);
    expect(countbackDso(0, [])).toBe(0);
  });

  it("is exactly the months used when AR equals their sales", () => {
    // 100k + 80k + 70k = 250k: 30 + 30 + 70/70 × 30 = 90
    expect(countbackDso(250_000, months(100_000, 80_000, 70_000))).toBe(90);
  });

  it("is null when AR exceeds the whole history", () => {
    expect(countbackDso(250_001, months(100_000, 80_000, 70_000))).toBeNull();
    expect(countbackDso(1, [])).toBeNull();
  });

  it("counts a month without sales as a whole month of AR (AR exceeds its zero sales)", () => {
    // 150k: −100k (30 days) → 50k; exceeds 0 sales (30 days) → 50k; 50/70 × 30 = 21.43 → 81.4
    expect(countbackDso(150_000, months(100_000, 0, 70_000))).toBe(81.4);
    // Zero sales in the latest month: 30 + 50/100 × 30 = 45
    expect(countbackDso(50_000, months(0, 100_000))).toBe(45);
    // Net negative sales (credit notes exceed invoices) count as no sales, not as more AR.
    expect(countbackDso(150_000, months(100_000, -5_000, 70_000))).toBe(81.4);
  });
});

describe("calendar months back from the as-of date", () => {
  it("subMonthsDay clamps to the month's end", () => {
    expect(subMonthsDay(D["2026-03-31"], 1)).toBe(D["2026-02-28"]);
    expect(subMonthsDay(D["2026-03-31"], 2)).toBe(D["2026-01-31"]);
    expect(subMonthsDay(D["2026-03-31"], 3)).toBe(D["2025-12-31"]);
    expect(subMonthsDay(D["2026-01-15"], 1)).toBe(D["2025-12-15"]);
  });

  it("monthsBack gives newest-first [start, end] pairs that tile the calendar", () => {
    expect(monthsBack(AS_OF, 3)).toEqual([
      { start: D["2026-03-01"], end: D["2026-03-31"] },
      { start: D["2026-02-01"], end: D["2026-02-28"] },
      { start: D["2026-01-01"], end: D["2026-01-31"] },
    ]);
  });
});

/*
 * A hand-built ledger, as of 2026-03-31, 90-day period 2026-01-01 … 2026-03-31 (31 + 28 + 31 days).
 *
 *   inv  issued      due         amount   payments                open as of 31 Mar
 *   A    2025-12-01  2025-12-31  100000   100000 on 2026-01-15    0       (settled after 45 days)
 *   B    2025-12-15  2026-01-14   50000    20000 on 2026-02-10    30000   76 days past due
 *   C    2026-01-10  2026-02-09   80000    80000 on 2026-03-01    0       (settled after 50 days)
 *   D    2026-02-15  2026-03-17   60000   —                       60000   14 days past due
 *   E    2026-03-20  2026-04-19   40000   —                       40000   current
 *   F    2025-09-01  2025-10-01   10000   —                       10000   181 days past due (> 90)
 *   G    2026-03-01  2026-03-31   20000    20000 on 2026-04-05    20000   due today: current; paid after as-of
 *   H    2026-04-02  2026-05-02   99999   —                       —       issued after the as-of date
 */
const LEDGER: InvoiceRecord[] = [
  inv("A", D["2025-12-01"], D["2025-12-31"], 100000, 0, { payments: [{ day: D["2026-01-15"], minor: 100000 }] }),
  inv("B", D["2025-12-15"], D["2026-01-14"], 50000, 30000, { payments: [{ day: D["2026-02-10"], minor: 20000 }] }),
  inv("C", D["2026-01-10"], D["2026-02-09"], 80000, 0, { payments: [{ day: D["2026-03-01"], minor: 80000 }] }),
  inv("D", D["2026-02-15"], D["2026-03-17"], 60000, 60000),
  inv("E", D["2026-03-20"], D["2026-04-19"], 40000, 40000),
  inv("F", D["2025-09-01"], D["2025-10-01"], 10000, 10000),
  inv("G", D["2026-03-01"], D["2026-03-31"], 20000, 20000, { payments: [{ day: D["2026-04-05"], minor: 20000 }] }),
  inv("H", D["2026-04-02"], D["2026-04-02"] + 30, 99999, 99999),
];

describe("computeKpis on a hand-built ledger", () => {
  const k = computeKpis(LEDGER, { asOf: AS_OF, periodDays: 90 });

  it("sets the period to end on the as-of date", () => {
    expect(k.periodDays).toBe(90);
    expect(k.periodStart).toBe(D["2026-01-01"]);
  });

  it("totals AR: B + D + E + F + G = 30000 + 60000 + 40000 + 10000 + 20000", () => {
    expect(k.totalAr.value).toBe(160000);
    expect(k.totalAr.inputs.openItems).toBe(5);
  });

  it("gives the overdue share: (160000 − current 60000) ÷ 160000 = 62.5%", () => {
    expect(k.overduePercent.value).toBe(62.5);
    expect(k.overduePercent.inputs).toEqual({ overdueAr: 100000, endingAr: 160000 });
  });

  it("gives the share over 90 days: F 10000 ÷ 160000 = 6.25% → 6.3", () => {
    expect(k.over90Percent.value).toBe(6.3);
  });

  it("credit sales in the period are C + D + E + G = 200000 (A, B, F before; H after)", () => {
    expect(creditSales(LEDGER, D["2026-01-01"], AS_OF)).toBe(200000);
    expect(k.dso.inputs).toEqual({ endingAr: 160000, sales: 200000, periodDays: 90 });
  });

  it("DSO (standard) = 160000 ÷ 200000 × 90 = 72", () => {
    expect(k.dso.value).toBe(72);
  });

  it("best possible DSO = current 60000 ÷ 200000 × 90 = 27; ADD = 72 − 27 = 45", () => {
    expect(k.bestPossibleDso.value).toBe(27);
    expect(k.add.value).toBe(45);
  });

  it("DSO (countback): 160000 − March 60000 (31 d) − February 60000 (28 d), then 40/80 of January's 31 d = 74.5", () => {
    expect(k.dsoCountback.value).toBe(74.5);
    // Months from March 2026 back to September 2025, the month of the first invoice: 7.
    expect(k.dsoCountback.inputs).toEqual({ endingAr: 160000, months: 7, latestMonthSales: 60000 });
  });

  it("rebuilds beginning AR (31 Dec) from payment dates: A 100000 + B 50000 + F 10000", () => {
    expect(arOn(LEDGER, D["2025-12-31"])).toBe(160000);
    // and the ending AR the same way (G's payment is after the as-of date)
    expect(arOn(LEDGER, AS_OF)).toBe(160000);
  });

  it("CEI = (160000 + 200000 − 160000) ÷ (160000 + 200000 − 60000) × 100 = 66.7", () => {
    expect(k.cei.value).toBe(66.7);
    expect(k.cei.inputs).toEqual({ beginningAr: 160000, sales: 200000, endingAr: 160000, currentAr: 60000 });
  });

  it("AR turnover (annualised) = 200000 × 365/90 ÷ average AR 160000 = 5.07; collection period = 365 ÷ 5.07 = 72.0", () => {
    expect(k.arTurnover.value).toBe(5.07);
    expect(k.arTurnover.inputs).toMatchObject({ annualisedSales: 811111, averageAr: 160000 });
    expect(k.averageCollectionPeriod.value).toBe(72);
  });

  it("average days to pay over settled invoices: (A 45 + C 50) ÷ 2 = 47.5", () => {
    expect(k.averageDaysToPay.value).toBe(47.5);
    expect(k.averageDaysToPay.inputs).toEqual({ settledInvoices: 2 });
  });

  it("gives every KPI a value here", () => {
    for (const [name, kpi] of Object.entries(k)) if (typeof kpi === "object") expect([name, kpi.reason]).toEqual([name, undefined]);
  });
});

describe("computeKpis when the data cannot support a figure", () => {
  it("says why when there are no invoice dates", () => {
    const records = LEDGER.map((r) => ({ ...r, invoiceDate: undefined }));
    const k = computeKpis(records, { asOf: AS_OF });
    // Without invoice dates H counts as issued, so it is open too.
    expect(k.totalAr.value).toBe(160000 + 99999);
    for (const kpi of [k.dso, k.dsoCountback, k.bestPossibleDso, k.add, k.cei, k.arTurnover, k.averageCollectionPeriod, k.averageDaysToPay]) {
      expect(kpi.value).toBeNull();
      expect(kpi.reason).toBeTruthy();
    }
    expect(k.dso.reason).toMatch(/no invoice dates/);
  });

  it("keeps DSO but refuses CEI and turnover when a payment has no date", () => {
    const records = LEDGER.map((r) => (r.invoice === "B" ? { ...r, payments: undefined, undatedPaidMinor: 20000 } : r));
    const k = computeKpis(records, { asOf: AS_OF, periodDays: 90 });
    expect(k.dso.value).toBe(72);
    expect(k.cei.value).toBeNull();
    expect(k.cei.reason).toMatch(/no date/);
    expect(k.arTurnover.value).toBeNull();
    expect(k.arTurnover.reason).toMatch(/no date/);
    expect(k.averageCollectionPeriod.value).toBeNull();
  });

  it("refuses DSO and CEI when the history is shorter than the period", () => {
    // Only D, E and G (first invoice 2026-02-15) against a 90-day period starting 2026-01-01: 45 days in.
    const records = LEDGER.filter((r) => ["D", "E", "G"].includes(r.invoice));
    const k = computeKpis(records, { asOf: AS_OF, periodDays: 90 });
    expect(k.dso.value).toBeNull();
    expect(k.dso.reason).toMatch(/starts 45 days into the 90-day period/);
    expect(k.cei.value).toBeNull();
    expect(k.add.value).toBeNull();
    // A 30-day period (2026-03-02 … 03-31) is covered: sales E 40000 (G is on 03-01, outside), AR 120000 → 90 days.
    const short = computeKpis(records, { asOf: AS_OF, periodDays: 30 });
    expect(short.dso.value).toBe(90);
  });

  it("needs two whole months for countback", () => {
    const records = LEDGER.filter((r) => ["E"].includes(r.invoice));
    const k = computeKpis(records, { asOf: AS_OF, periodDays: 10 });
    expect(k.dsoCountback.value).toBeNull();
    expect(k.dsoCountback.reason).toMatch(/two whole months/);
  });

  it("says there are no receivables when nothing is open", () => {
    const records = LEDGER.filter((r) => r.openMinor === 0);
    const k = computeKpis(records, { asOf: AS_OF });
    expect(k.totalAr.value).toBe(0);
    expect(k.overduePercent.value).toBeNull();
    expect(k.overduePercent.reason).toMatch(/No receivables/);
  });

  it("says when no sales fall in the period", () => {
    const records = LEDGER.filter((r) => ["F"].includes(r.invoice));
    const k = computeKpis(records, { asOf: AS_OF, periodDays: 90 });
    expect(k.dso.value).toBeNull();
    expect(k.dso.reason).toMatch(/No credit sales/);
  });
});

describe("computeKpis against its definitions", () => {
  // Invoices over two years, some paid once, some twice, some not yet.
  const recordArb = fc.record({
    issuedAgo: fc.option(fc.integer({ min: -20, max: 800 }), { nil: undefined }),
    terms: fc.integer({ min: 0, max: 60 }),
    amount: fc.integer({ min: -50_000, max: 500_000 }),
    payments: fc.array(fc.record({ after: fc.integer({ min: 0, max: 200 }), minor: fc.integer({ min: 1, max: 300_000 }) }), { maxLength: 2 }),
  });
  it("gives the countback DSO and average days to pay that month-by-month sums give", () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 60 }), (list) => {
        const records = list.map((r, i) => {
          const issued = r.issuedAgo === undefined ? undefined : AS_OF - r.issuedAgo;
          const payments = r.payments.map((p) => ({ day: (issued ?? AS_OF - 100) + p.after, minor: p.minor }));
          const record = inv(`I${i}`, issued, (issued ?? AS_OF - 100) + r.terms, r.amount, 0, { payments });
          return { ...record, openMinor: arOn([record], AS_OF) };
        });
        const kpis = computeKpis(records, { asOf: AS_OF });
        const earliest = Math.min(...records.flatMap((r) => (r.invoiceDate === undefined ? [] : [r.invoiceDate])));
        const months = monthsBack(AS_OF, 24).filter((m) => m.start >= earliest);
        if (kpis.dsoCountback.value !== null) {
          const monthly = months.map((m) => ({ sales: creditSales(records, m.start, m.end), days: m.end - m.start + 1 }));
          expect(kpis.dsoCountback.value).toBe(countbackDso(kpis.totalAr.value!, monthly));
          expect(kpis.dsoCountback.inputs.latestMonthSales).toBe(monthly[0].sales);
        }
        const settled = records.filter((r) => r.invoiceDate !== undefined && r.amountMinor > 0 && r.openMinor === 0 && settledOn(r) !== undefined && settledOn(r)! <= AS_OF);
        if (settled.length) expect(kpis.averageDaysToPay.value).toBe(Math.round((settled.reduce((s, r) => s + settledOn(r)! - r.invoiceDate!, 0) / settled.length) * 10) / 10);
        else expect(kpis.averageDaysToPay.value).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
