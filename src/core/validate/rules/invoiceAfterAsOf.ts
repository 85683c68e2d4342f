import { isoFromDay } from "../../parse/dates";
import { issueAt } from "../issue";
import type { Rule } from "../types";

export const invoiceAfterAsOf: Rule = {
  id: "invoice-after-as-of",
  title: "Invoices dated after the as-of date are left out of the aging",
  check(rows, context) {
    return rows
      .filter((r) => r.dates.invoiceDate.value !== null && r.dates.invoiceDate.value > context.asOf)
      .map((row) =>
        issueAt(context, row, "invoiceDate", "info", this.id, `Invoice dated ${isoFromDay(row.dates.invoiceDate.value!)}, after the as-of date ${isoFromDay(context.asOf)}: not in this aging.`, "Nothing to do if the as-of date is right; otherwise pick a later as-of date."),
      );
  },
};
