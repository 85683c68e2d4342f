import { minorDigits, unitsFromMinor } from "../parse/money";
import type { DayNumber } from "../types";
import type { CustomerRisk, PortfolioPrior, RiskScores, RiskWeights } from "./score";

/** The suggested next steps, mildest first. Collection is customer service: start friendly. */
export const ACTIONS = {
  none: "no action needed",
  courtesy: "courtesy reminder before the due date",
  waitForPromise: "wait for the promised payment",
  resolveDispute: "resolve the dispute first",
  friendlyReminder: "send a friendly reminder",
  friendlyCall: "friendly call this week",
  brokenPromiseCall: "call about the broken promise",
  secondReminder: "send a second reminder and call",
  finalNotice: "send final notice",
  holdOrders: "put new orders on hold",
  handOver: "hand over to collections",
} as const;

export type ActionKind = keyof typeof ACTIONS;

/** Days past due beyond which a Critical customer's account goes to collections. */
export const HAND_OVER_DAYS = 90;

/**
 * The next step for a customer, by tier and situation, first rule that applies:
 * nothing overdue → nothing (a courtesy reminder for High and Critical; hold orders when over
 * the limit); everything overdue disputed → resolve the dispute; everything overdue under a
 * promise not yet due → wait; Critical with an item over 90 days → hand over to collections;
 * over the credit limit → hold new orders; a broken promise → call about it (final notice if
 * Critical); otherwise by tier: Low a friendly reminder, Medium a friendly call this week, High
 * a second reminder and a call, Critical a final notice.
 * @example nextAction(risk) // { kind: "friendlyCall", text: "friendly call this week" }
 */
export function nextAction(risk: CustomerRisk): { kind: ActionKind; text: string } {
  const f = risk.features;
  const kind = actionKind(risk);
  const chasing = kind !== "none" && kind !== "resolveDispute" && kind !== "waitForPromise" && kind !== "courtesy";
  const text = ACTIONS[kind] + (chasing && f.disputedCount > 0 ? ` (leave the ${f.disputedCount === 1 ? "disputed invoice" : `${f.disputedCount} disputed invoices`} out)` : "");
  return { kind, text };
}

function actionKind(risk: CustomerRisk): ActionKind {
  const f = risk.features;
  if (f.overdueMinor <= 0) return f.overLimit ? "holdOrders" : risk.tier === "High" || risk.tier === "Critical" ? (f.openMinor > 0 ? "courtesy" : "none") : "none";
  if (f.disputedMinor >= f.overdueMinor) return "resolveDispute";
  if (f.promisedMinor >= f.overdueMinor) return "waitForPromise";
  if (risk.tier === "Critical" && f.oldestOverdueDays > HAND_OVER_DAYS) return "handOver";
  if (f.overLimit) return "holdOrders";
  if (f.brokenPromises > 0) return risk.tier === "Critical" ? "finalNotice" : "brokenPromiseCall";
  switch (risk.tier) {
    case "Critical":
      return "finalNotice";
    case "High":
      return "secondReminder";
    case "Medium":
      return "friendlyCall";
    default:
      return "friendlyReminder";
  }
}

/** A customer on the worklist. */
export interface WorklistItem extends CustomerRisk {
  /** 1 = contact first. */
  rank: number;
  action: ActionKind;
  actionText: string;
  /** Expected value of contacting: score ÷ 100 × overdue amount, in currency units (or the base currency). */
  expectedValue: number;
}

export interface Worklist {
  asOf: DayNumber;
  prior: PortfolioPrior;
  weights: RiskWeights;
  /** Ordered by rank. */
  items: WorklistItem[];
}

export interface WorklistOptions {
  /**
   * Converts an overdue amount to a common currency's units so customers in different
   * currencies rank fairly; return undefined when no rate is known. Without it, amounts are
   * compared in their own currency units.
   */
  toBase?: (minor: number, currency: string) => number | undefined;
}

/**
 * The collection worklist: every scored customer with a next action and a priority rank by the
 * expected value of contacting them, risk (score ÷ 100, a probability proxy) × overdue amount.
 * Ties go to the higher score, then the larger overdue amount, then customer and currency by
 * name, so the order never depends on the row order.
 * @example buildWorklist(scoreCustomers(customerFeatures(records, asOf)), asOf).items[0].actionText
 */
export function buildWorklist(scores: RiskScores, asOf: DayNumber, options: WorklistOptions = {}): Worklist {
  // Sort keys side by side in typed arrays, customers ranked by position, items made once in
  // rank order: the comparison then reads a few arrays, not 20,000 objects spread over memory.
  const risks = scores.customers;
  const expectedValue = new Float64Array(risks.length);
  const exactScore = new Float64Array(risks.length);
  const overdueUnits = new Float64Array(risks.length);
  risks.forEach((risk, i) => {
    const overdue = Math.max(0, risk.features.overdueMinor);
    const units = options.toBase?.(overdue, risk.currency) ?? unitsFromMinor(overdue, minorDigits(risk.currency || undefined));
    expectedValue[i] = (risk.exactScore / 100) * units;
    exactScore[i] = risk.exactScore;
    overdueUnits[i] = units;
  });
  const ranked = risks
    .map((_, i) => i)
    .sort(
      (a, b) =>
        expectedValue[b] - expectedValue[a] ||
        exactScore[b] - exactScore[a] ||
        overdueUnits[b] - overdueUnits[a] ||
        (risks[a].customer < risks[b].customer ? -1 : risks[a].customer > risks[b].customer ? 1 : 0) ||
        (risks[a].currency < risks[b].currency ? -1 : risks[a].currency > risks[b].currency ? 1 : 0),
    );
  return {
    asOf,
    prior: scores.prior,
    weights: scores.weights,
    // Field by field rather than by spreading: every item then has one shape, and spreading
    // each customer's risk was a noticeable part of ranking 20,000 customers.
    items: ranked.map((k, i) => {
      const risk = risks[k];
      const action = nextAction(risk);
      return {
        customer: risk.customer,
        currency: risk.currency,
        score: risk.score,
        exactScore: risk.exactScore,
        tier: risk.tier,
        credibility: risk.credibility,
        contributions: risk.contributions,
        reasons: risk.reasons,
        reasonText: risk.reasonText,
        features: risk.features,
        rank: i + 1,
        action: action.kind,
        actionText: action.text,
        expectedValue: expectedValue[k],
      };
    }),
  };
}
