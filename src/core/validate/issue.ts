import { cellAddress } from "../address";
import type { Field } from "../columns/mapColumns";
import type { ParsedColumns } from "../parse/parseColumns";
import type { ParsedRow, RawCell } from "../parse/parseRows";
import { cellText } from "./text";
import type { Issue, Severity, ValidationContext } from "./types";

/** A1 address of a field's cell in a row (or of its header when `row` is the header row number). */
export function fieldCell(context: ValidationContext, field: Field, row: number): string {
  return cellAddress(row, context.firstColumn + (context.mapping[field] ?? 0));
}

/**
 * A finding about one field of one row: the cell address, header and value are filled in from
 * the context so every rule reports places the same way.
 */
export function issueAt(
  context: ValidationContext,
  row: ParsedRow,
  field: Field,
  severity: Severity,
  rule: string,
  message: string,
  fix: string,
): Issue {
  return issueOf(context, row.row, row.raw, field, severity, rule, message, fix);
}

/** A finding about one field of row k of a table read by columns (see `issueAt`). */
export function issueIn(
  context: ValidationContext,
  table: ParsedColumns,
  k: number,
  field: Field,
  severity: Severity,
  rule: string,
  message: string,
  fix: string,
): Issue {
  return issueOf(context, table.row[k], table.raw[k], field, severity, rule, message, fix);
}

function issueOf(
  context: ValidationContext,
  row: number,
  raw: readonly RawCell[],
  field: Field,
  severity: Severity,
  rule: string,
  message: string,
  fix: string,
): Issue {
  const index = context.mapping[field];
  return {
    severity,
    rule,
    sheet: context.sheet,
    cell: fieldCell(context, field, row),
    row,
    column: index === undefined ? "" : String(context.headers[index] ?? ""),
    value: index === undefined ? "" : cellText(raw[index]),
    message,
    fix,
  };
}
