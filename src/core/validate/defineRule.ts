import { columnsFromRows } from "../parse/parseRows";
import type { Rule } from "./types";

/** A rule from its check over columns; its check over rows lays the rows out as columns first. */
export function defineRule(rule: Omit<Rule, "check">): Rule {
  return {
    ...rule,
    check: (rows, context) => rule.checkColumns(columnsFromRows(rows, context.reading), context),
  };
}
