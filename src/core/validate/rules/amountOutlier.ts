import type { ParsedRow } from "../../parse/parseRows";
import { issueAt } from "../issue";
import type { Rule } from "../types";

/** Invoices a customer needs before "unusual for this customer" means anything. */
const MIN_HISTORY = 5;
/** How many times the customer's median amount counts as unusual. */
const FACTOR = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const amountOutlier: Rule = {
  id: "amount-outlier",
  title: "Amounts are in line with the customer's usual invoices",
  check(rows, context) {
    if (context.mapping.amount === undefined) return [];
    const byCustomer = new Map<string, ParsedRow[]>();
    for (const row of rows) {
      const customer = row.text.customer || row.text.customerId;
      if (!customer || row.money.amount.value === null || row.money.amount.value <= 0) continue;
      const list = byCustomer.get(customer);
      if (list) list.push(row);
      else byCustomer.set(customer, [row]);
    }
    const issues = [];
    for (const list of byCustomer.values()) {
      if (list.length < MIN_HISTORY) continue;
      const usual = median(list.map((r) => r.money.amount.value!));
      for (const row of list) {
        const ratio = row.money.amount.value! / usual;
        if (ratio < FACTOR) continue;
        issues.push(
          issueAt(context, row, "amount", "info", this.id, `This amount is ${Math.round(ratio)} times the customer's usual invoice (median ${(usual / 100).toFixed(2)}).`, "Check for a typo (an extra zero, a missing decimal point)."),
        );
      }
    }
    return issues;
  },
};
