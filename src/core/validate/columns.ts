import type { Field, FieldMapping } from "../columns/mapColumns";
import { distinctValues, type Distinct } from "../parse/distinct";
import { DATE_FIELDS, MONEY_FIELDS, type DateField, type MoneyField, type ParsedColumns, type TextField, type ValueColumn } from "../parse/parseColumns";

const names = new WeakMap<ParsedColumns, readonly string[]>();

/**
 * Who each row is about: the customer's name, else its id. Without an id column that is the
 * name column itself; otherwise it is worked out once per table for every rule that asks.
 */
export function customerOrId(table: ParsedColumns, mapping: FieldMapping): readonly string[] {
  if (mapping.customerId === undefined) return table.text.customer;
  let column = names.get(table);
  if (!column) {
    const { customer, customerId } = table.text;
    column = customer.map((name, k) => name || customerId[k]);
    names.set(table, column);
  }
  return column;
}

/**
 * Each row's customer (name, else id) as a code: the grouping every customer rule, and the
 * records, share; encoded once per table.
 */
export function customerCodes(table: ParsedColumns, mapping: FieldMapping): Distinct {
  return distinctValues(customerOrId(table, mapping));
}

const isDateField = (field: Field): field is DateField => (DATE_FIELDS as readonly string[]).includes(field);
const isMoneyField = (field: Field): field is MoneyField => (MONEY_FIELDS as readonly string[]).includes(field);

/**
 * A test for "this field's cell is empty on row k": empty text, or no value and nothing that
 * failed to read. (A cell of spaces is empty.)
 */
export function emptyTest(table: ParsedColumns, field: Field): (k: number) => boolean {
  if (isDateField(field) || isMoneyField(field) || field === "disputed") {
    const column = isDateField(field) ? table.dates[field] : isMoneyField(field) ? table.money[field] : table.disputed;
    const { values, flags } = column;
    return (k) => values[k] !== values[k] && flags[k] === 0;
  }
  const text = table.text[field as TextField];
  return (k) => text[k] === "";
}

/**
 * Visits findings row by row, fields in their order within a row, from each field's rows (in
 * ascending order): rules scan a column at a time, which is fast, and report as a reader reads.
 */
export function forEachRowMajor(rowsByField: readonly (readonly number[])[], visit: (k: number, field: number) => void): void {
  const pairs: [number, number][] = [];
  rowsByField.forEach((rows, field) => {
    for (const k of rows) pairs.push([k, field]);
  });
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [k, field] of pairs) visit(k, field);
}

/**
 * Visits the cells whose read flags include `flag` (e.g. UNREADABLE), row by row and fields in
 * their order within a row, as a reader reads the findings.
 */
export function forEachFlagged<F extends Field>(table: ParsedColumns, fields: readonly F[], columnOf: (field: F) => ValueColumn, flag: number, visit: (k: number, field: F) => void): void {
  const flags = fields.map((field) => columnOf(field).flags);
  for (let k = 0; k < table.length; k++) {
    for (let f = 0; f < fields.length; f++) if (flags[f][k] & flag) visit(k, fields[f]);
  }
}
