import { ExactSum, exactSum } from "./exactSum";
import { HistoryTotals, type CustomerFeatures } from "./features";

/**
 * The risk score: how likely a customer is to pay late from here on, 0–100, higher = riskier.
 *
 *   score = 100 × Σ weight(f) × sub(f) / Σ weight(f)
 *
 * Each factor f is turned into a sub-score between 0 and 1 (see `fillSubScores` and README.md);
 * the payment-history factors are shrunk towards the portfolio's own base rate by credibility
 * n / (n + CREDIBILITY_K), so a customer with no history sits at the prior, not at zero.
 */

/** The factors of the score, in the order they are listed and break ties between reasons. */
export const RISK_FACTORS = [
  "lateShare",
  "daysLate",
  "recentLateness",
  "overdueShare",
  "overdueDays",
  "brokenPromises",
  "disputes",
  "creditUse",
  "concentration",
] as const;

export type RiskFactor = (typeof RISK_FACTORS)[number];

/** Relative weight of each factor; any non-negative finite numbers, normalised to sum to 1. */
export type RiskWeights = Record<RiskFactor, number>;

/**
 * Default weights: 50% on the payment history (how often, how late, how late lately), 32% on
 * the current position (share overdue, age of the oldest overdue item), 10% on broken promises,
 * 8% on disputes and credit use. Concentration measures exposure, not the likelihood of paying
 * late, so it is shown but weighs nothing by default (the worklist weighs exposure by amount).
 */
export const DEFAULT_WEIGHTS: Readonly<RiskWeights> = Object.freeze({
  lateShare: 0.25,
  daysLate: 0.15,
  recentLateness: 0.1,
  overdueShare: 0.17,
  overdueDays: 0.15,
  brokenPromises: 0.1,
  disputes: 0.03,
  creditUse: 0.05,
  concentration: 0,
});

/** Display names of the factors. */
export const FACTOR_LABELS: Readonly<Record<RiskFactor, string>> = {
  lateShare: "Invoices paid late",
  daysLate: "Average days late",
  recentLateness: "Recent payments (trend)",
  overdueShare: "Share overdue",
  overdueDays: "Oldest overdue item",
  brokenPromises: "Broken promises",
  disputes: "Disputes",
  creditUse: "Credit limit use",
  concentration: "Share of AR",
};

/** Pseudo-invoices of portfolio history every customer starts with: credibility = n / (n + k). */
export const CREDIBILITY_K = 3;
/** Days late at which the days-late sub-scores reach one half: sub = d / (d + 20). */
export const DAYS_LATE_HALF = 20;
/** Days past due of the oldest overdue item at which that sub-score reaches one half. */
export const DAYS_PAST_DUE_HALF = 30;
/** Credit use below this share of the limit adds nothing; the sub-score reaches 1 at CREDIT_USE_FULL. */
export const CREDIT_USE_START = 0.75;
export const CREDIT_USE_FULL = 1.25;
/** Base rates assumed when the whole ledger has no payment history at all. */
export const FALLBACK_PRIOR = Object.freeze({ lateShare: 0.5, daysLate: 10 });

/** Tier thresholds on the 0–100 score: Low below 25, Medium below 50, High below 75, else Critical. */
export const TIER_THRESHOLDS = Object.freeze({ medium: 25, high: 50, critical: 75 });
export const RISK_TIERS = ["Low", "Medium", "High", "Critical"] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/**
 * The tier of a score.
 * @example riskTier(24.9) // "Low"; riskTier(25) // "Medium"; riskTier(75) // "Critical"
 */
export function riskTier(score: number): RiskTier {
  if (score >= TIER_THRESHOLDS.critical) return "Critical";
  if (score >= TIER_THRESHOLDS.high) return "High";
  if (score >= TIER_THRESHOLDS.medium) return "Medium";
  return "Low";
}

/**
 * Weights checked and scaled to sum to 1. Missing factors take their default; a negative,
 * infinite or non-numeric weight, or weights that are all zero, throw a RangeError that says
 * which factor is wrong.
 * @example normaliseWeights({ concentration: 0.1 }).concentration // 0.1 / 1.1
 */
export function normaliseWeights(weights: Partial<RiskWeights> = {}): RiskWeights {
  const merged = { ...DEFAULT_WEIGHTS } as RiskWeights;
  for (const factor of RISK_FACTORS) {
    const value = weights[factor];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new RangeError(`Risk weight for "${FACTOR_LABELS[factor]}" must be a number 0 or above; it is ${String(value)}.`);
    }
    merged[factor] = value;
  }
  const total = exactSum(RISK_FACTORS.map((f) => merged[f]));
  if (!(total > 0)) throw new RangeError("At least one risk weight must be above 0.");
  for (const factor of RISK_FACTORS) merged[factor] /= total;
  return merged;
}

/** The portfolio's own base rates: what a customer with no history is assumed to do. */
export interface PortfolioPrior {
  /** Recency-weighted share of invoices late (paid late, or open and late already). */
  lateShare: number;
  /** Recency-weighted average days late of settled invoices. */
  daysLate: number;
  /** Invoices behind these rates (0 means FALLBACK_PRIOR was used). */
  observations: number;
  /** The score of a customer with no history and nothing past due, under the weights used. */
  score: number;
}

/**
 * Each customer's evidence about lateness: the recency-weighted count of late invoices and of
 * all invoices. Settled invoices count by recency; open items already late count in full: they
 * are late now.
 */
class Evidence {
  readonly totals: HistoryTotals;
  readonly late: Float64Array;
  readonly count: Float64Array;

  constructor(features: readonly CustomerFeatures[]) {
    this.totals = new HistoryTotals(features);
    this.late = new Float64Array(features.length);
    this.count = new Float64Array(features.length);
    for (let i = 0; i < features.length; i++) {
      this.late[i] = this.totals.lateWeights(i, features[i].openLateCount);
      this.count[i] = this.totals.weights(i, features[i].openLateCount);
    }
  }
}

/**
 * The portfolio's base rates from every customer's history (pooled, recency-weighted), with
 * the prior score they give under the weights.
 * @example portfolioPrior(features).lateShare // 0.4
 */
export function portfolioPrior(features: readonly CustomerFeatures[], weights: Partial<RiskWeights> = DEFAULT_WEIGHTS): PortfolioPrior {
  return priorWith(features, normaliseWeights(weights));
}

function priorWith(features: readonly CustomerFeatures[], w: RiskWeights, evidence = new Evidence(features)): PortfolioPrior {
  const lateCount = exactSum(evidence.count);
  let observations = 0;
  for (let i = 0; i < features.length; i++) observations += evidence.totals.count(i) + features[i].openLateCount;
  const weightSum = evidence.totals.allWeights();
  const lateShare = lateCount > 0 ? exactSum(evidence.late) / lateCount : FALLBACK_PRIOR.lateShare;
  const daysLate = weightSum > 0 ? evidence.totals.allWeightedDaysLate() / weightSum : FALLBACK_PRIOR.daysLate;
  const contributions = new Contributions(w);
  RISK_FACTORS.forEach((factor, k) => (contributions.subs[k] = factor === "lateShare" ? lateShare : factor === "daysLate" || factor === "recentLateness" ? saturate(daysLate, DAYS_LATE_HALF) : 0));
  return { lateShare, daysLate, observations, score: contributions.scoreOf(contributions.ranked()) };
}

/**
 * x / (x + half) for positive x, else 0: rises from 0, is one half at `half` and approaches 1,
 * so a very large figure cannot swamp the others.
 * @example saturate(20, 20) // 0.5
 */
export function saturate(x: number, half: number): number {
  return x > 0 ? x / (x + half) : 0;
}

/** A factor's part in a customer's score. */
export interface RiskContribution {
  factor: RiskFactor;
  label: string;
  /** The factor's sub-score, 0–1. */
  subScore: number;
  /** Its normalised weight. */
  weight: number;
  /** Points of the 0–100 score it adds: 100 × weight × sub-score. */
  points: number;
}

/**
 * Writes a customer's sub-scores into `subs` in the order of RISK_FACTORS (by position, as
 * scoring every customer reads them). The history factors are credibility-weighted estimates.
 */
function fillSubScores(f: CustomerFeatures, prior: PortfolioPrior, late: number, count: number, history: HistoryTotals, i: number, subs: Float64Array): void {
  const k = CREDIBILITY_K;
  // Credibility-weighted means; with no evidence at all, exactly the prior.
  const lateShare = count > 0 ? (late + k * prior.lateShare) / (count + k) : prior.lateShare;
  const weightSum = history.weights(i);
  const daysLate = weightSum > 0 ? (history.weightedDaysLate(i) + k * prior.daysLate) / (weightSum + k) : prior.daysLate;
  const recentCount = history.count(i) - Math.floor(history.count(i) / 2);
  const recentDaysLate = recentCount > 0 ? (history.recentDaysLate(i) + k * prior.daysLate) / (recentCount + k) : prior.daysLate;
  subs[0] = lateShare;
  subs[1] = saturate(daysLate, DAYS_LATE_HALF);
  subs[2] = saturate(recentDaysLate, DAYS_LATE_HALF);
  subs[3] = f.overdueShare;
  subs[4] = saturate(f.oldestOverdueDays, DAYS_PAST_DUE_HALF);
  subs[5] = 1 - 0.5 ** f.brokenPromises;
  subs[6] = 1 - 0.5 ** f.disputedCount;
  subs[7] = f.creditLimitMinor === 0 ? (f.overLimit ? 1 : 0) : clamp01(((f.creditUse ?? 0) - CREDIT_USE_START) / (CREDIT_USE_FULL - CREDIT_USE_START));
  subs[8] = f.arShare;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Turns sub-scores into contributions, one customer after another, with the same scratch space
 * (sub-scores, points, an order, a sum) rather than new ones per customer: the weights and
 * labels of the factors are looked up once, by position.
 */
class Contributions {
  readonly subs = new Float64Array(RISK_FACTORS.length);
  private readonly points = new Float64Array(RISK_FACTORS.length);
  private readonly order = RISK_FACTORS.map((_, k) => k);
  private readonly weights: number[];
  private readonly labels: string[];
  private readonly sum = new ExactSum();

  constructor(w: RiskWeights) {
    this.weights = RISK_FACTORS.map((factor) => w[factor]);
    this.labels = RISK_FACTORS.map((factor) => FACTOR_LABELS[factor]);
  }

  /** Every factor's part for the sub-scores in `subs`, largest first (ties in factor order). */
  ranked(): RiskContribution[] {
    const { subs, points, weights } = this;
    let finite = true;
    for (let k = 0; k < subs.length; k++) {
      points[k] = 100 * weights[k] * subs[k];
      finite &&= Number.isFinite(points[k]);
    }
    let order = this.order;
    if (finite) {
      // Finite points are a total order with the factor as tie-break: an insertion sort gives
      // what any sort gives, without the array sort's allocations.
      for (let k = 0; k < order.length; k++) order[k] = k;
      for (let k = 1; k < order.length; k++) {
        const at = order[k];
        let j = k;
        while (j > 0 && points[order[j - 1]] < points[at]) {
          order[j] = order[j - 1];
          j--;
        }
        order[j] = at;
      }
    } else order = RISK_FACTORS.map((_, k) => k).sort((a, b) => points[b] - points[a] || a - b);
    return order.map((k) => ({ factor: RISK_FACTORS[k], label: this.labels[k], subScore: subs[k], weight: weights[k], points: points[k] }));
  }

  /** The score of the contributions: their points summed exactly, within 0–100. */
  scoreOf(contributions: readonly RiskContribution[]): number {
    this.sum.reset();
    for (const c of contributions) this.sum.add(c.points);
    return Math.min(100, Math.max(0, this.sum.total()));
  }
}

/** One customer's score with everything needed to explain it. */
export interface CustomerRisk {
  customer: string;
  currency: string;
  /** 0–100, higher = riskier, rounded to 0.1 (the tier is read from this). */
  score: number;
  /** The unrounded score. */
  exactScore: number;
  tier: RiskTier;
  /** Credibility of the customer's own history, 0–1: n / (n + CREDIBILITY_K). */
  credibility: number;
  /** Every factor's part, largest first. */
  contributions: RiskContribution[];
  /** Up to three reasons in plain words, largest contribution first. */
  reasons: string[];
  /** The reasons joined with "; ". */
  reasonText: string;
  features: CustomerFeatures;
}

export interface RiskScores {
  prior: PortfolioPrior;
  weights: RiskWeights;
  /** In the order of the features (customer, then currency). */
  customers: CustomerRisk[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const days = (d: number) => `${Math.round(Math.abs(d))} day${Math.round(Math.abs(d)) === 1 ? "" : "s"}`;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A factor's reason in plain words, from the customer's features. */
export function reasonText(factor: RiskFactor, f: CustomerFeatures, prior: PortfolioPrior): string {
  const noHistory = f.settledCount === 0;
  switch (factor) {
    case "lateShare": {
      const observed = f.settledCount + f.openLateCount;
      if (observed === 0) return `no payment history yet (portfolio: ${pct(prior.lateShare)} of invoices late)`;
      const late = f.paidLateCount + f.openLateCount;
      return `${late} of ${observed} invoices late` + (f.openLateCount ? ` (${f.openLateCount} still open)` : "");
    }
    case "daysLate":
      if (noHistory) return `no payment history yet (portfolio pays ${days(prior.daysLate)} ${prior.daysLate < 0 ? "early" : "late"} on average)`;
      return (f.avgDaysLate ?? 0) > 0 ? `pays ${days(f.avgDaysLate ?? 0)} late on average` : `pays on time on average, but only ${plural(f.settledCount, "invoice", "invoices")} to go by`;
    case "recentLateness": {
      if (noHistory || f.recentAvgDaysLate === null) return "no recent payments to go by";
      const recent = `recent invoices paid ${days(f.recentAvgDaysLate)} ${f.recentAvgDaysLate < 0 ? "early" : "late"}`;
      if (f.trendDays === null || Math.round(f.trendDays) === 0) return recent;
      return `${recent} (${days(f.trendDays)} ${f.trendDays > 0 ? "later" : "sooner"} than before)`;
    }
    case "overdueShare":
      return `${pct(f.overdueShare)} overdue`;
    case "overdueDays":
      return `oldest overdue item ${days(f.oldestOverdueDays)} past due` + (f.over90Share > 0 ? ` (${pct(f.over90Share)} over 90 days)` : "");
    case "brokenPromises":
      return plural(f.brokenPromises, "broken promise", "broken promises");
    case "disputes":
      return `${plural(f.disputedCount, "disputed invoice", "disputed invoices")} (${pct(f.disputedShare)} of the balance)`;
    case "creditUse":
      return f.creditLimitMinor === 0 ? "owes money with no credit allowed" : `at ${pct(f.creditUse ?? 0)} of the credit limit`;
    case "concentration":
      return `${pct(f.arShare)} of all receivables`;
  }
}

/**
 * Scores every customer 0–100 (higher = more likely to pay late), with tier, each factor's
 * contribution and the top three reasons. Deterministic: the same ledger in any row order gives
 * the same scores. Weights are normalised (see `normaliseWeights`).
 * @example scoreCustomers(customerFeatures(records, asOf)).customers[0].reasonText
 *   // "62% overdue; pays 18 days late on average; 2 broken promises"
 */
export function scoreCustomers(features: readonly CustomerFeatures[], weights: Partial<RiskWeights> = DEFAULT_WEIGHTS): RiskScores {
  const w = normaliseWeights(weights);
  // Each customer's evidence serves the prior and its own score: weighed once.
  const evidence = new Evidence(features);
  const prior = priorWith(features, w, evidence);
  const parts = new Contributions(w);
  const customers = features.map((f, i): CustomerRisk => {
    const count = evidence.count[i];
    fillSubScores(f, prior, evidence.late[i], count, evidence.totals, i, parts.subs);
    const credibility = count / (count + CREDIBILITY_K);
    const contributions = parts.ranked();
    const exactScore = parts.scoreOf(contributions);
    const score = Math.round(exactScore * 10) / 10;
    // The top three contributions of half a point or more, each reason once.
    const unique: string[] = [];
    for (let k = 0, given = 0; k < contributions.length && given < 3; k++) {
      if (!(contributions[k].points >= 0.5)) continue;
      given++;
      const reason = reasonText(contributions[k].factor, f, prior);
      if (!unique.includes(reason)) unique.push(reason);
    }
    return {
      customer: f.customer,
      currency: f.currency,
      score,
      exactScore,
      tier: riskTier(score),
      credibility,
      contributions,
      reasons: unique,
      reasonText: unique.length ? unique.join("; ") : "nothing overdue and pays on time",
      features: f,
    };
  });
  return { prior, weights: w, customers };
}
