import { ArDeskError } from "../core/errors";

export interface ParsedArgs {
  command: string;
  positional: string[];
  flags: Record<string, string | true>;
}

/** Flags that take a value; every other flag is a switch. */
const VALUED = new Set(["as-of", "out", "table", "invoices", "customers", "seed", "dir", "basis", "buckets", "period-days", "base-currency", "eml", "sender", "templates"]);

/**
 * `ar-desk <command> [args] [--flag value | --flag=value | --switch]`, without a parsing library
 * so the command line starts fast.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = "help", ...rest] = argv;
  const positional: string[] = [];
  const flags: Record<string, string | true> = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (VALUED.has(name)) {
      const value = inline ?? rest[++i];
      if (value === undefined || value.startsWith("--")) {
        throw new ArDeskError("BAD_OPTION", `--${name} needs a value.`, "Run `ar-desk help` for the options.");
      }
      flags[name] = value;
    } else {
      flags[name] = true;
    }
  }
  return { command, positional, flags };
}
