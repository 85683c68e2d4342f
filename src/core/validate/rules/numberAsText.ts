import { FIELD_NAMES } from "../../columns/mapColumns";
import { DATE_FIELDS, MONEY_FIELDS } from "../../parse/parseRows";
import { issueAt } from "../issue";
import type { Issue, Rule } from "../types";

export const numberAsText: Rule = {
  id: "number-as-text",
  title: "Numbers and dates are stored as numbers, not text",
  check(rows, context) {
    // In a CSV every cell is text: only workbooks can store a number "as text".
    if (!context.typedCells) return [];
    const issues: Issue[] = [];
    const moneyFields = MONEY_FIELDS.filter((f) => context.mapping[f] !== undefined);
    const dateFields = DATE_FIELDS.filter((f) => context.mapping[f] !== undefined);
    for (const row of rows) {
      for (const field of moneyFields) {
        if (row.money[field].fromText) {
          issues.push(issueAt(context, row, field, "info", this.id, `The ${FIELD_NAMES[field]} is stored as text; AR Desk read it, but Excel's own sums skip it.`, "Convert the column to numbers (Data › Text to Columns, or the cell's warning menu › Convert to Number)."));
        }
      }
      for (const field of dateFields) {
        if (row.dates[field].fromText) {
          issues.push(issueAt(context, row, field, "info", this.id, `The ${FIELD_NAMES[field]} is stored as text; AR Desk read it, but Excel cannot sort or filter it as a date.`, "Convert the column to dates (Data › Text to Columns › Date)."));
        }
      }
    }
    return issues;
  },
};
