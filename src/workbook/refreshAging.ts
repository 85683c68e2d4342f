import { ageInvoices, type AgingReport } from "../core/aging/ageInvoices";
import { makeBuckets } from "../core/aging/buckets";
import type { FieldMapping, FieldMatch } from "../core/columns/mapColumns";
import type { DayNumber } from "../core/types";
import type { QualityScore } from "../core/validate/validateInvoices";
import type { Issue } from "../core/validate/types";
import { chooseInvoiceTable } from "./chooseTable";
import { digitsOf, loadInvoices, type SkippedRow } from "./loadInvoices";
import { planAgingSheet } from "./plans/agingPlan";
import { planIssuesSheet } from "./plans/issuesPlan";
import type { TableData, WorkbookPort, WriteProgress } from "./port";

export type { SkippedRow } from "./loadInvoices";

export type RefreshStage = "finding" | "reading" | "validating" | "aging" | "writing" | "done";

export interface RefreshProgress {
  stage: RefreshStage;
  /** Set while writing: chunks written so far and in all. */
  write?: WriteProgress;
}

export interface ReadOptions {
  asOf: DayNumber;
  /** Name of the invoice table; found by its headers when absent. */
  table?: string;
  /** The user's column mapping; detected from the headers when absent. */
  mapping?: FieldMapping;
  /** False when the source is CSV (every cell is text). */
  typedCells?: boolean;
  onProgress?: (progress: RefreshProgress) => void;
}

export interface RefreshOptions extends ReadOptions {
  /** Upper bounds of the overdue buckets in days; the default buckets when absent. */
  bucketBounds?: number[];
}

export interface ValidationReport {
  asOf: DayNumber;
  source: { table: string; sheet: string };
  /** Data rows read (blank and totals lines not counted). */
  invoicesRead: number;
  /** Rows left out of the aging because of an error. */
  skipped: SkippedRow[];
  issues: Issue[];
  quality: QualityScore;
  columns: FieldMatch[];
  /** The sheet the findings were written to. */
  issuesSheet: string;
}

export interface RefreshResult extends ValidationReport {
  /** The aging sheet written (its name may differ from "AR Aging" when that one was taken). */
  sheet: string;
  report: AgingReport;
}

async function readAndValidate(port: WorkbookPort, options: ReadOptions) {
  const progress = options.onProgress ?? (() => undefined);
  progress({ stage: "finding" });
  const table = chooseInvoiceTable(await port.listTables(), options.table);
  progress({ stage: "reading" });
  const data: TableData = await port.readTable(table);
  progress({ stage: "validating" });
  const load = loadInvoices(data, { asOf: options.asOf, mapping: options.mapping, typedCells: options.typedCells });
  return { table, load, progress, source: { table: table.name, sheet: table.sheet } };
}

/**
 * Finds the invoice table, reads and checks every cell, and writes the "AR Data Issues" sheet.
 * The task pane's Validate button and `ar-desk validate` run this.
 */
export async function validateWorkbook(port: WorkbookPort, options: ReadOptions): Promise<ValidationReport> {
  const { load, progress, source } = await readAndValidate(port, options);
  progress({ stage: "writing" });
  const written = await port.writeSheet(planIssuesSheet(load.issues, load.quality, { source, asOf: options.asOf }), (write) => progress({ stage: "writing", write }));
  progress({ stage: "done" });
  return { asOf: options.asOf, source, invoicesRead: load.rowsRead, skipped: load.skipped, issues: load.issues, quality: load.quality, columns: load.columns, issuesSheet: written.sheet };
}

/**
 * The whole refresh: find the invoice table, read and check it, age the open invoices, and write
 * the "AR Aging" and "AR Data Issues" sheets. Used unchanged by the task pane, the ribbon command
 * and the command line.
 */
export async function refreshAging(port: WorkbookPort, options: RefreshOptions): Promise<RefreshResult> {
  const { load, progress, source } = await readAndValidate(port, options);
  progress({ stage: "aging" });
  const report = ageInvoices(load.records, { asOf: options.asOf, buckets: makeBuckets(options.bucketBounds) });
  const plan = planAgingSheet(report, { source, invoicesRead: load.rowsRead, rowsSkipped: load.skipped.length, digits: digitsOf(load.records) });
  progress({ stage: "writing" });
  const written = await port.writeSheet(plan, (write) => progress({ stage: "writing", write }));
  const issuesWritten = await port.writeSheet(planIssuesSheet(load.issues, load.quality, { source, asOf: options.asOf }));
  progress({ stage: "done" });
  return {
    asOf: options.asOf,
    source,
    sheet: written.sheet,
    invoicesRead: load.rowsRead,
    skipped: load.skipped,
    issues: load.issues,
    quality: load.quality,
    columns: load.columns,
    issuesSheet: issuesWritten.sheet,
    report,
  };
}
