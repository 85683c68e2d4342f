/**
 * The refresh as one user action in Excel: one `Excel.run` around the shared pipeline. The task
 * pane and the ribbon command both call this.
 */
import { refreshAging, type RefreshOptions, type RefreshResult } from "../workbook/refreshAging";
import { ExcelWorkbookPort, type ExcelPortOptions } from "./excelPort";

export async function runRefreshInExcel(options: RefreshOptions, portOptions: ExcelPortOptions = {}): Promise<RefreshResult> {
  return Excel.run((context) => refreshAging(new ExcelWorkbookPort(context, portOptions), options));
}
