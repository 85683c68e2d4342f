/**
 * A WorkbookPort held in memory, for tests of the pipeline that need no spreadsheet at all:
 * tables go in as values, sheet plans come out as plain data. Not a stand-in for Excel (see
 * fakeExcel/ for that); it only keeps the port's contract: AR Desk's own sheets are never
 * offered as tables, and a user's sheet is never overwritten.
 */
import { ArDeskError } from "../../src/core/errors";
import type { CellValue, TableData, TableInfo, WorkbookPort, WriteResult } from "../../src/workbook/port";
import type { SheetPlan } from "../../src/workbook/sheetPlan";

export class MemoryPort implements WorkbookPort {
  readonly plans = new Map<string, SheetPlan>();
  settings: string | null = null;
  readonly userSheets = new Set<string>();

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
    if (this.userSheets.has(plan.name)) throw new ArDeskError("SHEET_NAME_TAKEN", `A sheet named "${plan.name}" already exists and was not made by AR Desk.`);
    const replaced = this.plans.has(plan.name);
    this.plans.set(plan.name, plan);
    return { sheet: plan.name, replaced };
  }

  async readSettings(): Promise<string | null> {
    return this.settings;
  }

  async writeSettings(text: string): Promise<void> {
    this.settings = text;
  }

  async readGeneratedTable(name: string): Promise<CellValue[][] | null> {
    for (const plan of this.plans.values()) {
      const table = plan.tables.find((t) => t.name === name);
      if (table) return table.rows.map((row) => row.map((cell) => (cell !== null && typeof cell === "object" ? null : cell)));
    }
    return null;
  }

  async selectCell(): Promise<void> {}
}

/** A table of raw cells under headers, as an adapter would hand it over. */
export function tableOf(headers: string[], rows: CellValue[][], name = "Invoices", sheet = "Ledger"): TableData {
  return { name, sheet, headers, headerAddress: "A1", rowCount: rows.length, rows, firstDataRow: 2, firstColumn: 1, date1904: false, kind: "table" };
}
