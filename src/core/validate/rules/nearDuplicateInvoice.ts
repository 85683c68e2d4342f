import { firstOccurrences, hashColumn, hashText, mix } from "../../parse/distinct";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "near-duplicate-invoice";

/**
 * An invoice number as compared for near duplicates: case, spaces, dashes and leading zeros
 * ignored, so "INV-0042", "inv 42" and "INV42" meet.
 * @example invoiceKey(" INV-0042 ") // "inv42"
 */
export function invoiceKey(number: string): string {
  return number.toLowerCase().replace(/[\s\-_./]/g, "").replace(/(^|[a-z])0+(?=\d)/g, "$1");
}

/** Space, tab, line breaks, -, _, . and /: what `invoiceKey` drops (in ASCII). */
function isSeparator(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 45 || code === 95 || code === 46 || code === 47;
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const isLowerLetter = (code: number) => code >= 97 && code <= 122;

/**
 * `hashText(invoiceKey(number))`, computed without building the key: every invoice number of a
 * ledger is hashed, and building 100,000 keys with two regular expressions each is most of the
 * rule's time. ASCII numbers take the fast path; any other character, the key itself.
 * @example invoiceKeyHash("INV-0042") === hashText("inv42") // true
 */
export function invoiceKeyHash(number: string): number {
  let hash = 0x811c9dc5;
  // The last character kept from the number once separators are dropped; -1 at the start.
  let previous = -1;
  let i = 0;
  while (i < number.length) {
    let code = number.charCodeAt(i);
    if (code > 127) return hashText(invoiceKey(number));
    if (isSeparator(code)) {
      i++;
      continue;
    }
    if (code >= 65 && code <= 90) code += 32;
    if (code === 48 && (previous === -1 || isLowerLetter(previous))) {
      // Leading zeros (at the start or after a letter) go when a digit follows; before anything
      // else one zero stays, as the key's regular expression leaves it.
      let j = i;
      let next = -1;
      while (j < number.length) {
        const c = number.charCodeAt(j);
        if (c === 48 || isSeparator(c)) j++;
        else {
          next = c;
          break;
        }
      }
      if (next > 127) return hashText(invoiceKey(number));
      if (!isDigit(next)) hash = Math.imul(hash ^ 48, 0x01000193);
      previous = 48;
      i = j;
      continue;
    }
    hash = Math.imul(hash ^ code, 0x01000193);
    previous = code;
    i++;
  }
  return mix(hash);
}

export const nearDuplicateInvoice = defineRule({
  id: ID,
  title: "No two invoice numbers differ only by case, spaces or leading zeros",
  checkColumns(table, context) {
    const numbers = table.text.invoice;
    const { hashes, included } = hashColumn(numbers, invoiceKeyHash);
    const first = firstOccurrences(hashes, included, (a, b) => numbers[a] === numbers[b] || invoiceKey(numbers[a]) === invoiceKey(numbers[b]));
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      const seen = first[k];
      if (seen < 0 || seen === k || numbers[seen] === numbers[k]) continue;
      const number = numbers[k];
      issues.push(
        issueIn(context, table, k, "invoice", "warning", ID, `Invoice "${number}" looks like "${numbers[seen]}" on row ${table.row[seen]} (only case, spaces or leading zeros differ).`, `Check whether both rows are the same invoice; if so, remove one.`),
      );
    }
    return issues;
  },
});
