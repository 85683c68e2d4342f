import type { ParsedRow } from "../../parse/parseRows";
import { issueAt } from "../issue";
import type { Rule } from "../types";

const LEGAL_SUFFIXES = new Set([
  "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "se", "sa", "sas", "sarl", "srl", "spa", "sl", "bv", "nv", "pty", "ab", "oy", "as", "group", "the",
]);

/**
 * A customer name as compared for variants: case, accents, punctuation and legal suffixes ignored.
 * @example customerKey("ACME Corp.") === customerKey("Acme Corporation") // true
 */
export function customerKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\./g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .split(" ")
    .filter((word) => word && !LEGAL_SUFFIXES.has(word))
    .join(" ");
}

export const customerNameVariants: Rule = {
  id: "customer-name-variants",
  title: "Each customer is spelled one way",
  check(rows, context) {
    if (context.mapping.customer === undefined) return [];
    const groups = new Map<string, Map<string, ParsedRow[]>>();
    const keys = new Map<string, string>();
    for (const row of rows) {
      const name = row.text.customer;
      let key = keys.get(name);
      if (key === undefined) keys.set(name, (key = customerKey(name)));
      if (!key) continue;
      const spellings = groups.get(key) ?? new Map<string, ParsedRow[]>();
      const list = spellings.get(name);
      if (list) list.push(row);
      else spellings.set(name, [row]);
      groups.set(key, spellings);
    }
    const issues = [];
    for (const spellings of groups.values()) {
      if (spellings.size < 2) continue;
      const ranked = [...spellings.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
      const [usual, usualRows] = ranked[0];
      for (const [name, list] of ranked.slice(1)) {
        for (const row of list) {
          issues.push(
            issueAt(context, row, "customer", "warning", this.id, `"${name}" looks like the same customer as "${usual}" (${usualRows.length} rows); they are aged as two customers.`, `Use one spelling, e.g. "${usual}", on every row.`),
          );
        }
      }
    }
    return issues;
  },
};
