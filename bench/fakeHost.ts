/**
 * Office.js adapter benchmark on the fake Excel host (test/support/fakeExcel: a stand-in for
 * Excel written for tests, NOT Excel): a whole refresh of a generated invoice table through
 * runRefreshInExcel, counting what Excel on the web would see: syncs (round trips) split into
 * listing, reading, write chunks and the rest; the largest request and response (Excel on the
 * web refuses either over 5 MB, and the fake enforces both here); bytes sent and received; wall
 * time (of the fake, so only the adapter's and engine's own work: no network, no Excel).
 * Each size is refreshed twice: into a fresh workbook, then again replacing AR Desk's sheets.
 * Prints figures; asserts nothing (benchmarks measure, tests check).
 *
 *   node --expose-gc --max-old-space-size=12288 dist/bench/bench/fakeHost.js [--only 100000] [--api 1.9]
 *
 * --api sets the ExcelApi version the fake reports (default 1.7, the manifest's minimum); from
 * 1.9 the adapter copies a typed ledger balance with Range.copyFrom instead of reading it first.
 */
import { performance } from "perf_hooks";
import { dayFromIso, excelSerialFromDay } from "../src/core/parse/dates";
import { runRefreshInExcel } from "../src/excel/runRefresh";
import type { RefreshResult } from "../src/workbook/refreshAging";
import { createFakeExcel, FIVE_MB, installFakeOffice, type FakeStats } from "../test/support/fakeExcel";

const AS_OF = dayFromIso("2026-03-31")!;
const HEADERS = ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Balance", "Paid Date", "Currency"];

/**
 * A ledger with one invoice in ten paid, so the open items (the detail sheet: a header, a row
 * each and a totals row) fit in a worksheet even when the ledger fills one (1,048,575 rows).
 */
function rows(invoices: number, customers: number): (string | number | null)[][] {
  const issued = excelSerialFromDay(dayFromIso("2025-09-01")!);
  const due = excelSerialFromDay(dayFromIso("2026-01-01")!);
  return Array.from({ length: invoices }, (_, i) => {
    const amount = 100 + (i % 997) + 0.01 * (i % 100);
    const paid = i % 10 === 0;
    return [`INV-${String(i).padStart(7, "0")}`, `Customer ${String(i % customers).padStart(6, "0")} Trading Ltd`, issued, due + (i % 180), amount, paid ? 0 : amount, paid ? due + 5 : null, "EUR"];
  });
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(2)} MB`;

/**
 * Syncs by what they did: listing (the first two: sheets, tables and registry; then header rows),
 * reading (up to the first write), write chunks (each suspends calculation), other (the last
 * sheet's id in the registry at the end, read-backs of AR Desk's own tables, clean-ups).
 */
function split(stats: FakeStats) {
  const firstWrite = stats.syncs.findIndex((s) => s.suspendedCalculation);
  const listing = Math.min(2, firstWrite);
  const reading = firstWrite - listing;
  const writes = stats.suspendedCalculationSyncs;
  return { listing, reading, writes, other: stats.syncCount - listing - reading - writes };
}

async function refresh(label: string, invoices: number, run: () => Promise<RefreshResult>, stats: () => FakeStats) {
  global.gc?.();
  const start = performance.now();
  const result = await run();
  const ms = performance.now() - start;
  const s = stats();
  const { listing, reading, writes, other } = split(s);
  const received = s.syncs.reduce((sum, x) => sum + x.responseBytes, 0);
  console.log(
    `fake host ${invoices.toLocaleString("en-US").padStart(9)} invoices, ${label}: ${s.syncCount} syncs = ${listing} listing + ${reading} reading + ${writes} write chunks + ${other} other ` +
      `(${s.syncCount - writes} besides write chunks; ${s.rejectedSyncs} rejected)`,
  );
  console.log(
    `  largest request ${mb(s.largestRequestBytes)}, largest response ${mb(s.largestResponseBytes)}, sent ${mb(s.totalRequestBytes)}, received ${mb(received)}, ` +
      `wall ${(ms / 1000).toFixed(1)} s, peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  console.log(`  wrote: ${result.invoicesRead.toLocaleString("en-US")} invoices read, ${result.report.customers.length.toLocaleString("en-US")} customers aged, ${result.skipped.length} rows skipped`);
}

async function measure(invoices: number, maxExcelApi: string): Promise<void> {
  const customers = Math.max(1, Math.round(invoices / 50));
  const fake = createFakeExcel({ responseLimitBytes: FIVE_MB });
  const office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake, { maxExcelApi });
  try {
    fake.addTable("Invoices", "Invoices", "A1", [HEADERS, ...rows(invoices, customers)]);
    await refresh("first refresh", invoices, () => runRefreshInExcel({ asOf: AS_OF }), () => fake.stats);
    fake.resetStats();
    await refresh("refresh again (replaces its sheets)", invoices, () => runRefreshInExcel({ asOf: AS_OF + 1 }), () => fake.stats);
  } finally {
    office.uninstall();
  }
}

async function main(): Promise<void> {
  const only = process.argv.indexOf("--only");
  const sizes = only >= 0 ? [Number(process.argv[only + 1])] : [100_000, 1_048_575];
  const api = process.argv.indexOf("--api");
  const maxExcelApi = api >= 0 ? process.argv[api + 1] : "1.7";
  console.log(`fake Excel host (not Excel), ExcelApi up to ${maxExcelApi}, responses and requests limited to 5 MB`);
  for (const n of sizes) await measure(n, maxExcelApi);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
