import { FIELD_NAMES, type Field } from "../../columns/mapColumns";
import { emptyTest, forEachRowMajor } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "missing-required-field";

/** Fields a row cannot be aged without (customer id stands in for a missing name column). */
function requiredFields(mapping: Partial<Record<Field, number>>): Field[] {
  const fields: Field[] = ["invoice", mapping.customer !== undefined ? "customer" : "customerId", "dueDate"];
  fields.push(mapping.amount !== undefined ? "amount" : "openBalance");
  return fields.filter((f) => mapping[f] !== undefined);
}

export const missingRequiredField = defineRule({
  id: ID,
  title: "Invoice number, customer, amount and due date are filled in",
  checkColumns(table, context) {
    const fields = requiredFields(context.mapping);
    const issues: Issue[] = [];
    const rowsByField = fields.map((field) => {
      const empty = emptyTest(table, field);
      const rows: number[] = [];
      for (let k = 0; k < table.length; k++) if (empty(k)) rows.push(k);
      return rows;
    });
    forEachRowMajor(rowsByField, (k, f) => {
      const field = fields[f];
      issues.push(issueIn(context, table, k, field, "error", ID, `The ${FIELD_NAMES[field]} is missing, so this row cannot be aged.`, `Fill in the ${FIELD_NAMES[field]}, or delete the row if it is not an invoice.`));
    });
    return issues;
  },
});
