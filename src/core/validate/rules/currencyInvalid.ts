import { isIsoCurrency } from "../../parse/currencies";
import { distinctValues } from "../../parse/distinct";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "currency-invalid";

export const currencyInvalid = defineRule({
  id: ID,
  title: "Currencies are ISO 4217 codes",
  checkColumns(table, context) {
    if (context.mapping.currency === undefined) return [];
    const { codes, values } = distinctValues(table.text.currency);
    const invalid = values.map((v) => v !== "" && !isIsoCurrency(v.toUpperCase()));
    if (!invalid.includes(true)) return [];
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (!invalid[codes[k]]) continue;
      const currency = values[codes[k]];
      issues.push(issueIn(context, table, k, "currency", "warning", ID, `"${currency}" is not an ISO 4217 currency code.`, "Use the three-letter code, e.g. USD, EUR, GBP, JPY."));
    }
    return issues;
  },
});
