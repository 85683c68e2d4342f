import type { Field } from "../../columns/mapColumns";
import { isExcelError } from "../../parse/amounts";
import { DATE_FIELDS, EXCEL_ERROR, MONEY_FIELDS, TEXT_STARTS_WITH_HASH, type DateField, type MoneyField, type ParsedColumns, type TextField } from "../../parse/parseColumns";
import { forEachRowMajor } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "excel-error-value";
const CRITICAL: Field[] = ["invoice", "customer", "customerId", "dueDate", "amount", "openBalance", "paidAmount"];

/** Rows (ascending) whose cell of the field holds an Excel error. */
function errorRows(table: ParsedColumns, field: Field, at: number): number[] {
  const rows: number[] = [];
  if ((DATE_FIELDS as readonly string[]).includes(field) || (MONEY_FIELDS as readonly string[]).includes(field) || field === "disputed") {
    const column = field === "disputed" ? table.disputed : (DATE_FIELDS as readonly string[]).includes(field) ? table.dates[field as DateField] : table.money[field as MoneyField];
    const flags = column.flags;
    for (let k = 0; k < table.length; k++) if (flags[k] & EXCEL_ERROR) rows.push(k);
    return rows;
  }
  // An error value trims to text starting with "#": only those cells need a closer look.
  const text = table.text[field as TextField];
  for (let k = 0; k < table.length; k++) if (table.textStarts[k] & TEXT_STARTS_WITH_HASH && text[k].charCodeAt(0) === 35 && isExcelError(table.raw[k][at])) rows.push(k);
  return rows;
}

export const excelErrorValue = defineRule({
  id: ID,
  title: "No cell holds an Excel error (#N/A, #REF!, …)",
  checkColumns(table, context) {
    const fields = (Object.keys(context.mapping) as Field[]).filter((f) => context.mapping[f] !== undefined);
    const issues: Issue[] = [];
    forEachRowMajor(
      fields.map((field) => errorRows(table, field, context.mapping[field]!)),
      (k, f) => {
        const field = fields[f];
        const cell = table.raw[k][context.mapping[field]!];
        const critical = CRITICAL.includes(field) && (field !== "openBalance" || context.mapping.amount === undefined);
        issues.push(issueIn(context, table, k, field, critical ? "error" : "warning", ID, `The cell shows the Excel error ${String(cell).trim()}.`, "Fix the formula that produces it, or type the value in."));
      },
    );
    return issues;
  },
});
