/**
 * What the task pane and the ribbon command say about a refresh, as plain text. Pure: no React,
 * no Office.js, so the wording is tested on its own (test/taskpane/summary.test.ts).
 */
import type { RefreshProgress, RefreshResult } from "../workbook/refreshAging";
import type { WriteProgress } from "../workbook/port";
import type { SkippedRow } from "../workbook/loadInvoices";
import { isoFromDay } from "../core/parse/dates";
import { unitsFromMinor } from "../core/parse/money";
import { KEY_FIGURES, kpiInputsText, withUnit, type Kpi } from "../core/metrics/kpis";
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
      // Not "the AR Aging sheet": Validate writes only the issues sheet.
      return progress.write && progress.write.total > 0
        ? `Writing chunk ${Math.min(progress.write.done + 1, progress.write.total)} of ${progress.write.total}`
        : "Writing the sheets…";
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

/** The progress bar and its line, as the pane shows them during one run. */
export interface ProgressView {
  value: number;
  text: string;
  /** Sheets whose writing finished before the current one (0 while writing the first). */
  sheet: number;
  write?: WriteProgress;
  /** Sheets seen written to the end (only sheets that report chunks are seen). */
  written: number;
}

/**
 * The next state of the progress bar. A run writes several sheets and each reports its own
 * chunks from 1, so a chunk count that does not grow means the next sheet. The number of sheets
 * is not known ahead, so each sheet fills half of what is left of the writing part: the bar
 * never moves back and never claims to be done before the run is.
 * @example nextProgressView(null, { stage: "reading" }) // { value: 0.15, text: "Reading invoices…", sheet: 0 }
 */
export function nextProgressView(previous: ProgressView | null, progress: RefreshProgress): ProgressView {
  const write = progress.stage === "writing" ? progress.write : undefined;
  const last = previous?.write;
  const sheet = (previous?.sheet ?? 0) + (write && last && write.done <= last.done ? 1 : 0);
  let value = progressValue(progress);
  if (progress.stage === "writing") {
    const fraction = write && write.total > 0 ? Math.min(1, Math.max(0, write.done / write.total)) : 0;
    value = 0.3 + 0.7 * (1 - 0.5 ** sheet * (1 - fraction / 2));
  }
  const text = stageText(progress) + (write && sheet > 0 ? ` (sheet ${sheet + 1})` : "");
  const written = (previous?.written ?? 0) + (write && write.total > 0 && write.done >= write.total ? 1 : 0);
  return { value: Math.max(previous?.value ?? 0, value), text, sheet, write: write ?? last, written };
}

/** A loss rate as a percent for the pane: "0.4%", "20%". */
export function ratePercent(rate: number): string {
  return `${Math.round(rate * 10_000) / 100}%`;
}

export interface LossRateSuggestion {
  /** Consecutive snapshot pairs behind the roll rates. */
  pairs: number;
  currency: string;
  buckets: { label: string; current: number; suggested: number | null }[];
}

/**
 * Loss rates suggested by the roll rates between saved snapshots, for the largest currency,
 * once there are two snapshots or more with the same buckets; null before.
 */
export function lossRateSuggestion(result: Pick<RefreshResult, "sections">): LossRateSuggestion | null {
  const section = result.sections.find((s) => !s.convertedNote);
  if (!section || section.rollRates.pairs < 1) return null;
  const { report, allowance, rollRates } = section;
  return {
    pairs: section.rollRates.pairs,
    currency: report.currency,
    buckets: report.buckets.map((b, i) => ({ label: b.label, current: allowance.rates[i], suggested: rollRates.suggestedLossRates[i] ?? null })),
  };
}

/**
 * The suggestion as one line.
 * @example "From 1 pair of snapshots (roll rates): Current 0.4%, 1–30 1.2%, …, 120+ 80%."
 */
export function suggestionText(s: LossRateSuggestion): string {
  const parts = s.buckets.map((b) => `${b.label} ${b.suggested === null ? `${ratePercent(b.current)} (kept: nothing to roll from)` : ratePercent(b.suggested)}`);
  return `From ${plural(s.pairs, "pair")} of snapshots${s.currency ? ` of ${s.currency}` : ""} (roll rates): ${parts.join(", ")}.`;
}

/** What the pane says after Save snapshot. */
export function snapshotLine(result: Pick<RefreshResult, "snapshotSaved" | "asOf">): string | null {
  return result.snapshotSaved ? `Snapshot as of ${isoFromDay(result.asOf)} saved on the AR History sheet: roll rates compare it with the others.` : null;
}

/**
 * The key figures as the pane lists them: the AR Aging sheet's figures, names and units
 * (KEY_FIGURES), each with its inputs or why the data cannot support it, then the allowance.
 */
export function kpiLines(result: Pick<RefreshResult, "sections">): string[] {
  const several = result.sections.length > 1;
  return result.sections.flatMap(({ report, kpis, allowance }) => {
    const prefix = several ? `${report.currency || "No currency"} ` : "";
    const lines = KEY_FIGURES.map(({ key, name, unit, money }) => {
      const kpi: Kpi = kpis[key];
      if (kpi.value === null) return `${prefix}${name(kpis.periodDays)}: not available (${kpi.reason})`;
      const value = money ? formatMinor(kpi.value, report.digits) : withUnit(kpi.value, unit);
      const inputs = kpiInputsText(kpi, report.digits);
      return `${prefix}${name(kpis.periodDays)}: ${value}${inputs ? ` (${inputs})` : ""}`;
    });
    return [...lines, `${prefix}Allowance for doubtful accounts: ${formatMinor(allowance.total, report.digits)}`];
  });
}
