/**
 * Headless benchmark, in one run on one generated file: `ar-desk refresh` on a 100k-row .xlsx as
 * a whole process (wall time, CPU time, peak RSS from /usr/bin/time -v; median of several runs),
 * side by side with the ExcelJS streaming read of the same file (the I/O floor) and LibreOffice
 * recalculating an equivalent SUMIFS aging workbook (how accountants do it today).
 * Prints figures; asserts nothing.
 *
 * Usage: node headless.js [invoices=100000] [--runs 3] [--no-libreoffice]
 */
import { execFileSync, spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { performance } from "perf_hooks";

const root = path.join(__dirname, "..", "..", "..");
const cli = path.join(root, "bin", "ar-desk.js");
const positional = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && all[i - 1] !== "--runs");
const invoices = Number(positional[0] ?? 100_000);
const runsIndex = process.argv.indexOf("--runs");
const runs = runsIndex > 0 ? Math.max(1, Number(process.argv[runsIndex + 1])) : 3;
const customers = Math.max(1, Math.round(invoices / 50));
const work = mkdtempSync(path.join(tmpdir(), "ar-desk-bench-"));
const book = path.join(work, "ledger.xlsx");

interface Timed {
  seconds: number;
  cpuSeconds: number;
  peakMb: number;
  ok: boolean;
}

/** Runs a command under /usr/bin/time -v: wall time, user + system CPU time and peak RSS of the whole process. */
function timed(command: string, args: string[]): Timed {
  const start = performance.now();
  const run = spawnSync("/usr/bin/time", ["-v", command, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  const field = (name: string) => Number(new RegExp(`${name}[^:]*:\\s*([\\d.]+)`).exec(run.stderr)?.[1] ?? NaN);
  return { seconds, cpuSeconds: field("User time") + field("System time"), peakMb: field("Maximum resident set size") / 1024, ok: run.status === 0 };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function streamingRead(file: string): Promise<number> {
  const start = performance.now();
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { entries: "emit", sharedStrings: "cache", worksheets: "emit" });
  for await (const sheet of reader) for await (const row of sheet) cells += (row as ExcelJS.Row).cellCount;
  if (cells === 0) throw new Error("nothing read");
  return (performance.now() - start) / 1000;
}

async function main() {
  if (!existsSync("/usr/bin/time")) throw new Error("/usr/bin/time is missing: apt-get install -y time");
  execFileSync("node", [cli, "sample", book, "--as-of", "2026-11-23", "--invoices", String(invoices), "--customers", String(customers)], { stdio: "pipe" });
  console.log(`headless ${invoices.toLocaleString("en-US")} invoices, ${customers.toLocaleString("en-US")} customers, ${(statSync(book).size / 1e6).toFixed(1)} MB .xlsx (${work})`);

  const refreshes: Timed[] = [];
  for (let i = 0; i < runs; i++) refreshes.push(timed("node", [cli, "refresh", book, "--as-of", "2026-11-23", "--out", path.join(work, "out.xlsx")]));
  const refresh = { seconds: median(refreshes.map((r) => r.seconds)), cpuSeconds: median(refreshes.map((r) => r.cpuSeconds)), peakMb: Math.max(...refreshes.map((r) => r.peakMb)) };
  const failed = refreshes.some((r) => !r.ok) ? " (FAILED)" : "";
  console.log(`  ar-desk refresh (whole process):    ${refresh.seconds.toFixed(2)} s median of ${runs} (runs ${refreshes.map((r) => r.seconds.toFixed(2)).join(", ")}), CPU ${refresh.cpuSeconds.toFixed(2)} s, peak RSS ${refresh.peakMb.toFixed(0)} MB${failed}`);

  const floors: number[] = [];
  for (let i = 0; i < runs; i++) floors.push(await streamingRead(book));
  const floor = median(floors);
  console.log(`  ExcelJS streaming read (I/O floor): ${floor.toFixed(2)} s median of ${runs}  → refresh is ${(refresh.seconds / floor).toFixed(2)}× the floor`);

  if (process.argv.includes("--no-libreoffice")) return rmSync(work, { recursive: true, force: true });
  // The accountant's way: SUMIFS per customer and bucket over the ledger, recalculated by LibreOffice.
  const sumifs = path.join(work, "sumifs.xlsx");
  execFileSync("node", [path.join(__dirname, "sumifsWorkbook.js"), book, sumifs], { stdio: "pipe", maxBuffer: 1 << 30 });
  const profile = `file://${path.join(work, "lo-profile")}`;
  // Export the Aging sheet (the second), so its formulas must be calculated to be written out.
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2";
  const lo = timed("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", work, sumifs]);
  const csv = readdirSync(work).find((f) => f.startsWith("sumifs") && f.endsWith(".csv"));
  const computed = csv ? readFileSync(path.join(work, csv), "utf8").split("\n").slice(2, 5).join(" | ") : "no output";
  console.log(`    (first rows LibreOffice computed: ${computed.slice(0, 160)}…)`);
  console.log(`  LibreOffice SUMIFS recalculation:   ${lo.seconds.toFixed(1)} s${lo.ok ? "" : " (FAILED)"}  → AR Desk is ${(lo.seconds / refresh.seconds).toFixed(0)}× faster`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
