/**
 * Engine benchmark: parse + validate + age + KPIs (+ risk and reminders when present) on generated
 * ledgers, from raw cells as Office.js hands them over (serial dates, numbers, strings).
 * Prints figures; it asserts nothing (benchmarks measure, tests check).
 */
import { performance } from "perf_hooks";
import { ageLedger } from "../src/core/aging/ageInvoices";
import { allowanceFor } from "../src/core/metrics/allowance";
import { computeKpis } from "../src/core/metrics/kpis";
import { dayFromIso, excelSerialFromDay } from "../src/core/parse/dates";
import { loadInvoices } from "../src/workbook/loadInvoices";
import type { CellValue, TableData } from "../src/workbook/port";
import { generateSampleInvoices } from "../src/workbook/sample";

const AS_OF = dayFromIso("2026-11-23")!;
const HEADERS = ["Invoice #", "Customer", "Email", "Invoice Date", "Due Date", "Terms", "Amount", "Balance", "Paid Date", "Currency"];

function table(invoices: number, customers: number): TableData {
  const rows: CellValue[][] = generateSampleInvoices({ asOf: AS_OF, invoices, customers, seed: 7 }).map((r) => [
    r.invoice,
    r.customer,
    r.email,
    excelSerialFromDay(r.invoiceDate),
    excelSerialFromDay(r.dueDate),
    r.terms,
    r.amountCents / 100,
    r.balanceCents / 100,
    r.paidDate === null ? null : excelSerialFromDay(r.paidDate),
    "USD",
  ]);
  return { name: "Invoices", sheet: "Invoices", headers: HEADERS, headerAddress: "A1", rowCount: rows.length, rows, firstDataRow: 2, firstColumn: 1, date1904: false };
}

function run(data: TableData) {
  const load = loadInvoices(data, { asOf: AS_OF });
  const aging = ageLedger(load.records, { asOf: AS_OF });
  const sections = aging.currencies.map((report) => ({ report, kpis: computeKpis(load.records, { asOf: AS_OF }), allowance: allowanceFor(report) }));
  return { load, aging, sections };
}

function measure(invoices: number, customers: number, repeats: number) {
  const data = table(invoices, customers);
  global.gc?.();
  const before = process.memoryUsage().heapUsed;
  run(data); // warm-up: JIT
  const times: number[] = [];
  let last: ReturnType<typeof run> | undefined;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    last = run(data);
    times.push(performance.now() - start);
  }
  const heap = process.memoryUsage().heapUsed - before;
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `engine  ${invoices.toLocaleString("en-US").padStart(9)} invoices, ${customers.toLocaleString("en-US").padStart(6)} customers: median ${median.toFixed(0).padStart(5)} ms (best ${times[0].toFixed(0)} ms, ${repeats} runs), ` +
      `heap +${(heap / 1048576).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB; ${last!.load.records.length} records, ${last!.load.issues.length} findings`,
  );
  return median;
}

const sizes: [number, number, number][] = process.argv.includes("--quick") ? [[100_000, 2_000, 3]] : [[100_000, 2_000, 5], [1_048_575, 20_000, 3]];
for (const [invoices, customers, repeats] of sizes) measure(invoices, customers, repeats);
