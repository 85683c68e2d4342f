import { FIELD_NAMES, type Field } from "../../columns/mapColumns";
import { issueAt } from "../issue";
import type { Issue, Rule } from "../types";

const TEXT_FIELDS: Field[] = ["invoice", "customer", "customerId", "email", "contact", "terms", "status", "notes", "type"];

/** Character codes of =, +, -, @, tab and CR: the only starts worth a closer look. */
const FORMULA_START = new Set([61, 43, 45, 64, 9, 13]);

/** True when text would be read as a formula if typed or pasted into a cell. */
export function startsLikeFormula(text: string): boolean {
  return /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text.replace(/^\+/, ""));
}

export const formulaLikeText: Rule = {
  id: "formula-like-text",
  title: "Text does not start like a formula (=, +, -, @)",
  check(rows, context) {
    const fields = TEXT_FIELDS.filter((f) => context.mapping[f] !== undefined);
    const issues: Issue[] = [];
    for (const row of rows) {
      for (const field of fields) {
        const raw = row.raw[context.mapping[field]!];
        if (typeof raw !== "string" || raw.length === 0 || !FORMULA_START.has(raw.charCodeAt(0)) || !startsLikeFormula(raw)) continue;
        issues.push(
          issueAt(context, row, field, "warning", this.id, `The ${FIELD_NAMES[field]} starts with "${raw[0] === "\t" ? "tab" : raw[0]}", which spreadsheets may run as a formula. AR Desk writes it as plain text.`, "Remove the leading character if it is not meant to be there."),
        );
      }
    }
    return issues;
  },
};
