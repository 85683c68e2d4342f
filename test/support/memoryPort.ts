/**
 * A WorkbookPort held in memory, for tests of the pipeline that need no spreadsheet at all:
 * tables go in as values, sheet plans come out as plain data. Not a stand-in for Excel (see
 * fakeExcel/ for that); it only keeps the port's contract: AR Desk's own sheets are never
 * offered as tables, and a user's sheet is never overwritten (the plan goes under another name).
 */
import { ArDeskError } from "../../src/core/errors";
import type { CellValue, GeneratedTable, TableData, TableInfo, WorkbookPort, WriteResult } from "../../src/workbook/port";
import { generatedSheetName } from "../../src/workbook/registry";
import type { PlanCell, SheetPlan } from "../../src/workbook/sheetPlan";

export class MemoryPort implements WorkbookPort {
  readonly plans = new Map<string, SheetPlan>();
  settings: string | null = null;
  readonly userSheets = new Set<string>();
  /** The workbook's date system, reported with the generated tables read back (the tables given carry their own). */
  date1904 = false;

  constructor(readonly tables: TableData[]) {}

  async listTables(): Promise<TableInfo[]> {
    return this.tables.map(({ name, sheet, headers, headerAddress, rowCount, kind }) => ({ name, sheet, headers, headerAddress, rowCount, kind }));
  }

  async readTable(table: TableInfo): Promise<TableData> {
    const found = this.tables.find((t) => t.name === table.name);
    if (!found) throw new ArDeskError("TABLE_NOT_FOUND", `No table ${table.name}`);
    return found;
  }

  async writeSheet(plan: SheetPlan): Promise<WriteResult> {
    const sheets = [...[...this.userSheets].map((name) => ({ name })), ...[...this.plans.keys()].map((name) => ({ name }))];
    const name = generatedSheetName(plan, sheets, [...this.plans.values()].map((p, i) => ({ sheet: [...this.plans.keys()][i], kind: p.kind, id: "" })));
    const replaced = this.plans.has(name);
    this.plans.set(name, plan);
    return { sheet: name, replaced, renamedFrom: name === plan.name ? undefined : plan.name };
  }

  async readSettings(): Promise<string | null> {
    return this.settings;
  }

  async writeSettings(text: string): Promise<void> {
    this.settings = text;
  }

  async readGeneratedTable(name: string, pick?: (headers: readonly string[]) => readonly string[]): Promise<GeneratedTable | null> {
    for (const [sheet, plan] of this.plans) {
      const table = plan.tables.find((t) => t.name === name);
      if (!table) continue;
      const indexes = (pick ? pick(table.headers) : table.headers).map((h) => table.headers.indexOf(h)).filter((i) => i >= 0);
      const cell = (value: PlanCell | undefined): CellValue => (value === undefined || (value !== null && typeof value === "object") ? null : value);
      return {
        sheet,
        headers: indexes.map((i) => table.headers[i]),
        rows: indexes.length ? table.rows.map((row) => indexes.map((i) => cell(row[i]))) : [],
        columnFormats: indexes.map((i) => table.columnFormats[i] ?? null),
        date1904: this.date1904,
      };
    }
    return null;
  }

  async selectCell(): Promise<void> {}
}

/** A table of raw cells under headers, as an adapter would hand it over. */
export function tableOf(headers: string[], rows: CellValue[][], name = "Invoices", sheet = "Ledger"): TableData {
  return { name, sheet, headers, headerAddress: "A1", rowCount: rows.length, rows, firstDataRow: 2, firstColumn: 1, date1904: false, kind: "table" };
}
