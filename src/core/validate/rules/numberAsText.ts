import { FIELD_NAMES } from "../../columns/mapColumns";
import { DATE_FIELDS, FROM_TEXT, MONEY_FIELDS } from "../../parse/parseColumns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "number-as-text";

export const numberAsText = defineRule({
  id: ID,
  title: "Numbers and dates are stored as numbers, not text",
  checkColumns(table, context) {
    // In a CSV every cell is text: only workbooks can store a number "as text".
    if (!context.typedCells) return [];
    const issues: Issue[] = [];
    const moneyFields = MONEY_FIELDS.filter((f) => context.mapping[f] !== undefined);
    const dateFields = DATE_FIELDS.filter((f) => context.mapping[f] !== undefined);
    const moneyFlags = moneyFields.map((f) => table.money[f].flags);
    const dateFlags = dateFields.map((f) => table.dates[f].flags);
    for (let k = 0; k < table.length; k++) {
      for (let f = 0; f < moneyFields.length; f++) {
        if (moneyFlags[f][k] & FROM_TEXT) {
          issues.push(issueIn(context, table, k, moneyFields[f], "info", ID, `The ${FIELD_NAMES[moneyFields[f]]} is stored as text; AR Desk read it, but Excel's own sums skip it.`, "Convert the column to numbers (Data › Text to Columns, or the cell's warning menu › Convert to Number)."));
        }
      }
      for (let f = 0; f < dateFields.length; f++) {
        if (dateFlags[f][k] & FROM_TEXT) {
          issues.push(issueIn(context, table, k, dateFields[f], "info", ID, `The ${FIELD_NAMES[dateFields[f]]} is stored as text; AR Desk read it, but Excel cannot sort or filter it as a date.`, "Convert the column to dates (Data › Text to Columns › Date)."));
        }
      }
    }
    return issues;
  },
});
