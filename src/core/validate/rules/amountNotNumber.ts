import { FIELD_NAMES } from "../../columns/mapColumns";
import { MONEY_FIELDS } from "../../parse/parseRows";
import { issueAt } from "../issue";
import type { Rule } from "../types";

export const amountNotNumber: Rule = {
  id: "amount-not-number",
  title: "Amounts are numbers",
  check(rows, context) {
    const fields = MONEY_FIELDS.filter((f) => context.mapping[f] !== undefined);
    const critical = context.mapping.amount !== undefined ? ["amount", "openBalance", "paidAmount"] : ["openBalance", "paidAmount"];
    return rows.flatMap((row) =>
      fields
        .filter((field) => row.money[field].problem === "unreadable")
        .map((field) =>
          issueAt(
            context,
            row,
            field,
            critical.includes(field) ? "error" : "warning",
            this.id,
            `The ${FIELD_NAMES[field]} "${String(row.money[field].raw)}" is not a number.`,
            "Enter the amount as a number, e.g. 1234.56, without words.",
          ),
        ),
    );
  },
};
