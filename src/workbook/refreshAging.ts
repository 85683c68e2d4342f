import { ageInvoices, type AgingReport } from "../core/aging/ageInvoices";
import { makeBuckets } from "../core/aging/buckets";
import type { DayNumber } from "../core/types";
import { planAgingSheet } from "./plans/agingPlan";
import type { WorkbookPort, WriteProgress } from "./port";
import { chooseInvoiceTable, readInvoices, type SkippedRow } from "./readInvoices";

export type RefreshStage = "finding" | "reading" | "aging" | "writing" | "done";

export interface RefreshProgress {
  stage: RefreshStage;
  /** Set while writing: chunks written so far and in all. */
  write?: WriteProgress;
}

export interface RefreshOptions {
  asOf: DayNumber;
  /** Name of the invoice table; found by its headers when absent. */
  table?: string;
  /** Upper bounds of the overdue buckets in days; the default buckets when absent. */
  bucketBounds?: number[];
  onProgress?: (progress: RefreshProgress) => void;
}

export interface RefreshResult {
  asOf: DayNumber;
  source: { table: string; sheet: string };
  /** The sheet written (its name may differ from "AR Aging" when that one was taken). */
  sheet: string;
  invoicesRead: number;
  skipped: SkippedRow[];
  report: AgingReport;
}

/**
 * The whole refresh: find the invoice table, read it, age the open invoices and write the
 * "AR Aging" sheet. Used unchanged by the task pane, the ribbon command and the command line.
 */
export async function refreshAging(port: WorkbookPort, options: RefreshOptions): Promise<RefreshResult> {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: "finding" });
  const table = chooseInvoiceTable(await port.listTables(), options.table);
  progress({ stage: "reading" });
  const data = await port.readTable(table);
  progress({ stage: "aging" });
  const { records, skipped } = readInvoices(data);
  const report = ageInvoices(records, { asOf: options.asOf, buckets: makeBuckets(options.bucketBounds) });
  const source = { table: table.name, sheet: table.sheet };
  const plan = planAgingSheet(report, { source, invoicesRead: records.length + skipped.length, rowsSkipped: skipped.length });
  progress({ stage: "writing" });
  const written = await port.writeSheet(plan, (write) => progress({ stage: "writing", write }));
  progress({ stage: "done" });
  return { asOf: options.asOf, source, sheet: written.sheet, invoicesRead: records.length + skipped.length, skipped, report };
}
