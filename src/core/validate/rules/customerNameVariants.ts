import { distinctValues } from "../../parse/distinct";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "customer-name-variants";

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

export const customerNameVariants = defineRule({
  id: ID,
  title: "Each customer is spelled one way",
  checkColumns(table, context) {
    if (context.mapping.customer === undefined) return [];
    // Spellings are compared once per distinct name; only names that share a key with another
    // spelling send the rule back to the rows.
    const names = distinctValues(table.text.customer);
    const groups = new Map<string, number[]>();
    // Distinct names come in order of first appearance, as the rows meet them.
    names.values.forEach((name, code) => {
      const key = customerKey(name);
      if (!key) return;
      const spellings = groups.get(key);
      if (spellings) spellings.push(code);
      else groups.set(key, [code]);
    });
    const variant = new Int32Array(names.values.length).fill(-1);
    const usualOf: { name: string; rows: number }[] = [];
    const variantsByGroup: number[][] = [];
    for (const spellings of groups.values()) {
      if (spellings.length < 2) continue;
      const ranked = spellings.map((code) => [names.values[code], names.counts[code], code] as const).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const usual = usualOf.push({ name: ranked[0][0], rows: ranked[0][1] }) - 1;
      const variants: number[] = [];
      for (const [, , code] of ranked.slice(1)) {
        variant[code] = usual;
        variants.push(code);
      }
      variantsByGroup.push(variants);
    }
    if (variantsByGroup.length === 0) return [];
    const rowsOf = new Map<number, number[]>();
    for (let k = 0; k < table.length; k++) {
      const code = names.codes[k];
      if (variant[code] < 0) continue;
      const list = rowsOf.get(code);
      if (list) list.push(k);
      else rowsOf.set(code, [k]);
    }
    const issues: Issue[] = [];
    for (const variants of variantsByGroup) {
      for (const code of variants) {
        const name = names.values[code];
        const usual = usualOf[variant[code]];
        for (const k of rowsOf.get(code) ?? []) {
          issues.push(
            issueIn(context, table, k, "customer", "warning", ID, `"${name}" looks like the same customer as "${usual.name}" (${usual.rows} rows); they are aged as two customers.`, `Use one spelling, e.g. "${usual.name}", on every row.`),
          );
        }
      }
    }
    return issues;
  },
});
