import { excelSerialFromDay } from "../../core/parse/dates";
import { minorDigits, unitsFromMinor } from "../../core/parse/money";
import { GRACE_DAYS, RECENCY_HALF_LIFE_DAYS } from "../../core/risk/features";
import { CREDIBILITY_K, FACTOR_LABELS, RISK_FACTORS, TIER_THRESHOLDS } from "../../core/risk/score";
import type { Worklist } from "../../core/risk/worklist";
import { columnLetters, DATE_FORMAT, moneyFormat, type DateSystem, type PlanBlock, type PlanCell, type SheetPlan } from "../sheetPlan";

export const RISK_SHEET = "AR Risk";
export const RISK_TABLE = "ARRisk";
const PERCENT = "0%";
const ONE_DECIMAL = "0.0";
const WHOLE = "0";

export interface RiskSheetContext extends DateSystem {
  /** When the sheet was made, as text. */
  generatedAt: string;
  /** Where the invoices came from, when known. */
  source?: { table: string; sheet: string };
}

/** The columns of the risk table, in order, with their number formats ("money" per currency). */
export const RISK_COLUMNS = [
  ["Rank", WHOLE],
  ["Customer", null],
  ["Currency", null],
  ["Score", ONE_DECIMAL],
  ["Tier", null],
  ["Reasons", null],
  ["Next action", null],
  ["Open", "money"],
  ["Overdue", "money"],
  ["Overdue %", PERCENT],
  ["Avg days past due", WHOLE],
  ["Oldest overdue (days)", WHOLE],
  ["Over 90 days %", PERCENT],
  ["Invoices paid", WHOLE],
  ["Avg days late", ONE_DECIMAL],
  ["Paid late %", PERCENT],
  ["Trend (days)", ONE_DECIMAL],
  ["Broken promises", WHOLE],
  ["Disputes", WHOLE],
  ["Disputed", "money"],
  ["Credit use %", PERCENT],
  ["Share of AR", PERCENT],
] as const;

/** Row of the factor weights' header; the worklist table starts three rows below the weights. */
const WEIGHTS_ROW = 11;
/** Worksheet row of the worklist table's header row. */
const TABLE_HEADER_ROW = WEIGHTS_ROW + RISK_FACTORS.length + 3;

/**
 * The cells of a worklist customer's row on the risk sheet, by its rank (rows are in rank order),
 * for the pane to select it.
 * @example riskRowRange(1) // "A24:V24"
 */
export function riskRowRange(rank: number): string {
  const row = TABLE_HEADER_ROW + rank;
  return `A${row}:${columnLetters(RISK_COLUMNS.length)}${row}`;
}

/**
 * The "AR Risk" sheet: as-of, the portfolio prior, how the score is made and its weights, then
 * the worklist as a table ranked by the expected value of contacting (score ÷ 100 × overdue),
 * one row per customer and currency with score, tier, reasons, next action and the features
 * behind them, amounts in currency units. The score column carries a colour scale.
 * @example planRiskSheet(assessRisk(records, asOf), { generatedAt: "2026-03-31 09:00" }).tables[0].name // "ARRisk"
 */
export function planRiskSheet(worklist: Worklist, context: RiskSheetContext): SheetPlan {
  const { prior, weights } = worklist;
  const t = TIER_THRESHOLDS;
  const notes: PlanCell[][] = [
    [
      `Score 0–100, higher = more likely to pay late: 100 × Σ weight × sub-score, each factor mapped to 0–1. ` +
        `History (invoices paid more than ${GRACE_DAYS} days late or late and still open; days late; recent half) is weighted by recency (half-life ${RECENCY_HALF_LIFE_DAYS} days) ` +
        `and shrunk towards the portfolio by n ÷ (n + ${CREDIBILITY_K}), so little history means close to the prior.`,
    ],
    [`Tiers: Low below ${t.medium}, Medium ${t.medium}–${t.high}, High ${t.high}–${t.critical}, Critical ${t.critical} and above.`],
    ["Rank: expected value of contacting = score ÷ 100 × overdue amount, largest first. Disputed invoices are never chased."],
  ];
  const weightRows: PlanCell[][] = RISK_FACTORS.map((f) => [FACTOR_LABELS[f], weights[f]]);
  const weightsRow = WEIGHTS_ROW;
  const tableRow = TABLE_HEADER_ROW;
  const digits = Math.max(2, ...worklist.items.map((i) => minorDigits(i.currency || undefined)));
  const allDigits = new Set(worklist.items.map((i) => minorDigits(i.currency || undefined)));
  const money = allDigits.size === 1 ? moneyFormat([...allDigits][0]) : moneyFormat(digits);

  const rows: PlanCell[][] = worklist.items.map((item) => {
    const f = item.features;
    const d = minorDigits(item.currency || undefined);
    return [
      item.rank,
      item.customer,
      item.currency,
      item.score,
      item.tier,
      item.reasonText,
      item.actionText,
      unitsFromMinor(f.openMinor, d),
      unitsFromMinor(f.overdueMinor, d),
      f.overdueShare,
      Math.round(f.avgDaysPastDue),
      f.oldestOverdueDays,
      f.over90Share,
      f.settledCount,
      f.avgDaysLate === null ? null : Math.round(f.avgDaysLate * 10) / 10,
      f.paidLateShare,
      f.trendDays === null ? null : Math.round(f.trendDays * 10) / 10,
      f.brokenPromises,
      f.disputedCount,
      unitsFromMinor(f.disputedMinor, d),
      f.creditUse,
      f.arShare,
    ];
  });
  const headers = RISK_COLUMNS.map(([h]) => h);
  const blocks: PlanBlock[] = [
    { at: "A1", values: [["AR Risk"]], style: "title" },
    { at: "A2", values: [["As of"], ["Generated"], ["Source"], ["Prior"]], style: "label" },
    { at: "B2", values: [[excelSerialFromDay(worklist.asOf, context.date1904)]], numberFormat: DATE_FORMAT },
    {
      at: "B3",
      values: [
        [context.generatedAt],
        [context.source ? `Table ${context.source.table} on sheet ${context.source.sheet}` : "Invoice table"],
        [
          prior.observations > 0
            ? `Portfolio: ${Math.round(prior.lateShare * 100)}% of invoices late, ${Math.round(prior.daysLate)} days late on average (${prior.observations} invoices); a customer with no history scores ${Math.round(prior.score * 10) / 10}`
            : `No payment history in the ledger: assumed ${Math.round(prior.lateShare * 100)}% late, ${Math.round(prior.daysLate)} days; a customer with no history scores ${Math.round(prior.score * 10) / 10}`,
        ],
      ],
    },
    { at: "A7", values: [["How the score works"]], style: "subtitle" },
    { at: "A8", values: notes, style: "note" },
    { at: `A${weightsRow}`, values: [["Factor", "Weight"]], style: "label" },
    { at: `A${weightsRow + 1}`, values: weightRows, numberFormat: PERCENT },
    { at: `A${tableRow - 1}`, values: [["Worklist, ranked by risk × overdue amount"]], style: "subtitle" },
  ];
  return {
    name: RISK_SHEET,
    kind: "risk",
    blocks,
    tables: [
      {
        name: RISK_TABLE,
        at: `A${tableRow}`,
        headers,
        rows,
        columnFormats: RISK_COLUMNS.map(([, format]) => (format === "money" ? money : format)),
        style: "TableStyleMedium2",
        colourScaleColumns: [headers.indexOf("Score")],
        valueFills: [{ column: headers.indexOf("Tier"), fills: { Low: "good", Medium: "neutral", High: "warning", Critical: "bad" } }],
      },
    ],
    columnWidths: [8, 30, 9, 8, 10, 60, 36, 14, 14, 10, 10, 10, 10, 10, 10, 10, 10, 10, 9, 14, 10, 10],
  };
}
