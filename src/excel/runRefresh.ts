/**
 * Each user action in Excel as one `Excel.run` around the shared pipeline. The task pane and the
 * ribbon command call these; nothing else in the front doors touches Excel.
 */
import type { FieldMapping } from "../core/columns/mapColumns";
import {
  cancelBeforeFirstSheet,
  describeInvoiceTable,
  refreshAging,
  saveColumnMapping,
  validateWorkbook,
  type ReadOptions,
  type RefreshOptions,
  type RefreshResult,
  type TableChoice,
  type ValidationReport,
} from "../workbook/refreshAging";
import type { TableInfo } from "../workbook/port";
import { parseSettings, withAgingSettings, type AgingSettings, type SettingsRead } from "../workbook/settings";
import { ExcelWorkbookPort, type ExcelPortOptions } from "./excelPort";

/**
 * Refresh: find, read and check the invoice table, then write the aging, detail and issues sheets.
 * The options' signal also goes to the port: the pipeline stops between stages, the port between
 * chunks, so a Cancel takes effect wherever the run is, until the first sheet is swapped in; from
 * then on the run finishes, so the sheets always come from one run.
 */
export async function runRefreshInExcel(options: RefreshOptions, portOptions: ExcelPortOptions = {}): Promise<RefreshResult> {
  const guard = cancelBeforeFirstSheet(options.signal);
  const guarded = { ...options, signal: guard.signal, onProgress: guard.watch(options.onProgress) };
  return Excel.run((context) => refreshAging(new ExcelWorkbookPort(context, { signal: guard.signal, ...portOptions }), guarded));
}

/** Validate: read and check the invoice table and write the "AR Data Issues" sheet. */
export async function runValidateInExcel(options: ReadOptions, portOptions: ExcelPortOptions = {}): Promise<ValidationReport> {
  return Excel.run((context) => validateWorkbook(new ExcelWorkbookPort(context, { signal: options.signal, ...portOptions }), options));
}

/** The invoice tables and the chosen one's column mapping, for the pane (reads only). */
export async function describeTableInExcel(table?: string): Promise<TableChoice> {
  return Excel.run((context) => describeInvoiceTable(new ExcelWorkbookPort(context), table));
}

/** Saves the user's column mapping for a table in the workbook's settings. */
export async function saveMappingInExcel(table: TableInfo, mapping: FieldMapping): Promise<void> {
  return Excel.run((context) => saveColumnMapping(new ExcelWorkbookPort(context), table, mapping));
}

/** Selects a cell in Excel (activating its sheet): where an issue points. One sync. */
export async function selectCellInExcel(sheet: string, cell: string): Promise<void> {
  return Excel.run((context) => new ExcelWorkbookPort(context).selectCell(sheet, cell));
}

/** AR Desk's settings as saved in the workbook, checked (damaged parts fall back, with warnings). One sync. */
export async function readSettingsInExcel(): Promise<SettingsRead> {
  return Excel.run(async (context) => parseSettings(await new ExcelWorkbookPort(context).readSettings()));
}

/**
 * Saves aging settings (basis, buckets, loss rates, risk weights) in the workbook: read, change,
 * write in one `Excel.run`, so a co-author's other settings saved meanwhile are kept.
 */
export async function saveSettingsInExcel(change: AgingSettings): Promise<void> {
  return Excel.run(async (context) => {
    const port = new ExcelWorkbookPort(context);
    await port.writeSettings(withAgingSettings(await port.readSettings(), change));
  });
}
