import { issueAt } from "../issue";
import type { Rule } from "../types";

export const currencyMissing: Rule = {
  id: "currency-missing",
  title: "Every row has a currency when the table has several",
  check(rows, context) {
    if (context.mapping.currency === undefined) return [];
    const currencies = new Set(rows.map((r) => r.text.currency.toUpperCase()).filter(Boolean));
    if (currencies.size < 2) return [];
    const list = [...currencies].sort().join(", ");
    return rows
      .filter((r) => r.text.currency === "")
      .map((row) =>
        issueAt(context, row, "currency", "error", this.id, `No currency, in a table with several (${list}): the amount cannot be put in the right aging.`, "Fill in the currency code, e.g. EUR."),
      );
  },
};
