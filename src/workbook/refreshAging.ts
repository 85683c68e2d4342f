import { ageLedger, recordsByCurrency, type AgingReport, type LedgerAging } from "../core/aging/ageInvoices";
import { allowanceFor } from "../core/metrics/allowance";
import { computeKpis } from "../core/metrics/kpis";
import { rollRates } from "../core/metrics/rollRates";
import { assessRisk } from "../core/risk/assessRisk";
import type { Worklist } from "../core/risk/worklist";
import { minorDigits } from "../core/parse/money";
import { planRiskSheet } from "./plans/riskPlan";
import { archiveRows, carryUserColumns } from "./annotations";
import { HISTORY_TABLE, planHistorySheet, snapshotOf, snapshotsFrom } from "./plans/historyPlan";
import type { AgingBasis, InvoiceRecord } from "../core/types";
import { makeBuckets } from "../core/aging/buckets";
import type { FieldMapping, FieldMatch } from "../core/columns/mapColumns";
import type { DayNumber } from "../core/types";
import type { QualityScore } from "../core/validate/validateInvoices";
import type { Issue } from "../core/validate/types";
import { cancelled, describeError } from "../core/errors";
import { chooseInvoiceTable, invoiceTables } from "./chooseTable";
import { customerDirectory, isCustomersTable, joinCustomers } from "./customers";
import { applyPayments, isPaymentsTable, type UnappliedPayment } from "./payments";
import { convertRecords, isRatesTable, readRates } from "./rates";
import { loadInvoices, resolveMapping, type InvoiceLoad } from "./loadInvoices";
import { parseSettings, savedMapping, serialiseSettings, withMapping } from "./settings";
import { planAgingSheet, type CurrencySection } from "./plans/agingPlan";
import { planDetailSheet } from "./plans/detailPlan";
import { planIssuesSheet } from "./plans/issuesPlan";
import type { TableData, TableInfo, WorkbookPort, WriteProgress, WriteResult } from "./port";
import type { SkippedRow } from "./loadInvoices";

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
  /** Aborting it stops the action at the next step (ArDeskError "CANCELLED"); sheets already swapped in stay. */
  signal?: AbortSignal;
}

export interface RefreshOptions extends ReadOptions {
  /** Upper bounds of the buckets in days; from the workbook's settings, else 30, 60, 90, 120. */
  bucketBounds?: number[];
  /** Aging basis; from the workbook's settings, else the due date. */
  basis?: AgingBasis;
  /** Loss rates per bucket for the allowance; from the settings, else DESIGN.md's defaults. */
  lossRates?: number[];
  /** Length in days of the KPI period ending on the as-of date (default 90). */
  periodDays?: number;
  /** The clock, for the "generated" stamp (tests fix it). */
  now?: Date;
  /** Append this aging to the "AR History" sheet (replacing a snapshot of the same date). */
  snapshot?: boolean;
  /** Also show every currency converted to this one, at the rates table's rates. */
  baseCurrency?: string;
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
  /** What the user should know but that did not stop the run: damaged settings (defaults used), a sheet written under another name, missing rates. */
  warnings: string[];
}

export interface RefreshResult extends ValidationReport {
  /** The aging sheet written (its name may differ from "AR Aging" when that one was taken). */
  sheet: string;
  /** The invoice detail sheet written. */
  detailSheet: string;
  aging: LedgerAging;
  /** Per currency: aging, KPIs and allowance, largest balance first. */
  sections: CurrencySection[];
  /** The largest currency's aging: the whole aging when the workbook has one currency. */
  report: AgingReport;
  /** Payments in a payments table that name no invoice of the table (cash not applied). */
  unappliedPayments: UnappliedPayment[];
  /** True when this aging was saved to the "AR History" sheet. */
  snapshotSaved: boolean;
  /** The collection worklist: customers scored, ranked by risk × overdue, with reasons and next action. */
  risk: Worklist;
  riskSheet: string;
}

/**
 * Reads the ledger the way every action does: finds the invoice table, reads and checks every
 * cell with the saved mapping, then joins the customers table and applies the payments table
 * when the workbook has them. Refresh, validate and reminders all start here. `date1904` is the
 * workbook's date system, which every date AR Desk writes back must use.
 */
export async function readLedger(port: WorkbookPort, options: ReadOptions) {
  const report = options.onProgress ?? (() => undefined);
  // Each stage reports progress first, so that is where a cancel takes effect. Within a sheet's
  // write the adapter checks the signal itself, between chunks, where it can undo cleanly.
  const progress = (step: RefreshProgress) => {
    if (options.signal?.aborted && step.stage !== "done" && !step.write) throw cancelled();
    report(step);
  };
  progress({ stage: "finding" });
  const tables = await port.listTables();
  const table = chooseInvoiceTable(tables, options.table);
  const customersTable = tables.find((t) => t !== table && isCustomersTable(t));
  const paymentsTable = tables.find((t) => t !== table && isPaymentsTable(t));
  const ratesTable = tables.find((t) => t !== table && isRatesTable(t));
  const { settings, warnings } = parseSettings(await port.readSettings());
  const saved = savedMapping(settings, table);
  if (saved.stale.length) warnings.push(`Saved column mapping names columns no longer in the table (${saved.stale.join(", ")}); AR Desk detected those fields again.`);
  progress({ stage: "reading" });
  const data: TableData = await port.readTable(table);
  progress({ stage: "validating" });
  const load = loadInvoices(data, {
    asOf: options.asOf,
    mapping: options.mapping ?? saved.mapping,
    typedCells: options.typedCells,
    defaultDateOrder: settings.dateOrder,
  });
  if (customersTable) load.records = joinCustomers(load.records, customerDirectory(await port.readTable(customersTable)));
  let unapplied: UnappliedPayment[] = [];
  if (paymentsTable) ({ records: load.records, unapplied } = applyPayments(load.records, await port.readTable(paymentsTable), options.asOf));
  return { table, load, progress, warnings, settings, unapplied, paymentsTable, ratesTable, source: { table: table.name, sheet: table.sheet }, date1904: data.date1904 };
}

/** What every action reports about the data it read. */
function validationReport(options: ReadOptions, load: InvoiceLoad, source: ValidationReport["source"], warnings: string[], issuesSheet: string): ValidationReport {
  return {
    asOf: options.asOf,
    source,
    invoicesRead: load.rowsRead,
    skipped: load.skipped,
    issues: load.issues,
    quality: load.quality,
    columns: load.columns,
    issuesSheet,
    warnings,
  };
}

/**
 * Finds the invoice table, reads and checks every cell, and writes the "AR Data Issues" sheet.
 * The task pane's Validate button and `ar-desk validate` run this.
 */
export async function validateWorkbook(port: WorkbookPort, options: ReadOptions): Promise<ValidationReport> {
  const { load, progress, source, warnings, date1904 } = await readLedger(port, options);
  progress({ stage: "writing" });
  const written = await port.writeSheet(planIssuesSheet(load.issues, load.quality, { source, asOf: options.asOf, date1904 }), (write) => progress({ stage: "writing", write }));
  warnings.push(...renameWarnings([written]));
  progress({ stage: "done" });
  return validationReport(options, load, source, warnings, written.sheet);
}

/**
 * The whole refresh: find the invoice table, read and check it, age the open invoices, and write
 * the "AR Aging" and "AR Data Issues" sheets. Used unchanged by the task pane, the ribbon command
 * and the command line.
 */
export async function refreshAging(port: WorkbookPort, options: RefreshOptions): Promise<RefreshResult> {
  const { load, progress, source, warnings, settings, unapplied, paymentsTable, ratesTable, date1904 } = await readLedger(port, options);
  progress({ stage: "aging" });
  const basis = options.basis ?? settings.basis ?? "due";
  const aging = ageLedger(load.records, { asOf: options.asOf, basis, buckets: makeBuckets(options.bucketBounds ?? settings.bucketBounds, basis) });
  const byCurrency = recordsByCurrency(load.records);
  const lossRates = options.lossRates ?? settings.lossRates;
  const historyRows = (await port.readGeneratedTable(HISTORY_TABLE))?.rows ?? [];
  const history = snapshotsFrom(historyRows, { date1904 });
  const saved = options.snapshot ? aging.currencies.map(snapshotOf) : [];
  const snapshots = [...history.filter((h) => !saved.some((s) => s.asOf === h.asOf && s.currency === h.currency)), ...saved];
  const baseCurrency = (options.baseCurrency ?? settings.baseCurrency)?.toUpperCase();
  let converted: { report: AgingReport; records: InvoiceRecord[]; note: string } | undefined;
  let toBase: ((minor: number, currency: string) => number | undefined) | undefined;
  if (baseCurrency && aging.currencies.length > 1) {
    if (!ratesTable) warnings.push(`No exchange rates table found, so amounts are not converted to ${baseCurrency}. Add a table with Currency and Rate columns.`);
    else {
      const rates = readRates(await port.readTable(ratesTable));
      // Risk ranks overdue amounts across currencies: compare them in the base currency.
      toBase = (minor, currency) => {
        const rate = currency === baseCurrency ? 1 : rates.get(currency);
        return rate === undefined ? undefined : (minor / 10 ** minorDigits(currency || undefined)) * rate;
      };
      const { records, missing } = convertRecords(load.records, rates, baseCurrency);
      if (missing.length) warnings.push(`No ${baseCurrency} rate for ${missing.join(", ")} in table ${ratesTable.name}; those amounts are left out of the converted aging.`);
      const [report] = ageLedger(records, { asOf: options.asOf, basis, buckets: aging.buckets }).currencies;
      converted = { report: { ...report, currency: baseCurrency }, records, note: `All currencies in ${baseCurrency} at the rates in table ${ratesTable.name}${missing.length ? `, without ${missing.join(", ")}` : ""}` };
    }
  }
  const reports = converted ? [...aging.currencies, converted.report] : aging.currencies;
  const sections: CurrencySection[] = reports.map((report) => {
    const labels = report.buckets.map((b) => b.label).join("|");
    const mine = snapshots.filter((s) => s.currency === report.currency && s.labels.join("|") === labels);
    const allowance = allowanceFor(report, lossRates);
    return {
      report,
      kpis: computeKpis(report === converted?.report ? converted.records : (byCurrency.get(report.currency) ?? []), { asOf: options.asOf, periodDays: options.periodDays }),
      convertedNote: report === converted?.report ? converted.note : undefined,
      allowance,
      rollRates: rollRates(mine, allowance.rates[allowance.rates.length - 1]),
    };
  });
  const context = {
    source,
    invoicesRead: load.rowsRead,
    rowsSkipped: load.skipped.length,
    generatedAt: generatedAt(options.now ?? new Date()),
    payments: paymentsTable ? { table: paymentsTable.name, unapplied } : undefined,
    date1904,
  };
  const risk = assessRisk(load.records, options.asOf, { weights: settings.riskWeights, toBase });
  // What users typed beside the detail and risk tables is read before those tables are replaced.
  const detailPlan = await carryUserColumns(port, planDetailSheet(aging, { date1904 }));
  const riskPlan = await carryUserColumns(port, planRiskSheet(risk, { generatedAt: context.generatedAt, source, date1904 }));
  const archived = [...detailPlan.archived, ...riskPlan.archived];
  progress({ stage: "writing" });
  // The detail first: the aging sheet's tie-out formulas must point at the detail as it now is,
  // under the name it was actually written to (Excel turns references to a deleted sheet into #REF!).
  const detail = await port.writeSheet(detailPlan.plan, (write) => progress({ stage: "writing", write }));
  const written = await port.writeSheet(planAgingSheet(aging, sections, { ...context, detailSheet: detail.sheet }), (write) => progress({ stage: "writing", write }));
  const riskWritten = await port.writeSheet(riskPlan.plan);
  const issuesWritten = await port.writeSheet(planIssuesSheet(load.issues, load.quality, { source, asOf: options.asOf, date1904 }));
  const historyWritten = saved.length ? await port.writeSheet(planHistorySheet(saved, context.generatedAt, historyRows, { date1904 })) : undefined;
  const archiveWritten = await archiveRows(port, archived, context.generatedAt);
  warnings.push(...renameWarnings([written, detail, riskWritten, issuesWritten, ...(historyWritten ? [historyWritten] : []), ...(archiveWritten ? [archiveWritten] : [])]));
  progress({ stage: "done" });
  return {
    ...validationReport(options, load, source, warnings, issuesWritten.sheet),
    sheet: written.sheet,
    riskSheet: riskWritten.sheet,
    risk,
    snapshotSaved: saved.length > 0,
    detailSheet: detail.sheet,
    unappliedPayments: unapplied,
    aging,
    sections,
    report: aging.currencies[0],
  };
}

/**
 * A signal that follows the user's Cancel only until the run's first sheet is swapped in whole.
 * After that the run finishes: stopping would leave sheets of two runs side by side (the aging's
 * tie-out reading a detail sheet of another date). `watch` wraps the run's progress callback,
 * which is how a finished sheet is seen.
 */
export function cancelBeforeFirstSheet(signal?: AbortSignal): { signal: AbortSignal; watch: (onProgress?: (p: RefreshProgress) => void) => (p: RefreshProgress) => void } {
  const controller = new AbortController();
  let committed = false;
  if (signal?.aborted) controller.abort();
  signal?.addEventListener("abort", () => committed || controller.abort(), { once: true });
  return {
    signal: controller.signal,
    watch: (onProgress) => (p) => {
      if (p.write && p.write.total > 0 && p.write.done >= p.write.total) committed = true;
      onProgress?.(p);
    },
  };
}

/** Says where a sheet went when the user's own sheet has the name AR Desk wanted. */
export function renameWarnings(writes: readonly WriteResult[]): string[] {
  return writes
    .filter((w) => w.renamedFrom !== undefined)
    .map((w) => `The sheet "${w.renamedFrom}" is not AR Desk's, so it was left as it is; AR Desk wrote "${w.sheet}" instead.`);
}

/** "2026-11-23 20:51 UTC": when a sheet was made, in UTC so co-authors in any zone read the same. */
export function generatedAt(now: Date): string {
  return `${now.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export interface TableChoice {
  /** Every table whose headers could hold invoices; the pane offers them when there are several. */
  candidates: TableInfo[];
  /** The chosen (or only) table, with what each column was taken for. */
  table?: TableInfo;
  columns: FieldMatch[];
  /** Why no table could be chosen, when none could. */
  problem?: string;
}

/**
 * What the pane shows before a run: the invoice tables found and the column mapping of the
 * chosen one (the user's saved mapping where there is one, else detected, with confidence).
 */
export async function describeInvoiceTable(port: WorkbookPort, tableName?: string): Promise<TableChoice> {
  const tables = await port.listTables();
  const candidates = invoiceTables(tables);
  try {
    const table = chooseInvoiceTable(tables, tableName);
    const { settings } = parseSettings(await port.readSettings());
    const { columns } = resolveMapping(table, savedMapping(settings, table).mapping);
    return { candidates, table, columns };
  } catch (error) {
    return { candidates, columns: [], problem: describeError(error) };
  }
}

/** Saves the user's column mapping for a table in the workbook, for every co-author and the command line. */
export async function saveColumnMapping(port: WorkbookPort, table: TableInfo, mapping: FieldMapping): Promise<void> {
  const stored = await port.readSettings();
  const { settings } = parseSettings(stored);
  await port.writeSettings(serialiseSettings(withMapping(settings, table, mapping), stored));
}
