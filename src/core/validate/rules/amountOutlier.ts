import { distinctValues } from "../../parse/distinct";
import { customerOrId } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "amount-outlier";
/** Invoices a customer needs before "unusual for this customer" means anything. */
const MIN_HISTORY = 5;
/** How many times the customer's median amount counts as unusual. */
const FACTOR = 10;

function median(values: Float64Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const amountOutlier = defineRule({
  id: ID,
  title: "Amounts are in line with the customer's usual invoices",
  checkColumns(table, context) {
    if (context.mapping.amount === undefined) return [];
    const amount = table.money.amount.values;
    const customers = distinctValues(customerOrId(table, context.mapping));
    const count = customers.values.length;
    // Rows of each customer laid end to end (a counting sort), so each median sorts one slice.
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
    const issues: Issue[] = [];
    for (const c of order) {
      const usual = median(amounts.subarray(starts[c], starts[c + 1]));
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
