import { promises as fs } from "fs";
import * as path from "path";
import { ArDeskError, describeError } from "../core/errors";
import { parseBucketBounds } from "../core/aging/buckets";
import { refreshAging, validateWorkbook } from "../workbook/refreshAging";
import { generateSampleInvoices } from "../workbook/sample";
import { defaultOutputPath, openWorkbook, saveWorkbookAtomically } from "../xlsx/files";
import { XlsxWorkbookPort } from "../xlsx/xlsxPort";
import { parseArgs, type ParsedArgs } from "./args";
import { asOfFlag, countFlag, requireFile } from "./flags";
import { remindersCommand, REMINDERS_USAGE } from "./remindersCommand";
import { refreshJson, refreshSummary, validateJson, validateSummary } from "./report";

const USAGE = `AR Desk: receivables aging from an Excel invoice table, without Excel.

Usage:
  ar-desk refresh <book.xlsx|.csv> [--as-of YYYY-MM-DD] [--out <file>] [--table <name>] [--json]
                  [--basis due|invoice] [--buckets 30,60,90,120] [--period-days 90] [--snapshot]
                  [--base-currency EUR]
      Checks the invoice table, ages the open invoices and writes the "AR Aging" (key
      figures, aging per currency, allowance, tie-out), "AR Invoice Detail" and
      "AR Data Issues" sheets into a copy of the workbook (default <book>.ar.xlsx; the
      input is only overwritten when --out names it). --snapshot also saves the aging to
      the "AR History" sheet; roll rates between snapshots are shown as suggested loss rates.
      --base-currency also shows every currency converted at the workbook's rates table.
  ar-desk validate <book.xlsx|.csv> [--as-of YYYY-MM-DD] [--table <name>] [--out <file>] [--json]
      Checks every cell of the invoice table and lists what is wrong, where, and what to do.
      Exit code 0 when no errors, 1 when errors were found. --out also writes the
      "AR Data Issues" sheet into a copy.
${REMINDERS_USAGE}
  ar-desk sample <file.xlsx> [--as-of YYYY-MM-DD] [--invoices N] [--customers N] [--seed N]
      Writes a realistic sample workbook with an "Invoices" table.
  ar-desk demo [--dir <folder>]
      Writes the sample, refreshes it and prints the summary (default folder: ./ar-desk-demo).
  ar-desk help

Exit codes: 0 done, 1 validate found errors (or reminders held back), 2 unusable input (the message says what
to fix), 3 unexpected problem.`;

/** Where the command writes what it has to say; injectable so tests capture it. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const processIo: Io = { out: (t) => process.stdout.write(`${t}\n`), err: (t) => process.stderr.write(`${t}\n`) };


async function refresh(args: ParsedArgs, io: Io): Promise<void> {
  const input = requireFile(args, "book.xlsx");
  const asOf = asOfFlag(args);
  const output = typeof args.flags.out === "string" ? args.flags.out : defaultOutputPath(input);
  const basis = args.flags.basis;
  if (basis !== undefined && basis !== "due" && basis !== "invoice") {
    throw new ArDeskError("BAD_OPTION", `--basis "${String(basis)}" is not "due" or "invoice".`, "Age by days past the due date (--basis due) or since the invoice date (--basis invoice).");
  }
  const buckets = args.flags.buckets;
  const bucketBounds = buckets === undefined ? undefined : parseBucketBounds(String(buckets));
  if (bucketBounds === null) {
    throw new ArDeskError("BAD_OPTION", `--buckets "${String(buckets)}" is not a list of increasing whole numbers of days.`, "Write the upper bounds, e.g. --buckets 30,60,90,120.");
  }
  const { workbook, typedCells } = await openWorkbook(input);
  const port = new XlsxWorkbookPort(workbook);
  const result = await refreshAging(port, { asOf, table: tableFlag(args), typedCells, basis, bucketBounds, periodDays: countFlag(args, "period-days"), snapshot: args.flags.snapshot === true, baseCurrency: baseCurrencyFlag(args) });
  await saveWorkbookAtomically(workbook, output, port.charts);
  io.out(args.flags.json ? JSON.stringify(refreshJson(result, output), null, 2) : refreshSummary(result, output));
}

async function validate(args: ParsedArgs, io: Io): Promise<number> {
  const input = requireFile(args, "book.xlsx");
  const asOf = asOfFlag(args);
  const output = typeof args.flags.out === "string" ? args.flags.out : undefined;
  const { workbook, typedCells } = await openWorkbook(input);
  const report = await validateWorkbook(new XlsxWorkbookPort(workbook), { asOf, table: tableFlag(args), typedCells });
  if (output) await saveWorkbookAtomically(workbook, output);
  io.out(args.flags.json ? JSON.stringify(validateJson(report), null, 2) : validateSummary(report, output));
  return report.issues.some((i) => i.severity === "error") ? 1 : 0;
}

function baseCurrencyFlag(args: ParsedArgs): string | undefined {
  const value = args.flags["base-currency"];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[A-Za-z]{3}$/.test(value)) throw new ArDeskError("BAD_OPTION", `--base-currency "${String(value)}" is not a three-letter currency code.`, "For example --base-currency EUR.");
  return value.toUpperCase();
}

function tableFlag(args: ParsedArgs): string | undefined {
  return typeof args.flags.table === "string" ? args.flags.table : undefined;
}

async function sample(args: ParsedArgs, io: Io, fileOverride?: string): Promise<string> {
  const file = fileOverride ?? requireFile(args, "file.xlsx");
  const invoices = generateSampleInvoices({
    asOf: asOfFlag(args),
    invoices: countFlag(args, "invoices"),
    customers: countFlag(args, "customers"),
    seed: countFlag(args, "seed"),
  });
  // The sample is built with ExcelJS, loaded only for this command.
  const { buildSampleWorkbook } = await import("../xlsx/sampleWorkbook");
  await saveWorkbookAtomically(buildSampleWorkbook(invoices), file);
  io.out(`Wrote a sample workbook with ${invoices.length} invoices to ${file}`);
  return file;
}

async function demo(args: ParsedArgs, io: Io): Promise<void> {
  const dir = typeof args.flags.dir === "string" ? args.flags.dir : "ar-desk-demo";
  await fs.mkdir(dir, { recursive: true });
  const file = await sample(args, io, path.join(dir, "sample.xlsx"));
  io.out("");
  await refresh({ ...args, command: "refresh", positional: [file] }, io);
}

/** Runs one command line; returns the process exit code. Never throws. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case "refresh":
        await refresh(args, io);
        return 0;
      case "validate":
        return await validate(args, io);
      case "reminders":
        return await remindersCommand(args, io);
      case "sample":
        await sample(args, io);
        return 0;
      case "demo":
        await demo(args, io);
        return 0;
      case "help":
      case "--help":
      case "-h":
        io.out(USAGE);
        return 0;
      default:
        throw new ArDeskError("BAD_OPTION", `Unknown command "${args.command}".`, "Run `ar-desk help` for the commands.");
    }
  } catch (error) {
    io.err(`ar-desk: ${describeError(error)}`);
    return error instanceof ArDeskError ? 2 : 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
