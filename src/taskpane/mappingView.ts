/**
 * The column mapping view's logic, pure: confidence labels and the user's edits to a mapping.
 * Tested in test/taskpane/mappingView.test.ts.
 */
import { FIELD_NAMES, type FieldMapping, type FieldMatch } from "../core/columns/mapColumns";
import type { Field } from "../core/columns/synonyms";

export type ConfidenceLabel = "High" | "Medium" | "Low";

/** High ≥ 0.95, Medium ≥ 0.75, else Low. */
export function confidenceLabel(confidence: number): ConfidenceLabel {
  if (confidence >= 0.95) return "High";
  if (confidence >= 0.75) return "Medium";
  return "Low";
}

/** The mapping the detected (or saved) columns stand for. */
export function mappingOf(columns: readonly FieldMatch[]): FieldMapping {
  const mapping: FieldMapping = {};
  for (const c of columns) mapping[c.field] = c.column;
  return mapping;
}

/**
 * The mapping with a field moved to a column (or unmapped with `undefined`). A column serves one
 * field: a field that had that column loses it.
 */
export function setFieldColumn(mapping: FieldMapping, field: Field, column: number | undefined): FieldMapping {
  const next: FieldMapping = {};
  for (const [f, c] of Object.entries(mapping) as [Field, number | undefined][]) {
    if (c === undefined || f === field || c === column) continue;
    next[f] = c;
  }
  if (column !== undefined) next[field] = column;
  return next;
}

/** True when two mappings send the same fields to the same columns. */
export function sameMapping(a: FieldMapping, b: FieldMapping): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<Field>;
  return [...keys].every((k) => a[k] === b[k]);
}

export interface MappingRow {
  field: Field;
  /** "Invoice number". */
  name: string;
  column?: number;
  header?: string;
  /** "High", "Medium", "Low" for a detected column; "Your choice" after an edit; "" when unmapped. */
  confidence: ConfidenceLabel | "Your choice" | "";
}

const capitalise = (s: string) => s[0].toUpperCase() + s.slice(1);

/** "Invoice number" for "invoice". */
export function fieldName(field: Field): string {
  return capitalise(FIELD_NAMES[field]);
}

/**
 * The rows of the mapping view: every field, mapped ones first in the detector's order, with its
 * column, header and how sure the detection was (or that the user chose it).
 */
export function mappingRows(columns: readonly FieldMatch[], mapping: FieldMapping, headers: readonly string[]): MappingRow[] {
  const detected = new Map(columns.map((c) => [c.field, c]));
  const fields = Object.keys(FIELD_NAMES) as Field[];
  const rows = fields.map((field): MappingRow => {
    const column = mapping[field];
    const found = detected.get(field);
    const confidence = column === undefined ? "" : found && found.column === column ? confidenceLabel(found.confidence) : "Your choice";
    return { field, name: fieldName(field), column, header: column === undefined ? undefined : headers[column], confidence };
  });
  const order = (r: MappingRow) => (r.column === undefined ? 1 : 0);
  return rows.sort((a, b) => order(a) - order(b) || fields.indexOf(a.field) - fields.indexOf(b.field));
}

/** The choices of a field's dropdown: "(none)" then each header (blank headers named by position). */
export const NO_COLUMN = "(none)";
export function columnOptions(headers: readonly string[]): { value: string; text: string }[] {
  return [{ value: "", text: NO_COLUMN }, ...headers.map((h, i) => ({ value: String(i), text: h.trim() === "" ? `(column ${i + 1}, no header)` : h }))];
}
