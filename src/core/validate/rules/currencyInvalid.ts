import { isIsoCurrency } from "../../parse/currencies";
import { issueAt } from "../issue";
import type { Rule } from "../types";

export const currencyInvalid: Rule = {
  id: "currency-invalid",
  title: "Currencies are ISO 4217 codes",
  check(rows, context) {
    if (context.mapping.currency === undefined) return [];
    return rows
      .filter((r) => r.text.currency !== "" && !isIsoCurrency(r.text.currency.toUpperCase()))
      .map((row) =>
        issueAt(context, row, "currency", "warning", this.id, `"${row.text.currency}" is not an ISO 4217 currency code.`, "Use the three-letter code, e.g. USD, EUR, GBP, JPY."),
      );
  },
};
