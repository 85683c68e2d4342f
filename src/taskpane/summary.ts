/**
 * What the task pane and the ribbon command say about a refresh, as plain text. Pure: no React,
 * no Office.js, so the wording is tested on its own (test/taskpane/summary.test.ts).
 */
import type { RefreshProgress, RefreshResult } from "../workbook/refreshAging";
import type { SkippedRow } from "../workbook/loadInvoices";
import { isoFromDay } from "../core/parse/dates";
import { unitsFromMinor } from "../core/parse/money";
import type { Kpi } from "../core/metrics/kpis";
import { qualityLine } from "./issuesView";

/** How many skipped rows the summary lists by cell before saying "and N more". */
export const SKIPPED_SHOWN = 5;

/** "1 invoice", "2 invoices". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/**
 * An amount in minor units as grouped text with the currency's decimals.
 * @example formatMinor(12345678) // "123,456.78"
 */
export function formatMinor(minor: number, digits = 2, locale = "en-US"): string {
  return new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
    unitsFromMinor(minor, digits),
  );
}

/**
 * The one-line summary of a refresh.
 * @example "Aged 312 invoices: 210 open across 41 customers, total 123,456.78. 2 rows skipped."
 */
export function summaryHeadline(result: RefreshResult, digits = 2): string {
  const { report, invoicesRead, skipped } = result;
  const parts = [
    `Aged ${plural(invoicesRead, "invoice")}: ${report.openInvoices.toLocaleString("en-US")} open across ${plural(report.customers.length, "customer")}, total ${formatMinor(report.grandTotal, digits)}.`,
  ];
  if (skipped.length > 0) parts.push(`${plural(skipped.length, "row")} skipped.`);
  return parts.join(" ");
}

/** Where the result went: `Sheet "AR Aging" as of 2026-03-31, from table Invoices on sheet Data.` */
export function summaryDetail(result: RefreshResult): string {
  return `Sheet "${result.sheet}" as of ${isoFromDay(result.asOf)}, from table ${result.source.table} on sheet ${result.source.sheet}.`;
}

/** One skipped row as the user can find it: `Data!D7: amount "n/a" is not a number`. */
export function describeSkipped(row: SkippedRow): string {
  const sheet = /^[A-Za-z0-9_]+$/.test(row.sheet) ? row.sheet : `'${row.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${row.cell}: ${row.reason}`;
}

export interface SkippedList {
  lines: string[];
  /** Skipped rows not listed. */
  more: number;
}

/** The first few skipped rows, by cell and reason, and how many more there are. */
export function skippedList(skipped: readonly SkippedRow[], shown = SKIPPED_SHOWN): SkippedList {
  return { lines: skipped.slice(0, shown).map(describeSkipped), more: Math.max(0, skipped.length - shown) };
}

/** The whole summary as plain text, with the data quality score and issue counts (the ribbon command's dialog shows this). */
export function summaryText(result: RefreshResult, digits = 2): string {
  const lines = [summaryHeadline(result, digits), qualityLine(result.quality, result.issues), summaryDetail(result)];
  const { lines: skippedLines, more } = skippedList(result.skipped);
  if (skippedLines.length) lines.push(...skippedLines.map((line) => `• ${line}`));
  if (more > 0) lines.push(`…and ${more} more.`);
  return lines.join("\n");
}

/** The stage line under the progress bar. */
export function stageText(progress: RefreshProgress): string {
  switch (progress.stage) {
    case "finding":
      return "Finding the invoice table…";
    case "reading":
      return "Reading invoices…";
    case "validating":
      return "Checking every cell…";
    case "aging":
      return "Aging open invoices…";
    case "writing":
      return progress.write && progress.write.total > 0
        ? `Writing chunk ${Math.min(progress.write.done + 1, progress.write.total)} of ${progress.write.total}`
        : "Writing the AR Aging sheet…";
    case "done":
      return "Done";
  }
}

/**
 * How far along the refresh is, from 0 to 1, for a determinate progress bar. Reading and aging
 * take the first 30%; writing, chunk by chunk, the rest.
 */
export function progressValue(progress: RefreshProgress): number {
  switch (progress.stage) {
    case "finding":
      return 0.05;
    case "reading":
      return 0.15;
    case "validating":
      return 0.2;
    case "aging":
      return 0.25;
    case "writing": {
      const write = progress.write;
      if (!write || write.total <= 0) return 0.3;
      return 0.3 + 0.7 * Math.min(1, Math.max(0, write.done / write.total));
    }
    case "done":
      return 1;
  }
}

/**
 * The key figures of each currency as short lines for the pane: the value with its unit, or why
 * the data cannot support it.
 * @example kpiLines(result)[0] // "Overdue: 86.6% of AR"
 */
export function kpiLines(result: Pick<RefreshResult, "sections">): string[] {
  const several = result.sections.length > 1;
  return result.sections.flatMap(({ report, kpis, allowance }) => {
    const prefix = several ? `${report.currency || "No currency"} ` : "";
    const line = (name: string, kpi: Kpi, unit: string) =>
      `${prefix}${name}: ${kpi.value === null ? `not available (${kpi.reason})` : `${kpi.value}${unit}`}`;
    return [
      line("Overdue", kpis.overduePercent, "% of AR"),
      line("Over 90 days past due", kpis.over90Percent, "% of AR"),
      line(`DSO (last ${kpis.periodDays} days)`, kpis.dso, " days"),
      line("DSO (countback)", kpis.dsoCountback, " days"),
      line("Best possible DSO", kpis.bestPossibleDso, " days"),
      line("Average days delinquent", kpis.add, " days"),
      line("CEI", kpis.cei, "%"),
      line("Average days to pay", kpis.averageDaysToPay, " days"),
      `${prefix}Allowance for doubtful accounts: ${formatMinor(allowance.total, report.digits)}`,
    ];
  });
}
