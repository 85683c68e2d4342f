import { FIELD_NAMES } from "../../columns/mapColumns";
import { MONEY_FIELDS, UNREADABLE } from "../../parse/parseColumns";
import { forEachFlagged } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "amount-not-number";

export const amountNotNumber = defineRule({
  id: ID,
  title: "Amounts are numbers",
  checkColumns(table, context) {
    const fields = MONEY_FIELDS.filter((f) => context.mapping[f] !== undefined);
    const critical = context.mapping.amount !== undefined ? ["amount", "openBalance", "paidAmount"] : ["openBalance", "paidAmount"];
    const issues: Issue[] = [];
    forEachFlagged(table, fields, (field) => table.money[field], UNREADABLE, (k, field) => {
      issues.push(
        issueIn(
          context,
          table,
          k,
          field,
          critical.includes(field) ? "error" : "warning",
          ID,
          `The ${FIELD_NAMES[field]} "${String(table.raw[k][context.mapping[field]!])}" is not a number.`,
          "Enter the amount as a number, e.g. 1234.56, without words.",
        ),
      );
    });
    return issues;
  },
});
