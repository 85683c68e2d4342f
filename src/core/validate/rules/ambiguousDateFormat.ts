import { FIELD_NAMES } from "../../columns/mapColumns";
import { AMBIGUOUS, DATE_FIELDS, FROM_TEXT } from "../../parse/parseColumns";
import { defineRule } from "../defineRule";
import { fieldCell } from "../issue";
import type { Issue } from "../types";

const ID = "ambiguous-date-format";

export const ambiguousDateFormat = defineRule({
  id: ID,
  title: "Text dates say whether they are day/month or month/day",
  checkColumns(table, context) {
    const issues: Issue[] = [];
    for (const field of DATE_FIELDS) {
      const order = context.reading.dateOrder[field];
      if (order !== "ambiguous" && order !== "conflict") continue;
      const flags = table.dates[field].flags;
      const wanted = order === "conflict" ? AMBIGUOUS | FROM_TEXT : AMBIGUOUS;
      let first = -1;
      for (let k = 0; k < table.length && first < 0; k++) if (flags[k] & wanted) first = k;
      if (first < 0) continue;
      const index = context.mapping[field]!;
      const header = String(context.headers[index] ?? "");
      const raw = table.raw[first][index];
      issues.push({
        severity: order === "conflict" ? "error" : "warning",
        rule: ID,
        sheet: context.sheet,
        cell: fieldCell(context, field, table.row[first]),
        row: table.row[first],
        column: header,
        value: String(raw ?? ""),
        message:
          order === "conflict"
            ? `The ${FIELD_NAMES[field]} column mixes day/month and month/day dates (e.g. 31/03 and 03/31), so some are surely wrong.`
            : `Every text date in the ${FIELD_NAMES[field]} column could be day/month or month/day (e.g. ${String(raw)}); AR Desk read them as day/month.`,
        fix: "Convert the column to real Excel dates, or write dates as YYYY-MM-DD.",
      });
    }
    return issues;
  },
});
