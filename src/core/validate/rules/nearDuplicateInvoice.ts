import { issueAt } from "../issue";
import type { Rule } from "../types";

/**
 * An invoice number as compared for near duplicates: case, spaces, dashes and leading zeros
 * ignored, so "INV-0042", "inv 42" and "INV42" meet.
 * @example invoiceKey(" INV-0042 ") // "inv42"
 */
export function invoiceKey(number: string): string {
  return number.toLowerCase().replace(/[\s\-_./]/g, "").replace(/(^|[a-z])0+(?=\d)/g, "$1");
}

export const nearDuplicateInvoice: Rule = {
  id: "near-duplicate-invoice",
  title: "No two invoice numbers differ only by case, spaces or leading zeros",
  check(rows, context) {
    const first = new Map<string, { number: string; row: number }>();
    const issues = [];
    for (const row of rows) {
      const number = row.text.invoice;
      if (!number) continue;
      const key = invoiceKey(number);
      const seen = first.get(key);
      if (seen === undefined) first.set(key, { number, row: row.row });
      else if (seen.number !== number) {
        issues.push(
          issueAt(context, row, "invoice", "warning", this.id, `Invoice "${number}" looks like "${seen.number}" on row ${seen.row} (only case, spaces or leading zeros differ).`, `Check whether both rows are the same invoice; if so, remove one.`),
        );
      }
    }
    return issues;
  },
};
