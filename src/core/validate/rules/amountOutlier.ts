import { customerCodes } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "amount-outlier";
/** Invoices a customer needs before "unusual for this customer" means anything. */
const MIN_HISTORY = 5;
/** How many times the customer's median amount counts as unusual. */
const FACTOR = 10;

/**
 * The median of amounts, found by selection rather than sorting: a million rows make tens of
 * thousands of medians. `scratch` (at least as long as `amounts`) is where they are reordered.
 * @example median(new Float64Array([5, 1, 4, 2]), new Float64Array(4)) // 3
 */
export function median(amounts: Float64Array, scratch: Float64Array): number {
  const n = amounts.length;
  const values = scratch.subarray(0, n);
  values.set(amounts);
  const mid = n >> 1;
  const upper = nthSmallest(values, mid);
  if (n % 2) return upper;
  // Selection leaves the mid smallest before position mid: the largest of them is the lower middle.
  let lower = values[0];
  for (let i = 1; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** Hoare's selection: the value that would be at position k if `values` were sorted, with the smaller ones before it. */
function nthSmallest(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  // Rounds allowed before sorting what is left: amounts ordered so as to defeat the pivot choice
  // would otherwise take quadratic time.
  let rounds = 2 * Math.ceil(Math.log2(values.length + 1)) + 8;
  while (left < right) {
    if (rounds-- === 0) {
      values.subarray(left, right + 1).sort();
      break;
    }
    // Median of three as the pivot, so runs already in order do not make it quadratic.
    const a = values[left];
    const b = values[(left + right) >> 1];
    const c = values[right];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return values[k];
}

export const amountOutlier = defineRule({
  id: ID,
  title: "Amounts are in line with the customer's usual invoices",
  checkColumns(table, context) {
    if (context.mapping.amount === undefined) return [];
    const amount = table.money.amount.values;
    const customers = customerCodes(table, context.mapping);
    const count = customers.values.length;
    // Rows of each customer laid end to end (a counting sort), so each median reads one slice.
    const sizes = new Int32Array(count);
    for (let k = 0; k < table.length; k++) if (amount[k] > 0) sizes[customers.codes[k]]++;
    const starts = new Int32Array(count + 1);
    for (let c = 0; c < count; c++) starts[c + 1] = starts[c] + sizes[c];
    const filled = starts.slice(0, count);
    const rows = new Int32Array(starts[count]);
    const amounts = new Float64Array(starts[count]);
    for (let k = 0; k < table.length; k++) {
      if (!(amount[k] > 0)) continue;
      const at = filled[customers.codes[k]]++;
      rows[at] = k;
      amounts[at] = amount[k];
    }
    // Customers in the order their first counted invoice appears.
    const order = Array.from({ length: count }, (_, c) => c).filter((c) => customers.values[c] && sizes[c] >= MIN_HISTORY);
    order.sort((a, b) => rows[starts[a]] - rows[starts[b]]);
    let longest = 0;
    for (let c = 0; c < count; c++) if (sizes[c] > longest) longest = sizes[c];
    const scratch = new Float64Array(longest);
    const issues: Issue[] = [];
    for (const c of order) {
      const usual = median(amounts.subarray(starts[c], starts[c + 1]), scratch);
      for (let at = starts[c]; at < starts[c + 1]; at++) {
        const ratio = amounts[at] / usual;
        if (ratio < FACTOR) continue;
        issues.push(
          issueIn(context, table, rows[at], "amount", "info", ID, `This amount is ${Math.round(ratio)} times the customer's usual invoice (median ${(usual / 100).toFixed(2)}).`, "Check for a typo (an extra zero, a missing decimal point)."),
        );
      }
    }
    return issues;
  },
});
