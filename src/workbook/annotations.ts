/**
 * What users type beside AR Desk's tables ("Notes", "Next call", "Promise date") is theirs: a
 * refresh carries it to the same invoice or customer, and a row that drops out (paid, gone) moves
 * to the "AR Archive" sheet instead of vanishing.
 */
import type { CellValue, WorkbookPort, WriteResult } from "./port";
import { DETAIL_TABLE } from "./plans/detailPlan";
import { REMINDERS_TABLE } from "./plans/remindersPlan";
import { RISK_TABLE } from "./plans/riskPlan";
import { DATE_FORMAT, type PlanCell, type SheetPlan } from "./sheetPlan";
import { dayFromDate, dayFromExcelSerial, excelSerialFromDay, isoFromDay } from "../core/parse/dates";
import { withUserColumns, type ArchivedRow } from "./userColumns";

export const ARCHIVE_SHEET = "AR Archive";
export const ARCHIVE_TABLE = "ARArchive";
const ARCHIVE_HEADERS = ["Archived", "Table", "Row", "Column", "Value"];

/**
 * The generated tables a user may annotate, with the columns that say which row is which. An
 * invoice number can repeat across customers and currencies, so the detail key takes all three.
 */
export const ANNOTATED_TABLES: Readonly<Record<string, readonly string[]>> = {
  [DETAIL_TABLE]: ["Customer", "Invoice", "Currency"],
  [RISK_TABLE]: ["Customer"],
  // A reminder is one level for one customer's invoices; its status columns are AR Desk's own.
  [REMINDERS_TABLE]: ["Customer", "Level", "Invoices"],
};

/**
 * How rows read back from one of our tables are made to name themselves as the new plan does
 * before their keys are compared (a reminder's Level as the level is called now): the further
 * columns that takes, read along with the key, and the rewrite.
 */
export interface ReadBack {
  alsoRead: readonly string[];
  rows: (headers: readonly string[], rows: readonly CellValue[][]) => readonly CellValue[][];
}

/** A row's key as the named columns spell it, the same whether read back from a sheet or planned. */
function keyBy(columns: readonly string[]) {
  // Called for every row of tables up to a million rows long, with one headers array per table:
  // the key columns are looked up once per headers array, not once per row.
  let known: readonly string[] | undefined;
  let indexes: number[] = [];
  return (row: readonly (PlanCell | CellValue)[], headers: readonly string[]): string => {
    if (headers !== known) {
      known = headers;
      indexes = columns.map((column) => headers.findIndex((h) => h.trim().toLowerCase() === column.toLowerCase()));
    }
    return JSON.stringify(
      indexes.map((index) => {
        const value = index < 0 ? null : row[index];
        return value === null || value === undefined || typeof value === "object" ? "" : String(value).trim();
      }),
    );
  };
}

/**
 * The plan with the user's columns carried into its annotated tables (read back from the sheet
 * AR Desk wrote before), and the annotated rows that no longer exist. Dates the user typed keep
 * their day: serials are read and written in the workbook's date system. `readBack` says, per
 * table, how rows read back are to name themselves as the plan does (see ReadBack).
 */
export async function carryUserColumns(port: WorkbookPort, plan: SheetPlan, readBack: Readonly<Record<string, ReadBack>> = {}): Promise<{ plan: SheetPlan; archived: ArchivedRow[] }> {
  const archived: ArchivedRow[] = [];
  const tables = [];
  for (const table of plan.tables) {
    const keyColumns = ANNOTATED_TABLES[table.name];
    const asNow = readBack[table.name];
    const wanted = [...(keyColumns ?? []), ...(asNow?.alsoRead ?? [])].map((c) => c.toLowerCase());
    const ours = new Set(table.headers.map((h) => h.toLowerCase()));
    // Only the key and the user's own columns are wanted; none at all when the user added nothing.
    const pick = (headers: readonly string[]) => {
      const added = headers.filter((h) => h.trim() !== "" && !ours.has(h.toLowerCase()));
      return added.length ? [...headers.filter((h) => wanted.includes(h.toLowerCase())), ...added] : [];
    };
    const previous = keyColumns ? await port.readGeneratedTable(table.name, pick) : null;
    if (!keyColumns || !previous) {
      tables.push(table);
      continue;
    }
    const rows = asNow ? asNow.rows(previous.headers, previous.rows) : previous.rows;
    const plain = (value: CellValue) => plainCell(value, previous.date1904);
    const carried = withUserColumns(table, { headers: previous.headers, rows: rows.map((row) => row.map(plain)) }, keyBy(keyColumns));
    // The user's columns keep their number format (a "Next call" date must not turn into a serial).
    const formatOf = new Map(previous.headers.map((h, i) => [h.toLowerCase(), previous.columnFormats?.[i] ?? null]));
    const dated = new Set(previous.headers.filter((_, i) => rows.some((row) => row[i] instanceof Date)).map((h) => h.toLowerCase()));
    const columnFormats = carried.table.headers.map((h, i) =>
      i < table.headers.length ? carried.table.columnFormats[i] : (formatOf.get(h.toLowerCase()) ?? (dated.has(h.toLowerCase()) ? DATE_FORMAT : null)),
    );
    tables.push({ ...carried.table, columnFormats });
    const isDate = (column: string) => dated.has(column.toLowerCase()) || /[dy]/i.test(formatOf.get(column.toLowerCase()) ?? "");
    archived.push(
      ...carried.archived.map((row) => ({
        ...row,
        // The archive mixes columns in one Value column, so a date is kept as readable text.
        values: row.values.map((v) => {
          const day = typeof v.value === "number" && isDate(v.column) ? dayFromExcelSerial(v.value, previous.date1904) : null;
          return day === null ? v : { ...v, value: isoFromDay(day) };
        }),
      })),
    );
  }
  return { plan: { ...plan, tables }, archived };
}

/** "Acme Ltd | INV-7 | EUR": a key as a person reads it. */
function readableKey(key: string): string {
  try {
    const parts = JSON.parse(key) as unknown;
    return Array.isArray(parts) ? parts.filter((p) => p !== "").join(" | ") : key;
  } catch {
    return key;
  }
}

/** A cell as a plan can hold it: dates (files hand them over as Date) become serials of the workbook's date system. */
function plainCell(value: CellValue, date1904: boolean): CellValue {
  const day = value instanceof Date ? dayFromDate(value) : undefined;
  return day === undefined ? value : day === null ? null : excelSerialFromDay(day, date1904);
}

function archiveCell(value: CellValue): PlanCell {
  // A date typed by the user comes back as a Date from files; keep it readable rather than a serial.
  return value instanceof Date ? value.toISOString().slice(0, 10) : value;
}

/**
 * The "AR Archive" sheet: what users had typed on rows that dropped out of a generated table, one
 * row per value, newest last, after everything archived before (which is never dropped).
 */
export function planArchiveSheet(archived: readonly ArchivedRow[], archivedAt: string, previous: readonly (readonly CellValue[])[] = []): SheetPlan {
  const kept = previous.map((row) => ARCHIVE_HEADERS.map((_, i) => archiveCell(row[i] ?? null)));
  const added = archived.flatMap((row) => row.values.map(({ column, value }) => [archivedAt, row.table, readableKey(row.key), column, archiveCell(value)]));
  return {
    name: ARCHIVE_SHEET,
    kind: "archive",
    blocks: [],
    tables: [{ name: ARCHIVE_TABLE, at: "A1", headers: ARCHIVE_HEADERS, rows: [...kept, ...added], columnFormats: ARCHIVE_HEADERS.map(() => null), style: "TableStyleLight9" }],
    columnWidths: [22, 18, 40, 18, 40],
    freezeRows: 1,
  };
}

/** Appends rows that dropped out to the "AR Archive" sheet, keeping what it held; nothing to write, no write. */
export async function archiveRows(port: WorkbookPort, archived: readonly ArchivedRow[], archivedAt: string): Promise<WriteResult | undefined> {
  if (archived.length === 0) return undefined;
  return port.writeSheet(planArchiveSheet(archived, archivedAt, (await port.readGeneratedTable(ARCHIVE_TABLE))?.rows ?? []));
}
