import type { Field } from "../../columns/mapColumns";
import { isExcelError } from "../../parse/amounts";
import { issueAt } from "../issue";
import type { Issue, Rule } from "../types";

const CRITICAL: Field[] = ["invoice", "customer", "customerId", "dueDate", "amount", "openBalance", "paidAmount"];

export const excelErrorValue: Rule = {
  id: "excel-error-value",
  title: "No cell holds an Excel error (#N/A, #REF!, …)",
  check(rows, context) {
    const fields = (Object.keys(context.mapping) as Field[]).filter((f) => context.mapping[f] !== undefined);
    const issues: Issue[] = [];
    for (const row of rows) {
      for (const field of fields) {
        const cell = row.raw[context.mapping[field]!];
        if (!isExcelError(cell)) continue;
        const critical = CRITICAL.includes(field) && (field !== "openBalance" || context.mapping.amount === undefined);
        issues.push(
          issueAt(context, row, field, critical ? "error" : "warning", this.id, `The cell shows the Excel error ${String(cell).trim()}.`, "Fix the formula that produces it, or type the value in."),
        );
      }
    }
    return issues;
  },
};
