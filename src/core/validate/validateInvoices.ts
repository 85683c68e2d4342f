import type { ParsedColumns } from "../parse/parseColumns";
import { columnsFromRows, type ParsedRow } from "../parse/parseRows";
import { amountNotNumber } from "./rules/amountNotNumber";
import { amountOutlier } from "./rules/amountOutlier";
import { ambiguousDateFormat } from "./rules/ambiguousDateFormat";
import { currencyInvalid } from "./rules/currencyInvalid";
import { currencyMissing } from "./rules/currencyMissing";
import { customerNameVariants } from "./rules/customerNameVariants";
import { customerSeveralCurrencies } from "./rules/customerSeveralCurrencies";
import { dueBeforeInvoice } from "./rules/dueBeforeInvoice";
import { duplicateInvoice } from "./rules/duplicateInvoice";
import { excelErrorValue } from "./rules/excelErrorValue";
import { formulaLikeText } from "./rules/formulaLikeText";
import { invalidEmail } from "./rules/invalidEmail";
import { invoiceAfterAsOf } from "./rules/invoiceAfterAsOf";
import { missingInvoiceDate } from "./rules/missingInvoiceDate";
import { missingRequiredField } from "./rules/missingRequiredField";
import { nearDuplicateInvoice } from "./rules/nearDuplicateInvoice";
import { negativeNotCredit } from "./rules/negativeNotCredit";
import { numberAsText } from "./rules/numberAsText";
import { paidBeforeInvoice } from "./rules/paidBeforeInvoice";
import { paidExceedsAmount } from "./rules/paidExceedsAmount";
import { statusBalanceMismatch } from "./rules/statusBalanceMismatch";
import { termsMismatch } from "./rules/termsMismatch";
import { unparseableDate } from "./rules/unparseableDate";
import { zeroAmount } from "./rules/zeroAmount";
import type { Issue, Rule, Severity, ValidationContext } from "./types";

/** Every rule, in the order their findings are listed. */
export const RULES: readonly Rule[] = [
  missingRequiredField,
  duplicateInvoice,
  nearDuplicateInvoice,
  excelErrorValue,
  amountNotNumber,
  unparseableDate,
  ambiguousDateFormat,
  currencyMissing,
  currencyInvalid,
  customerSeveralCurrencies,
  dueBeforeInvoice,
  missingInvoiceDate,
  invoiceAfterAsOf,
  negativeNotCredit,
  zeroAmount,
  paidExceedsAmount,
  paidBeforeInvoice,
  statusBalanceMismatch,
  termsMismatch,
  invalidEmail,
  customerNameVariants,
  amountOutlier,
  numberAsText,
  formulaLikeText,
];

/** Points a row loses per finding, at most one row's worth in all. */
const PENALTY: Record<Severity, number> = { error: 1, warning: 0.25, info: 0.05 };

export interface QualityScore {
  /** 0–100: 100 when no row has a finding; every row with an error costs a full row. */
  score: number;
  rows: number;
  /** Points lost per rule, largest first, for the breakdown. */
  breakdown: { rule: string; title: string; findings: number; points: number }[];
}

export interface ValidationResult {
  issues: Issue[];
  quality: QualityScore;
  /** Worksheet rows with at least one error: left out of the aging, and counted. */
  excludedRows: Set<number>;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Runs every rule over the parsed rows. Findings come sorted by severity, then row; rows with an
 * error are listed for exclusion; the quality score says how much of the table is clean.
 */
export function validateInvoices(rows: readonly ParsedRow[], context: ValidationContext): ValidationResult {
  return validateColumns(columnsFromRows(rows, context.reading), context);
}

/** `validateInvoices` over a table read by columns, as the engine reads every table. */
export function validateColumns(table: ParsedColumns, context: ValidationContext): ValidationResult {
  const issues: Issue[] = [];
  for (const rule of RULES) for (const issue of rule.checkColumns(table, context)) issues.push(issue);
  issues.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.row - b.row || a.cell.localeCompare(b.cell));
  const excludedRows = new Set<number>();
  for (const issue of issues) if (issue.severity === "error" && issue.row > context.headerRow) excludedRows.add(issue.row);
  // Conflicting date formats concern the whole column: they exclude no row on their own.
  for (const issue of issues) if (issue.rule === ambiguousDateFormat.id) excludedRows.delete(issue.row);
  return { issues, quality: qualityScore(table.length, issues), excludedRows };
}

/** The data-quality score and its breakdown by rule. */
export function qualityScore(rowCount: number, issues: readonly Issue[]): QualityScore {
  const lostByRow = new Map<number, number>();
  const byRule = new Map<string, { findings: number; points: number }>();
  for (const issue of issues) {
    const before = lostByRow.get(issue.row) ?? 0;
    const after = Math.min(1, before + PENALTY[issue.severity]);
    lostByRow.set(issue.row, after);
    const entry = byRule.get(issue.rule) ?? { findings: 0, points: 0 };
    entry.findings += 1;
    entry.points += rowCount ? ((after - before) / rowCount) * 100 : 0;
    byRule.set(issue.rule, entry);
  }
  const lost = [...lostByRow.values()].reduce((sum, v) => sum + v, 0);
  const titles = new Map(RULES.map((r) => [r.id, r.title]));
  return {
    score: rowCount ? Math.max(0, Math.round((1 - lost / rowCount) * 1000) / 10) : 100,
    rows: rowCount,
    breakdown: [...byRule.entries()]
      .map(([rule, e]) => ({ rule, title: titles.get(rule) ?? rule, findings: e.findings, points: Math.round(e.points * 10) / 10 }))
      .sort((a, b) => b.points - a.points || b.findings - a.findings),
  };
}
