import { distinctValues } from "../../parse/distinct";
import { customerCodes } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "customer-several-currencies";

export const customerSeveralCurrencies = defineRule({
  id: ID,
  title: "Each customer is billed in one currency",
  checkColumns(table, context) {
    if (context.mapping.currency === undefined) return [];
    const customers = customerCodes(table, context.mapping);
    const currencyCodes = distinctValues(table.text.currency);
    const upper = currencyCodes.values.map((v) => v.toUpperCase());
    // One pass finds the customers billed in two currencies or more; only their rows are grouped.
    const firstCurrency = new Array<string | undefined>(customers.values.length);
    const several = new Uint8Array(customers.values.length);
    let any = false;
    for (let k = 0; k < table.length; k++) {
      const customer = customers.codes[k];
      const currency = upper[currencyCodes.codes[k]];
      if (!customers.values[customer] || !currency) continue;
      const seen = firstCurrency[customer];
      if (seen === undefined) firstCurrency[customer] = currency;
      else if (seen !== currency && !several[customer]) several[customer] = 1;
      any ||= several[customer] === 1;
    }
    if (!any) return [];

    const byCustomer = new Map<number, Map<string, number[]>>();
    for (let k = 0; k < table.length; k++) {
      const customer = customers.codes[k];
      const currency = upper[currencyCodes.codes[k]];
      if (!several[customer] || !currency) continue;
      const currencies = byCustomer.get(customer) ?? new Map<string, number[]>();
      const list = currencies.get(currency);
      if (list) list.push(k);
      else currencies.set(currency, [k]);
      byCustomer.set(customer, currencies);
    }
    const issues: Issue[] = [];
    for (const [customer, currencies] of byCustomer) {
      // Point at the rows of the less used currencies: the usual one is most likely right.
      const ranked = [...currencies.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
      const usual = ranked[0][0];
      for (const [currency, list] of ranked.slice(1)) {
        for (const k of list) {
          issues.push(
            issueIn(context, table, k, "currency", "warning", ID, `${customers.values[customer]} is billed in ${currency} here but in ${usual} on ${ranked[0][1].length} other rows.`, "Check the currency; AR Desk ages each currency separately."),
          );
        }
      }
    }
    return issues;
  },
});
