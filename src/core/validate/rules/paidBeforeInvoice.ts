import { isoFromDay } from "../../parse/dates";
import { issueAt } from "../issue";
import type { Rule } from "../types";

export const paidBeforeInvoice: Rule = {
  id: "paid-before-invoice",
  title: "Payments are not dated before their invoice",
  check(rows, context) {
    return rows
      .filter((r) => r.dates.paidDate.value !== null && r.dates.invoiceDate.value !== null && r.dates.paidDate.value < r.dates.invoiceDate.value)
      .map((row) =>
        issueAt(context, row, "paidDate", "warning", this.id, `Paid ${isoFromDay(row.dates.paidDate.value!)}, before the invoice date ${isoFromDay(row.dates.invoiceDate.value!)}.`, "Check the dates; if it was a prepayment, note it on the invoice."),
      );
  },
};
