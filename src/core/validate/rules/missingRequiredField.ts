import { FIELD_NAMES, type Field } from "../../columns/mapColumns";
import { issueAt } from "../issue";
import type { Issue, Rule } from "../types";

/** Fields a row cannot be aged without (customer id stands in for a missing name column). */
function requiredFields(mapping: Partial<Record<Field, number>>): Field[] {
  const fields: Field[] = ["invoice", mapping.customer !== undefined ? "customer" : "customerId", "dueDate"];
  fields.push(mapping.amount !== undefined ? "amount" : "openBalance");
  return fields.filter((f) => mapping[f] !== undefined);
}

export const missingRequiredField: Rule = {
  id: "missing-required-field",
  title: "Invoice number, customer, amount and due date are filled in",
  check(rows, context) {
    const fields = requiredFields(context.mapping);
    const issues: Issue[] = [];
    for (const row of rows) {
      for (const field of fields) {
        const cell = row.raw[context.mapping[field]!];
        if (cell !== null && cell !== undefined && (typeof cell !== "string" || cell.trim() !== "")) continue;
        issues.push(issueAt(context, row, field, "error", this.id, `The ${FIELD_NAMES[field]} is missing, so this row cannot be aged.`, `Fill in the ${FIELD_NAMES[field]}, or delete the row if it is not an invoice.`));
      }
    }
    return issues;
  },
};
