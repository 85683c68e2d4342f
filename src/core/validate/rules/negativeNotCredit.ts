import { isCreditType } from "../../parse/balance";
import { issueAt } from "../issue";
import type { Rule } from "../types";

export const negativeNotCredit: Rule = {
  id: "negative-not-credit",
  title: "Negative amounts are marked as credit notes",
  check(rows, context) {
    if (context.mapping.type === undefined) return [];
    return rows
      .filter((r) => r.money.amount.value !== null && r.money.amount.value < 0 && !isCreditType(r.text.type))
      .map((row) =>
        issueAt(context, row, "amount", "warning", this.id, `A negative amount on a row whose type is "${row.text.type || "empty"}", not a credit note.`, 'Mark the row as a credit note in the type column (e.g. "Credit note"), or correct the sign.'),
      );
  },
};
