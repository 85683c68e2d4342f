import { isoFromDay } from "../core/parse/dates";
import { unitsFromMinor } from "../core/parse/money";
import type { Issue } from "../core/validate/types";
import type { RefreshResult, ValidationReport } from "../workbook/refreshAging";

/**
 * Money for people: thousands separators and the currency's decimals, minus sign in front.
 * @example formatMoney(-123456) // "-1,234.56"
 */
export function formatMoney(minor: number, digits = 2): string {
  const sign = minor < 0 ? "-" : "";
  const units = Math.abs(minor) / 10 ** digits;
  return sign + units.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `refresh --json`: amounts in currency units, one object per customer, buckets by label. */
export function refreshJson(result: RefreshResult, output?: string) {
  const { report } = result;
  const labels = report.buckets.map((b) => b.label);
  const byLabel = (amounts: number[]) => Object.fromEntries(labels.map((label, i) => [label, unitsFromMinor(amounts[i])]));
  return {
    asOf: isoFromDay(result.asOf),
    source: result.source,
    invoices: result.invoicesRead,
    openInvoices: report.openInvoices,
    skipped: result.skipped,
    quality: result.quality.score,
    issueCounts: issueCounts(result.issues),
    customers: report.customers.map((c) => ({ customer: c.customer, buckets: byLabel(c.buckets), total: unitsFromMinor(c.total) })),
    totals: { buckets: byLabel(report.totals), total: unitsFromMinor(report.grandTotal) },
    ...(output ? { output, sheet: result.sheet } : {}),
  };
}

/** The readable summary `refresh` prints: source, counts, bucket totals, largest overdue customers. */
export function refreshSummary(result: RefreshResult, output: string, topCustomers = 10): string {
  const { report } = result;
  const width = Math.max(...report.buckets.map((b) => b.label.length), "Total".length);
  const lines = [
    `AR Aging as of ${isoFromDay(result.asOf)} from table "${result.source.table}" on sheet "${result.source.sheet}"`,
    `${result.invoicesRead} invoices read, ${report.openInvoices} open across ${report.customers.length} customers, ${result.skipped.length} skipped`,
    "",
    ...report.buckets.map((b, i) => `  ${b.label.padEnd(width)}  ${formatMoney(report.totals[i]).padStart(16)}`),
    `  ${"Total".padEnd(width)}  ${formatMoney(report.grandTotal).padStart(16)}`,
  ];
  const overdue = report.customers.filter((c) => c.overdue > 0).slice(0, topCustomers);
  if (overdue.length) {
    lines.push("", `Most overdue customers:`);
    for (const c of overdue) lines.push(`  ${c.customer.padEnd(36).slice(0, 36)}  ${formatMoney(c.overdue).padStart(14)} overdue of ${formatMoney(c.total)}`);
  }
  lines.push("", ...issuesDigest(result));
  lines.push("", `Wrote sheets "${result.sheet}" and "${result.issuesSheet}" to ${output}`);
  return lines.join("\n");
}

/** Findings per severity. */
export function issueCounts(issues: readonly Issue[]) {
  return {
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
    info: issues.filter((i) => i.severity === "info").length,
  };
}

/** Quality score, counts, and the rows left out (by cell, first 20). */
function issuesDigest(report: ValidationReport): string[] {
  const counts = issueCounts(report.issues);
  const lines = [`Data quality ${report.quality.score}/100: ${counts.errors} errors, ${counts.warnings} warnings, ${counts.info} notes`];
  if (report.skipped.length) {
    lines.push(`Rows left out of the aging (fix these cells and refresh again):`);
    for (const s of report.skipped.slice(0, 20)) lines.push(`  ${s.sheet}!${s.cell}: ${s.reason}`);
    if (report.skipped.length > 20) lines.push(`  … and ${report.skipped.length - 20} more`);
  }
  return lines;
}

/** `validate --json`: the quality score and every finding. */
export function validateJson(report: ValidationReport) {
  return {
    asOf: isoFromDay(report.asOf),
    source: report.source,
    rows: report.invoicesRead,
    quality: { score: report.quality.score, breakdown: report.quality.breakdown },
    columns: report.columns.map((c) => ({ field: c.field, header: c.header, confidence: c.confidence })),
    issues: report.issues.map(({ severity, rule, sheet, cell, row, column, value, message, fix }) => ({ severity, rule, sheet, cell, row, column, value, message, fix })),
  };
}

/** The readable `validate` report: quality, then findings grouped by severity with their cells. */
export function validateSummary(report: ValidationReport, output?: string, shown = 50): string {
  const lines = [`Checked table "${report.source.table}" on sheet "${report.source.sheet}": ${report.invoicesRead} rows`, ...issuesDigest(report)];
  if (report.quality.breakdown.length) {
    lines.push("", "Points lost by rule:");
    for (const b of report.quality.breakdown) lines.push(`  ${b.points.toFixed(1).padStart(5)}  ${b.title} (${b.findings})`);
  }
  if (report.issues.length) {
    lines.push("", "Findings:");
    for (const i of report.issues.slice(0, shown)) lines.push(`  ${i.severity.padEnd(7)} ${i.sheet}!${i.cell}  ${i.message} ${i.fix}`);
    if (report.issues.length > shown) lines.push(`  … and ${report.issues.length - shown} more (--json lists them all)`);
  } else lines.push("", "No findings: every row is clean.");
  if (output) lines.push("", `Wrote sheet "${report.issuesSheet}" to ${output}`);
  return lines.join("\n");
}
