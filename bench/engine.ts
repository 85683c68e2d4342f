/**
 * Engine benchmark: the whole engine on generated ledgers, from raw cells as Office.js hands
 * them over (serial dates, numbers, strings): read the cells, validate, age, KPIs and allowance,
 * risk, and reminder drafts (selected and rendered from the default templates). Prints the
 * median of each stage and of the whole, with memory; it asserts nothing (benchmarks measure,
 * tests check). Every run does the full work on the same input: nothing is kept between runs.
 *
 * The figures are those of the engine once V8's optimizing compiler has settled, which takes
 * several runs, not one: each size first runs WARMUP times, and the first (cold) run and the
 * warm-up runs are printed as well, so what a first refresh in a new session costs is shown too
 * (truly cold only for the first size a process measures: use --only for the other).
 *
 *   node --expose-gc dist/bench/bench/engine.js [--quick] [--only 100000] [--runs N] [--warmup N]
 */
import { PerformanceObserver, performance, type PerformanceEntry } from "perf_hooks";
import { ageLedger, recordsByCurrency } from "../src/core/aging/ageInvoices";
import { allowanceFor } from "../src/core/metrics/allowance";
import { computeKpis } from "../src/core/metrics/kpis";
import { dayFromIso, excelSerialFromDay } from "../src/core/parse/dates";
import { DEFAULT_TEMPLATES } from "../src/core/reminders/defaultTemplates";
import { DEFAULT_LEVELS } from "../src/core/reminders/levels";
import { selectDrafts } from "../src/core/reminders/select";
import { draftReminders, type Sender } from "../src/core/reminders/templates";
import { assessRisk } from "../src/core/risk/assessRisk";
import { checkRows, readRows, recordsFrom } from "../src/workbook/loadInvoices";
import type { CellValue, TableData } from "../src/workbook/port";
import { generateSampleInvoices } from "../src/workbook/sample";

const AS_OF = dayFromIso("2026-11-23")!;
const HEADERS = ["Invoice #", "Customer", "Email", "Invoice Date", "Due Date", "Terms", "Amount", "Balance", "Paid Date", "Currency"];
const SENDER: Sender = { company: "Example Ltd", name: "Ann Example", email: "ar@example.com", paymentInstructions: "IBAN GB00 0000 0000 0000 00" };

function table(invoices: number, customers: number): TableData {
  const generated: CellValue[][] = generateSampleInvoices({ asOf: AS_OF, invoices, customers, seed: 7 }).map((r) => [
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
  // Office.js hands values over parsed from JSON: flat strings and numbers, not the string
  // concatenations the generator builds.
  const rows = JSON.parse(JSON.stringify(generated)) as CellValue[][];
  return { name: "Invoices", sheet: "Invoices", headers: HEADERS, headerAddress: "A1", rowCount: rows.length, rows, firstDataRow: 2, firstColumn: 1, date1904: false };
}

const STAGES = ["parse", "validate", "records", "age", "kpis", "risk", "reminders"] as const;
type Stage = (typeof STAGES)[number];

/** The engine as refreshAging and the reminders command run it, one stage at a time. */
function run(data: TableData, times: Record<Stage, number>, cpu: Record<Stage, number>) {
  let t = performance.now();
  let c = process.cpuUsage();
  const lap = (stage: Stage) => {
    const now = performance.now();
    times[stage] = now - t;
    t = now;
    const used = process.cpuUsage(c);
    cpu[stage] = (used.user + used.system) / 1000;
    c = process.cpuUsage();
  };
  const options = { asOf: AS_OF };
  const read = readRows(data, options);
  lap("parse");
  const validation = checkRows(data, read, options);
  lap("validate");
  const load = recordsFrom(data, read, validation, options);
  lap("records");
  const aging = ageLedger(load.records, { asOf: AS_OF });
  lap("age");
  const byCurrency = recordsByCurrency(load.records);
  const sections = aging.currencies.map((report) => ({ report, kpis: computeKpis(byCurrency.get(report.currency) ?? [], { asOf: AS_OF }), allowance: allowanceFor(report) }));
  lap("kpis");
  const risk = assessRisk(load.records, AS_OF);
  lap("risk");
  const selection = selectDrafts(load.records, { asOf: AS_OF, levels: DEFAULT_LEVELS, sentLog: [] });
  const drafted = draftReminders(selection.drafts, DEFAULT_TEMPLATES, { sender: SENDER });
  lap("reminders");
  return { load, aging, sections, risk, selection, drafted };
}

/** No size has been measured yet in this process, so its first run compiles the code. */
let coldProcess = true;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

async function measure(invoices: number, customers: number, repeats: number, warmups: number) {
  const data = table(invoices, customers);
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  // Run by run, V8 compiles the hot functions with what the earlier runs taught it, and drops
  // code whose assumptions a later run breaks. With --trace-deopt such drops go on until about
  // the twelfth run at 100,000 invoices (risk settles last); after that a run's time only
  // wanders with the host's noise. Runs 6 to 16 gave medians 3 to 11% above runs 13 to 23.
  const warmupTimes: number[] = [];
  for (let i = 0; i < warmups; i++) {
    const start = performance.now();
    run(data, {} as Record<Stage, number>, {} as Record<Stage, number>);
    warmupTimes.push(performance.now() - start);
  }
  const totals: number[] = [];
  const cpuTotals: number[] = [];
  const withoutReminders: number[] = [];
  const perStage = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  const cpuPerStage = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  let last: ReturnType<typeof run> | undefined;
  // Garbage collection pauses, by when they happened: each run's share is the pauses within it.
  const pauses: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => pauses.push(...list.getEntries()));
  observer.observe({ entryTypes: ["gc"] });
  const spans: [number, number][] = [];
  // No collection forced between runs: a forced full collection shrinks the young generation,
  // which then makes every run pay for growing it again, as no real session does.
  for (let i = 0; i < repeats; i++) {
    last = undefined;
    const times = {} as Record<Stage, number>;
    const cpu = {} as Record<Stage, number>;
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    last = run(data, times, cpu);
    const end = performance.now();
    spans.push([start, end]);
    totals.push(end - start);
    const used = process.cpuUsage(cpuStart);
    withoutReminders.push(STAGES.reduce((sum, stage) => sum + (stage === "reminders" ? 0 : times[stage]), 0));
    cpuTotals.push((used.user + used.system) / 1000);
    for (const stage of STAGES) {
      perStage[stage].push(times[stage]);
      cpuPerStage[stage].push(cpu[stage]);
    }
  }
  // Node hands collection entries to JavaScript only from the event loop, and to the observer's
  // callback a turn later still: after one turn, takeRecords has the ones not yet dispatched.
  // The runs themselves are not interrupted, so collection work keeps to where it fell.
  await new Promise((resolve) => setImmediate(resolve));
  pauses.push(...observer.takeRecords());
  observer.disconnect();
  const gcPerRun = spans.map(([from, to]) => pauses.filter((p) => p.startTime >= from && p.startTime < to).reduce((sum, p) => sum + p.duration, 0));
  // What the last run's results keep alive once the garbage they made along the way is gone.
  global.gc?.();
  const retained = process.memoryUsage().heapUsed - base;
  const sorted = [...totals].sort((a, b) => a - b);
  const result = last!;
  console.log(
    `engine ${invoices.toLocaleString("en-US").padStart(9)} invoices, ${customers.toLocaleString("en-US").padStart(6)} customers: median ${median(totals).toFixed(0).padStart(5)} ms ` +
      `(best ${sorted[0].toFixed(0)}, worst ${sorted[sorted.length - 1].toFixed(0)}, ${repeats} runs)`,
  );
  const first = coldProcess ? "first run (cold)" : "first run (code already compiled by the size before)";
  coldProcess = false;
  console.log(`  ${first} ${warmupTimes[0].toFixed(0)} ms; warm-up runs before the measured ones: ${warmupTimes.map((ms) => ms.toFixed(0)).join(", ")} ms`);
  console.log(`  without reminders: median ${median(withoutReminders).toFixed(0)} ms (parse to risk)`);
  // The main thread's pauses for garbage collection, already inside the stages' times.
  console.log(`  garbage collection pauses: median ${median(gcPerRun).toFixed(0)} ms a run (${gcPerRun.map((ms) => ms.toFixed(0)).join(", ")})`);
  console.log(`  stages (median ms): ${STAGES.map((s) => `${s} ${median(perStage[s]).toFixed(0)}`).join(", ")}`);
  // The best of each stage is what the code costs when nothing else wants the cores.
  console.log(`  stages (best ms): ${STAGES.map((s) => `${s} ${Math.min(...perStage[s]).toFixed(0)}`).join(", ")}`);
  // CPU time (all threads of the process, garbage collection included) is less disturbed than
  // wall time when other work shares the machine's cores.
  console.log(`  cpu time (median ms): total ${median(cpuTotals).toFixed(0)}; ${STAGES.map((s) => `${s} ${median(cpuPerStage[s]).toFixed(0)}`).join(", ")}`);
  console.log(
    `  memory: results retain heap +${mb(retained)}, input cells ${mb(base)} heap in all before the runs, rss now ${mb(process.memoryUsage().rss)}, peak rss ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  console.log(
    `  output: ${result.load.records.length} records, ${result.load.issues.length} findings, ${result.aging.currencies[0].customers.length} customers aged, ` +
      `${result.risk.items.length} scored, ${result.drafted.reminders.length} reminders drafted (${result.drafted.held.length} held, ${result.selection.collections.length} collections)`,
  );
  return median(totals);
}

const flag = (name: string) => {
  const at = process.argv.indexOf(name);
  if (at < 0) return undefined;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`${name} takes a whole number of at least 1, not "${process.argv[at + 1] ?? ""}".`);
    process.exit(2);
  }
  return value;
};
const runs = flag("--runs");
const only = flag("--only");
const quick = process.argv.includes("--quick");
// --quick is a smoke run: one warm-up run and three measured, at 100,000 invoices only.
const warmup = flag("--warmup") ?? (quick ? 1 : 12);
// Enough measured runs that one run disturbed by the host moves the median little.
const sizes: [number, number, number][] = quick
  ? [[100_000, 2_000, 3]]
  : [
      [100_000, 2_000, 21],
      [1_048_575, 20_000, 7],
    ];
void (async () => {
  for (const [invoices, customers, repeats] of sizes) if (only === undefined || only === invoices) await measure(invoices, customers, runs ?? repeats, warmup);
})();
