import { FIELD_NAMES } from "../../columns/mapColumns";
import { DATE_FIELDS } from "../../parse/parseRows";
import { fieldCell } from "../issue";
import type { Issue, Rule } from "../types";

export const ambiguousDateFormat: Rule = {
  id: "ambiguous-date-format",
  title: "Text dates say whether they are day/month or month/day",
  check(rows, context) {
    const issues: Issue[] = [];
    for (const field of DATE_FIELDS) {
      const order = context.reading.dateOrder[field];
      if (order !== "ambiguous" && order !== "conflict") continue;
      const first = rows.find((r) => r.dates[field].ambiguous || (order === "conflict" && r.dates[field].fromText));
      if (!first) continue;
      const index = context.mapping[field]!;
      const header = String(context.headers[index] ?? "");
      issues.push({
        severity: order === "conflict" ? "error" : "warning",
        rule: this.id,
        sheet: context.sheet,
        cell: fieldCell(context, field, first.row),
        row: first.row,
        column: header,
        value: String(first.raw[index] ?? ""),
        message:
          order === "conflict"
            ? `The ${FIELD_NAMES[field]} column mixes day/month and month/day dates (e.g. 31/03 and 03/31), so some are surely wrong.`
            : `Every text date in the ${FIELD_NAMES[field]} column could be day/month or month/day (e.g. ${String(first.raw[index])}); AR Desk read them as day/month.`,
        fix: "Convert the column to real Excel dates, or write dates as YYYY-MM-DD.",
      });
    }
    return issues;
  },
};
