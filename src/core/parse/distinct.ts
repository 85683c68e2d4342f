/** A text column as its distinct values and, per row, which of them the row holds. */
export interface Distinct {
  /** Position in `values` of each row's text. */
  codes: Int32Array;
  /** Each distinct text once, in order of first appearance. */
  values: string[];
  /** Rows holding each value. */
  counts: Int32Array;
}

const encoded = new WeakMap<readonly string[], Distinct>();

/**
 * The distinct values of a text column. A ledger has a few thousand customers, emails, terms and
 * currencies over many rows, so rules decide once per value and then loop over numbers; several
 * rules group by the same column, which is encoded once per column (kept while the column lives).
 *
 * `within` is another column's encoding that this column's values mostly follow: a customer's
 * email or terms cell is nearly always the same on each of its invoices. A row whose text is the
 * one last seen for its group then takes that text's code without a lookup, which costs half as
 * much (on 100,000 rows of emails, 4.4 → 2.2 ms). The result is the same either way.
 * @example distinctValues(["a", "b", "a"]) // { codes: [0, 1, 0], values: ["a", "b"], counts: [2, 1] }
 */
export function distinctValues(column: readonly string[], within?: Distinct): Distinct {
  const known = encoded.get(column);
  if (known) return known;
  const codes = new Int32Array(column.length);
  const values: string[] = [];
  const positions = new Map<string, number>();
  const codeOf = (text: string) => {
    let code = positions.get(text);
    if (code === undefined) {
      code = values.length;
      values.push(text);
      positions.set(text, code);
    }
    return code;
  };
  if (within && within.codes.length === column.length) {
    const groups = within.codes;
    const lastText: (string | undefined)[] = new Array(within.values.length).fill(undefined);
    const lastCode = new Int32Array(within.values.length);
    for (let k = 0; k < column.length; k++) {
      const text = column[k];
      const group = groups[k];
      if (text === lastText[group]) codes[k] = lastCode[group];
      else {
        const code = codeOf(text);
        lastText[group] = text;
        lastCode[group] = code;
        codes[k] = code;
      }
    }
  } else {
    let previous: string | undefined;
    let previousCode = -1;
    for (let k = 0; k < column.length; k++) {
      const text = column[k];
      // Exported ledgers are often sorted by customer: runs of one value skip the lookup.
      if (text !== previous) {
        previous = text;
        previousCode = codeOf(text);
      }
      codes[k] = previousCode;
    }
  }
  const counts = new Int32Array(values.length);
  for (let k = 0; k < codes.length; k++) counts[codes[k]]++;
  const result = { codes, values, counts };
  encoded.set(column, result);
  return result;
}

/**
 * For each row, the first row whose value is the same as its own (itself when it is the first),
 * or -1 for rows not included. Values are compared by their hashes first and by `same` only
 * when hashes meet, so a column of 100,000 distinct invoice numbers costs one pass over numbers.
 */
export function firstOccurrences(hashes: Int32Array, included: Uint8Array, same: (a: number, b: number) => boolean): Int32Array {
  const length = hashes.length;
  let size = 16;
  while (size < length * 2) size *= 2;
  const mask = size - 1;
  // Open addressing: each slot holds 1 + the first row of a distinct value, 0 when free.
  const slots = new Int32Array(size);
  const first = new Int32Array(length).fill(-1);
  for (let k = 0; k < length; k++) {
    if (!included[k]) continue;
    const hash = hashes[k];
    let slot = hash & mask;
    for (;;) {
      const occupant = slots[slot] - 1;
      if (occupant < 0) {
        slots[slot] = k + 1;
        first[k] = k;
        break;
      }
      if (hashes[occupant] === hash && same(occupant, k)) {
        first[k] = occupant;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return first;
}

/** The hash of each non-empty text of a column, and which texts are non-empty. */
export function hashColumn(texts: readonly string[], hash: (text: string) => number): { hashes: Int32Array; included: Uint8Array } {
  const hashes = new Int32Array(texts.length);
  const included = new Uint8Array(texts.length);
  for (let k = 0; k < texts.length; k++) {
    if (texts[k] === "") continue;
    hashes[k] = hash(texts[k]);
    included[k] = 1;
  }
  return { hashes, included };
}

/**
 * A 32-bit FNV-1a hash of a string's UTF-16 code units, mixed so that nearby strings spread
 * over the table.
 */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return mix(hash);
}

/** The final mixing step of the hashes here (murmur3's finaliser). */
export function mix(hash: number): number {
  let h = hash ^ (hash >>> 16);
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
