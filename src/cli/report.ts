import { isoFromDay } from "../core/parse/dates";
import { unitsFromMinor } from "../core/parse/money";
import { KEY_FIGURES, withUnit, type Kpi } from "../core/metrics/kpis";
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

const kpiJson = (kpi: Kpi, digits: number, money = false) => ({
  value: kpi.value === null ? null : money ? unitsFromMinor(kpi.value, digits) : kpi.value,
  ...(kpi.reason ? { reason: kpi.reason } : {}),
  inputs: kpi.inputs,
});

/**
 * `refresh --json`: amounts in currency units; per currency and per customer rows with their
 * currency, the invoice detail, the KPIs with their inputs (or why not), and the allowance.
 */
export function refreshJson(result: RefreshResult, output?: string) {
  const labels = result.aging.buckets.map((b) => b.label);
  const byLabel = (amounts: number[], digits: number) => Object.fromEntries(labels.map((label, i) => [label, unitsFromMinor(amounts[i], digits)]));
  // The converted section restates the others: its customers and items are not listed twice.
  const sections = result.sections.filter((s) => !s.convertedNote);
  return {
    asOf: isoFromDay(result.asOf),
    basis: result.aging.basis,
    source: result.source,
    invoices: result.invoicesRead,
    openInvoices: sections.reduce((n, s) => n + s.report.openInvoices, 0),
    skipped: result.skipped,
    quality: result.quality.score,
    issueCounts: issueCounts(result.issues),
    customers: sections.flatMap(({ report }) =>
      report.customers.map((c) => ({
        customer: c.customer,
        currency: report.currency,
        buckets: byLabel(c.buckets, report.digits),
        total: unitsFromMinor(c.total, report.digits),
        credits: unitsFromMinor(c.credits, report.digits),
        disputed: unitsFromMinor(c.disputed, report.digits),
      })),
    ),
    totals: sections.length === 1 ? { buckets: byLabel(sections[0].report.totals, sections[0].report.digits), total: unitsFromMinor(sections[0].report.grandTotal, sections[0].report.digits) } : null,
    currencies: result.sections.map(({ report, kpis, allowance, rollRates, convertedNote }) => {
      const d = report.digits;
      return {
        currency: report.currency,
        ...(convertedNote ? { converted: convertedNote } : {}),
        totals: { buckets: byLabel(report.totals, d), total: unitsFromMinor(report.grandTotal, d) },
        kpis: {
          periodDays: kpis.periodDays,
          ...Object.fromEntries(KEY_FIGURES.map(({ key, money }) => [key, kpiJson(kpis[key], d, money)])),
        },
        allowance: {
          rates: byLabel(allowance.rates.map((r) => r * 10 ** d), d),
          byBucket: byLabel(allowance.byBucket, d),
          byCustomer: allowance.byCustomer.map((a) => ({ customer: a.customer, allowance: unitsFromMinor(a.allowance, d) })),
          total: unitsFromMinor(allowance.total, d),
        },
        rollRates: { snapshots: rollRates.pairs ? rollRates.pairs + 1 : 0, rates: rollRates.rates, suggestedLossRates: rollRates.suggestedLossRates },
      };
    }),
    detail: sections.flatMap(({ report }) =>
      report.items.map(({ record, days, bucket }) => ({
        customer: record.customer,
        invoice: record.invoice,
        currency: report.currency,
        invoiceDate: record.invoiceDate === undefined ? null : isoFromDay(record.invoiceDate),
        dueDate: isoFromDay(record.dueDate),
        amount: unitsFromMinor(record.amountMinor, report.digits),
        open: unitsFromMinor(record.openMinor, report.digits),
        days,
        bucket: report.buckets[bucket].label,
        disputed: Boolean(record.disputed),
        promiseDate: record.promiseDate === undefined ? null : isoFromDay(record.promiseDate),
      })),
    ),
    risk: result.risk.items.map((i) => ({
      customer: i.customer,
      currency: i.currency,
      score: i.score,
      tier: i.tier,
      reasons: i.reasons,
      rank: i.rank,
      action: i.actionText,
    })),
    ...(output ? { output, sheet: result.sheet } : {}),
  };
}

/** The readable summary `refresh` prints: source, counts, per currency the bucket totals and key figures, largest overdue customers. */
export function refreshSummary(result: RefreshResult, output: string, topCustomers = 10): string {
  const { aging } = result;
  const width = Math.max(...aging.buckets.map((b) => b.label.length), "Allowance".length);
  const own = result.sections.filter((s) => !s.convertedNote);
  const open = own.reduce((n, s) => n + s.report.openInvoices, 0);
  const customers = own.reduce((n, s) => n + s.report.customers.length, 0);
  const lines = [
    `AR Aging as of ${isoFromDay(result.asOf)} (${aging.basis === "due" ? "days past due" : "days since invoice"}) from table "${result.source.table}" on sheet "${result.source.sheet}"`,
    `${result.invoicesRead} invoices read, ${open} open across ${customers} customers, ${result.skipped.length} skipped`,
  ];
  for (const { report, kpis, allowance, convertedNote } of result.sections) {
    const d = report.digits;
    lines.push("", convertedNote ? `${convertedNote}:` : report.currency ? `${report.currency}:` : "Aging:");
    report.buckets.forEach((b, i) => lines.push(`  ${b.label.padEnd(width)}  ${formatMoney(report.totals[i], d).padStart(16)}`));
    lines.push(`  ${"Total".padEnd(width)}  ${formatMoney(report.grandTotal, d).padStart(16)}`);
    lines.push(`  ${"Allowance".padEnd(width)}  ${formatMoney(allowance.total, d).padStart(16)}`);
    // The same key figures, names and units as the AR Aging sheet; the total is printed above.
    for (const { key, name, unit, money } of KEY_FIGURES.filter((f) => f.key !== "totalAr")) {
      const kpi = kpis[key];
      lines.push(`  ${name(kpis.periodDays)}: ${kpi.value === null ? `not available (${kpi.reason})` : money ? formatMoney(kpi.value, d) : withUnit(kpi.value, unit)}`);
    }
    const overdue = report.customers.filter((c) => c.overdue > 0).slice(0, topCustomers);
    if (overdue.length) {
      lines.push("  Most overdue customers:");
      for (const c of overdue) lines.push(`    ${c.customer.padEnd(36).slice(0, 36)}  ${formatMoney(c.overdue, d).padStart(14)} overdue of ${formatMoney(c.total, d)}`);
    }
  }
  const top = result.risk.items.slice(0, 5);
  if (top.length) {
    lines.push("", "Collection worklist (top 5 by risk × overdue):");
    for (const i of top) lines.push(`  ${String(i.rank).padStart(2)}. ${i.customer.padEnd(32).slice(0, 32)} ${String(i.score).padStart(5)} ${i.tier.padEnd(8)} ${i.actionText}: ${i.reasons.join("; ")}`);
  }
  lines.push("", ...issuesDigest(result));
  for (const warning of result.warnings) lines.push(`Warning: ${warning}`);
  if (result.snapshotSaved) lines.push(`Saved this aging to the "AR History" sheet.`);
  lines.push("", `Wrote sheets "${result.sheet}", "${result.detailSheet}", "${result.riskSheet}" and "${result.issuesSheet}" to ${output}`);
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
