import { isoFromDay } from "../core/parse/dates";
import { unitsFromMinor } from "../core/parse/money";
import type { RefreshResult } from "../workbook/refreshAging";

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
  if (result.skipped.length) {
    lines.push("", `Skipped rows (fix these cells and refresh again):`);
    for (const s of result.skipped.slice(0, 20)) lines.push(`  ${s.sheet}!${s.cell}: ${s.reason}`);
    if (result.skipped.length > 20) lines.push(`  … and ${result.skipped.length - 20} more`);
  }
  lines.push("", `Wrote sheet "${result.sheet}" to ${output}`);
  return lines.join("\n");
}
