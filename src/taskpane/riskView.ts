/**
 * What the Risk view shows of the collection worklist, as plain data: pure (no React, no
 * Office.js), tested in test/taskpane/riskView.test.ts.
 */
import { isoFromDay } from "../core/parse/dates";
import { minorDigits } from "../core/parse/money";
import type { RiskTier } from "../core/risk/score";
import type { Worklist } from "../core/risk/worklist";
import { riskRowRange } from "../workbook/plans/riskPlan";
import { formatMinor, plural } from "./summary";

/** Customers the view lists; the rest are on the risk sheet. */
export const RISK_SHOWN = 25;

/** A Fluent Badge colour per tier, mildest to worst, so the theme (and high contrast) decides the actual colours. */
export const TIER_COLOURS: Readonly<Record<RiskTier, "success" | "warning" | "severe" | "danger">> = {
  Low: "success",
  Medium: "warning",
  High: "severe",
  Critical: "danger",
};

export interface RiskRow {
  rank: number;
  customer: string;
  currency: string;
  /** "71.4" */
  score: string;
  tier: RiskTier;
  /** "5,000.99 USD", or without a code when the ledger has no currency column. */
  overdue: string;
  /** Up to three reasons in plain words, biggest first. */
  reasons: string[];
  /** The suggested next step, capitalised. */
  action: string;
  /** The customer's row on the risk sheet, for selecting it. */
  range: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The top of the worklist as rows to show, and how many more customers the sheet has.
 * @example riskRows(result.risk).rows[0] // { rank: 1, customer: "Cobalt Ltd", tier: "Critical", … }
 */
export function riskRows(worklist: Worklist, shown = RISK_SHOWN): { rows: RiskRow[]; more: number } {
  const rows = worklist.items.slice(0, shown).map((item): RiskRow => ({
    rank: item.rank,
    customer: item.customer,
    currency: item.currency,
    score: item.score.toFixed(1),
    tier: item.tier,
    overdue: `${formatMinor(Math.max(0, item.features.overdueMinor), minorDigits(item.currency || undefined))}${item.currency ? ` ${item.currency}` : ""}`,
    reasons: (item.reasons.length ? item.reasons : [item.reasonText]).map(capitalise),
    action: capitalise(item.actionText),
    range: riskRowRange(item.rank),
  }));
  return { rows, more: Math.max(0, worklist.items.length - rows.length) };
}

/**
 * The line above the list.
 * @example riskIntro(result.risk, "AR Risk") // '3 customers ranked by risk × overdue amount as of 2026-03-31. Every score is explained on the "AR Risk" sheet.'
 */
export function riskIntro(worklist: Worklist, sheet: string): string {
  return `${plural(worklist.items.length, "customer")} ranked by risk × overdue amount as of ${isoFromDay(worklist.asOf)}. Every score is explained on the "${sheet}" sheet.`;
}

/** What a screen reader hears for a customer's button. */
export function riskRowLabel(row: RiskRow, sheet: string): string {
  return `${row.rank}. ${row.customer}${row.currency ? ` (${row.currency})` : ""}: ${row.tier} risk, score ${row.score}, ${row.overdue} overdue. Select its row on ${sheet}.`;
}
