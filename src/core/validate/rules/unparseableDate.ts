import { FIELD_NAMES } from "../../columns/mapColumns";
import { DATE_FIELDS, UNREADABLE } from "../../parse/parseColumns";
import { forEachFlagged } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "unparseable-date";

export const unparseableDate = defineRule({
  id: ID,
  title: "Dates can be read",
  checkColumns(table, context) {
    const fields = DATE_FIELDS.filter((f) => context.mapping[f] !== undefined);
    const issues: Issue[] = [];
    forEachFlagged(table, fields, (field) => table.dates[field], UNREADABLE, (k, field) => {
      issues.push(
        issueIn(
          context,
          table,
          k,
          field,
          field === "dueDate" ? "error" : "warning",
          ID,
          `The ${FIELD_NAMES[field]} "${String(table.raw[k][context.mapping[field]!])}" is not a date AR Desk can read.${field === "dueDate" ? " The row cannot be aged." : ""}`,
          `Enter it as a date (e.g. 2026-03-31) or format the column as Date in Excel.`,
        ),
      );
    });
    return issues;
  },
});
