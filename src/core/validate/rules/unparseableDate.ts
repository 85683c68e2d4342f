import { FIELD_NAMES } from "../../columns/mapColumns";
import { DATE_FIELDS } from "../../parse/parseRows";
import { issueAt } from "../issue";
import type { Rule } from "../types";

export const unparseableDate: Rule = {
  id: "unparseable-date",
  title: "Dates can be read",
  check(rows, context) {
    const fields = DATE_FIELDS.filter((f) => context.mapping[f] !== undefined);
    return rows.flatMap((row) =>
      fields
        .filter((field) => row.dates[field].problem === "unreadable")
        .map((field) =>
          issueAt(
            context,
            row,
            field,
            field === "dueDate" ? "error" : "warning",
            this.id,
            `The ${FIELD_NAMES[field]} "${String(row.dates[field].raw)}" is not a date AR Desk can read.${field === "dueDate" ? " The row cannot be aged." : ""}`,
            `Enter it as a date (e.g. 2026-03-31) or format the column as Date in Excel.`,
          ),
        ),
    );
  },
};
