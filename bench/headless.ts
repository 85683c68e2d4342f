/**
 * Headless benchmark: `ar-desk refresh` on a generated 100k-row .xlsx as a whole process (time,
 * peak RSS), side by side with the ExcelJS streaming read of the same file (the I/O floor) and
 * LibreOffice recalculating an equivalent SUMIFS aging workbook (how accountants do it today).
 * Prints figures; asserts nothing.
 */
import { execFileSync, spawnSync } from "child_process";
import ExcelJS from "exceljs";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { performance } from "perf_hooks";

const root = path.join(__dirname, "..", "..", "..");
const cli = path.join(root, "bin", "ar-desk.js");
const invoices = Number(process.argv[2] ?? 100_000);
const customers = Math.max(1, Math.round(invoices / 50));
const work = mkdtempSync(path.join(tmpdir(), "ar-desk-bench-"));
const book = path.join(work, "ledger.xlsx");

/** Runs a command under /usr/bin/time to get wall time and peak RSS of the whole process. */
function timed(command: string, args: string[]): { seconds: number; peakMb: number; ok: boolean } {
  const start = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", command, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - start) / 1000;
  const peakKb = Number(run.stderr.trim().split("\n").pop());
  return { seconds, peakMb: peakKb / 1024, ok: run.status === 0 };
}

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
  mkdirSync(work, { recursive: true });
  execFileSync("node", [cli, "sample", book, "--as-of", "2026-11-23", "--invoices", String(invoices), "--customers", String(customers)], { stdio: "pipe" });
  console.log(`headless ${invoices.toLocaleString("en-US")} invoices, ${customers.toLocaleString("en-US")} customers (${work})`);

  const refresh = timed("node", [cli, "refresh", book, "--as-of", "2026-11-23", "--out", path.join(work, "out.xlsx")]);
  console.log(`  ar-desk refresh (whole process):   ${refresh.seconds.toFixed(2)} s, peak RSS ${refresh.peakMb.toFixed(0)} MB${refresh.ok ? "" : " (FAILED)"}`);

  const floor = await streamingRead(book);
  console.log(`  ExcelJS streaming read (I/O floor): ${floor.toFixed(2)} s  → refresh is ${(refresh.seconds / floor).toFixed(1)}× the floor`);

  if (process.argv.includes("--no-libreoffice")) return;
  // The accountant's way: SUMIFS per customer and bucket over the ledger, recalculated by LibreOffice.
  const sumifs = path.join(work, "sumifs.xlsx");
  execFileSync("node", [path.join(__dirname, "sumifsWorkbook.js"), book, sumifs], { stdio: "pipe", maxBuffer: 1 << 30 });
  const profile = `file://${path.join(work, "lo-profile")}`;
  // Export the Aging sheet (the second), so its formulas must be calculated to be written out.
  const filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2";
  const lo = timed("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", work, sumifs]);
  const csv = readdirSync(work).find((f) => f.startsWith("sumifs") && f.endsWith(".csv"));
  const computed = csv ? readFileSync(path.join(work, csv), "utf8").split("\n").slice(2, 12).join(" | ") : "no output";
  console.log(`    (first rows LibreOffice computed: ${computed.slice(0, 160)}…)`);
  console.log(`  LibreOffice SUMIFS recalculation:  ${lo.seconds.toFixed(1)} s  → AR Desk is ${(lo.seconds / refresh.seconds).toFixed(0)}× faster`);
  rmSync(work, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(`bench failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
