import type { AgingReport } from "../aging/ageInvoices";

/** Loss rates of the provision matrix for the six default buckets (DESIGN.md). */
export const DEFAULT_LOSS_RATES = [0.01, 0.03, 0.08, 0.2, 0.4, 0.8];

/**
 * Loss rates for a number of buckets: the given ones, else the defaults; extra buckets take the
 * last rate, so a custom bucket list always has a rate for each bucket.
 */
export function lossRatesFor(bucketCount: number, rates: readonly number[] = DEFAULT_LOSS_RATES): number[] {
  return Array.from({ length: bucketCount }, (_, i) => rates[Math.min(i, rates.length - 1)] ?? 0);
}

export interface Allowance {
  rates: number[];
  /** Allowance per bucket, in minor units. */
  byBucket: number[];
  byCustomer: { customer: string; allowance: number }[];
  total: number;
}

/**
 * Allowance for doubtful accounts by provision matrix: each customer's balance in a bucket
 * times the bucket's loss rate, rounded to the minor unit there, so that the allowance per
 * bucket, per customer and in total all add up exactly. A customer's credit in a bucket lowers
 * that bucket's allowance for the customer, never below zero.
 * @example allowanceFor(report, [0.01, 0.03, 0.08, 0.2, 0.4, 0.8]).total
 */
export function allowanceFor(report: AgingReport, rates: readonly number[] = DEFAULT_LOSS_RATES): Allowance {
  const used = lossRatesFor(report.buckets.length, rates);
  const byBucket = new Array<number>(used.length).fill(0);
  const byCustomer = report.customers.map((c) => {
    let allowance = 0;
    c.buckets.forEach((amount, i) => {
      const provision = Math.max(0, Math.round(amount * used[i]));
      byBucket[i] += provision;
      allowance += provision;
    });
    return { customer: c.customer, allowance };
  });
  return { rates: used, byBucket, byCustomer, total: byBucket.reduce((s, v) => s + v, 0) };
}
