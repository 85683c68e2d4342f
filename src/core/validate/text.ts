import type { RawCell } from "../parse/parseRows";

/** A cell's content as text for messages: dates as ISO, long text shortened. */
export function cellText(cell: RawCell): string {
  if (cell === null || cell === undefined) return "";
  const text = cell instanceof Date ? (Number.isFinite(cell.getTime()) ? cell.toISOString().slice(0, 10) : String(cell)) : String(cell);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
