import { makeBuckets } from "../../src/core/aging/buckets";
import { dayFromIso } from "../../src/core/parse/dates";
import type { RefreshResult } from "../../src/workbook/refreshAging";
import type { SkippedRow } from "../../src/workbook/loadInvoices";

/** A refresh result shaped like the pipeline's, with the counts of the design's example. */
export function sampleResult(overrides: Partial<RefreshResult> = {}, skippedCount = 2): RefreshResult {
  const asOf = dayFromIso("2026-03-31")!;
  const skipped: SkippedRow[] = Array.from({ length: skippedCount }, (_, i) => ({
    sheet: "Invoices",
    row: 10 + i,
    cell: `D${10 + i}`,
    reason: `amount "n/a${i}" is not a number`,
  }));
  const customers = Array.from({ length: 41 }, (_, i) => ({
    customer: `Customer ${i + 1}`,
    buckets: [0, 0, 0, 0, 0, 0],
    currency: "",
    total: 0,
    overdue: 0,
    credits: 0,
    disputed: 0,
    openInvoices: 0,
    oldestDays: 0,
  }));
  customers[0].buckets[0] = 12_345_678;
  customers[0].total = 12_345_678;
  const report: RefreshResult["report"] = {
    asOf,
    basis: "due",
    currency: "",
    digits: 2,
    buckets: makeBuckets(),
    customers,
    totals: [12_345_678, 0, 0, 0, 0, 0],
    grandTotal: 12_345_678,
    openInvoices: 210,
    items: [],
  };
  // The result grows as the pipeline does; the pane reads only these fields, so the fixture
  // holds them and is cast (a field the pane starts reading must be added here).
  const result = {
    asOf,
    source: { table: "Invoices", sheet: "Invoices" },
    sheet: "AR Aging",
    detailSheet: "AR Invoice Detail",
    aging: { asOf, basis: "due", buckets: report.buckets, currencies: [report] },
    sections: [],
    unappliedPayments: [],
    snapshotSaved: false,
    invoicesRead: 312,
    skipped,
    issues: [],
    quality: { score: 100, rows: 312, breakdown: [] },
    columns: [],
    issuesSheet: "AR Data Issues",
    warnings: [],
    report,
    riskSheet: "AR Collection Worklist",
    risk: { asOf, prior: {}, weights: {}, items: [] },
  };
  return { ...(result as unknown as RefreshResult), ...overrides };
}
