import { FIELD_NAMES, type Field } from "../../columns/mapColumns";
import { startsWithFormulaCharacter, TEXT_STARTS_LIKE_FORMULA } from "../../parse/parseColumns";
import { forEachRowMajor } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "formula-like-text";

const TEXT_FIELDS: Field[] = ["invoice", "customer", "customerId", "email", "contact", "terms", "status", "notes", "type"];


/** True when text would be read as a formula if typed or pasted into a cell. */
export function startsLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text.replace(/^\+/, ""));
}

export const formulaLikeText = defineRule({
  id: ID,
  title: "Text does not start like a formula (=, +, -, @)",
  checkColumns(table, context) {
    const fields = TEXT_FIELDS.filter((f) => context.mapping[f] !== undefined);
    const issues: Issue[] = [];
    const columns = fields.map((field) => context.mapping[field]!);
    const rowsByField = fields.map((): number[] => []);
    // One pass over the rows for every field: each row's cells are fetched once, not once a field.
    for (let k = 0; k < table.length; k++) {
      if (!(table.textStarts[k] & TEXT_STARTS_LIKE_FORMULA)) continue;
      const row = table.raw[k];
      for (let f = 0; f < columns.length; f++) {
        const raw = row[columns[f]];
        if (startsWithFormulaCharacter(raw) && startsLikeFormula(raw)) rowsByField[f].push(k);
      }
    }
    forEachRowMajor(rowsByField, (k, f) => {
      const field = fields[f];
      const raw = table.raw[k][context.mapping[field]!] as string;
      issues.push(
        issueIn(context, table, k, field, "warning", ID, `The ${FIELD_NAMES[field]} starts with "${raw[0] === "\t" ? "tab" : raw[0]}", which spreadsheets may run as a formula. AR Desk writes it as plain text.`, "Remove the leading character if it is not meant to be there."),
      );
    });
    return issues;
  },
});
