import { firstOccurrences, hashColumn, hashText, mix } from "../parse/distinct";

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

/** The invoice numbers of a table grouped twice over: by their text, and by their key. */
export interface InvoiceNumberGroups {
  /** For each row, the first row with the same number (itself when first), -1 for no number. */
  sameNumber: Int32Array;
  /** For each row, the first row whose number has the same `invoiceKey`, -1 for no number. */
  sameKey: Int32Array;
}

const grouped = new WeakMap<readonly string[], InvoiceNumberGroups>();

/**
 * Both duplicate rules' groups from one hashing of the column: equal numbers have equal keys, so
 * only rows that meet an earlier row by key (a handful in a real ledger) need their exact first
 * occurrence looked up. Hashing a million freshly read numbers is the costly part, and it is
 * done once for the two rules (kept while the column lives).
 */
export function invoiceNumberGroups(numbers: readonly string[]): InvoiceNumberGroups {
  const known = grouped.get(numbers);
  if (known) return known;
  const { hashes, included } = hashColumn(numbers, invoiceKeyHash);
  const sameKey = firstOccurrences(hashes, included, (a, b) => numbers[a] === numbers[b] || invoiceKey(numbers[a]) === invoiceKey(numbers[b]));
  const sameNumber = new Int32Array(sameKey);
  // The first row of each exact number among rows whose key met an earlier row's.
  const firstOf = new Map<string, number>();
  for (let k = 0; k < sameKey.length; k++) {
    const first = sameKey[k];
    if (first < 0 || first === k) continue;
    if (!firstOf.has(numbers[first])) firstOf.set(numbers[first], first);
    const seen = firstOf.get(numbers[k]);
    if (seen === undefined) {
      firstOf.set(numbers[k], k);
      sameNumber[k] = k;
    } else sameNumber[k] = seen;
  }
  const result = { sameNumber, sameKey };
  grouped.set(numbers, result);
  return result;
}
