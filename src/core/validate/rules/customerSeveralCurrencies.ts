import { issueAt } from "../issue";
import type { ParsedRow } from "../../parse/parseRows";
import type { Rule } from "../types";

export const customerSeveralCurrencies: Rule = {
  id: "customer-several-currencies",
  title: "Each customer is billed in one currency",
  check(rows, context) {
    if (context.mapping.currency === undefined) return [];
    const byCustomer = new Map<string, Map<string, ParsedRow[]>>();
    for (const row of rows) {
      const customer = row.text.customer || row.text.customerId;
      const currency = row.text.currency.toUpperCase();
      if (!customer || !currency) continue;
      const currencies = byCustomer.get(customer) ?? new Map<string, ParsedRow[]>();
      const list = currencies.get(currency);
      if (list) list.push(row);
      else currencies.set(currency, [row]);
      byCustomer.set(customer, currencies);
    }
    const issues = [];
    for (const [customer, currencies] of byCustomer) {
      if (currencies.size < 2) continue;
      // Point at the rows of the less used currencies: the usual one is most likely right.
      const ranked = [...currencies.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
      const usual = ranked[0][0];
      for (const [currency, list] of ranked.slice(1)) {
        for (const row of list) {
          issues.push(
            issueAt(context, row, "currency", "warning", this.id, `${customer} is billed in ${currency} here but in ${usual} on ${ranked[0][1].length} other rows.`, "Check the currency; AR Desk ages each currency separately."),
          );
        }
      }
    }
    return issues;
  },
};
