import { ArDeskError } from "../core/errors";
import { dayFromIso, today } from "../core/parse/dates";
import type { DayNumber } from "../core/types";
import type { ParsedArgs } from "./args";

/** The --as-of date, today when absent; a clear error when it is not YYYY-MM-DD. */
export function asOfFlag(args: ParsedArgs): DayNumber {
  const value = args.flags["as-of"];
  if (value === undefined) return today();
  const day = typeof value === "string" ? dayFromIso(value) : null;
  if (day === null) throw new ArDeskError("BAD_OPTION", `--as-of "${String(value)}" is not a date.`, "Write it as YYYY-MM-DD, e.g. --as-of 2026-03-31.");
  return day;
}

/** A --flag that must be a whole number of 1 or more. */
export function countFlag(args: ParsedArgs, name: string): number | undefined {
  const value = args.flags[name];
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new ArDeskError("BAD_OPTION", `--${name} "${String(value)}" is not a whole number of 1 or more.`);
  return n;
}

/** The file a command works on; a clear error when it is missing. */
export function requireFile(args: ParsedArgs, what: string): string {
  const file = args.positional[0];
  if (!file) throw new ArDeskError("BAD_OPTION", `Missing ${what}.`, `Usage: ar-desk ${args.command} <${what}>. Run \`ar-desk help\` for more.`);
  return file;
}
