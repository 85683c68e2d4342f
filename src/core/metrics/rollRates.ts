import type { DayNumber } from "../types";

/** Bucket totals of one aging, as saved in the history table. */
export interface AgingSnapshot {
  asOf: DayNumber;
  currency: string;
  /** Bucket labels, in order. */
  labels: string[];
  /** Minor units per bucket. */
  totals: number[];
}

export interface RollRates {
  /** Share of each bucket that moved on to the next one by the next snapshot (none for the last bucket). */
  rates: (number | null)[];
  /** Loss rates implied by the roll rates: the chance a balance in the bucket rolls all the way to the last one, times the last bucket's own loss rate. */
  suggestedLossRates: (number | null)[];
  /** Consecutive snapshot pairs used. */
  pairs: number;
}

/**
 * Roll rates between consecutive snapshots of the same currency and buckets: for each bucket,
 * the next bucket's balance one snapshot later divided by this bucket's balance, pooled over all
 * pairs (sum over sum, so large months weigh more). Suggested loss rates chain the roll rates
 * down to the last bucket.
 * @example rollRates([jan, feb, mar], 0.8).rates[0] // share of January's Current that was 1–30 in February
 */
export function rollRates(snapshots: readonly AgingSnapshot[], lastBucketLossRate = 0.8): RollRates {
  const ordered = [...snapshots].sort((a, b) => a.asOf - b.asOf);
  const width = ordered[0]?.totals.length ?? 0;
  const moved = new Array<number>(Math.max(width - 1, 0)).fill(0);
  const from = new Array<number>(Math.max(width - 1, 0)).fill(0);
  let pairs = 0;
  for (let k = 1; k < ordered.length; k++) {
    const [before, after] = [ordered[k - 1], ordered[k]];
    if (before.currency !== after.currency || before.labels.join("|") !== after.labels.join("|") || after.asOf === before.asOf) continue;
    pairs++;
    for (let i = 0; i < width - 1; i++) {
      from[i] += Math.max(0, before.totals[i]);
      moved[i] += Math.max(0, after.totals[i + 1]);
    }
  }
  const rates = from.map((f, i) => (pairs && f > 0 ? Math.min(1, moved[i] / f) : null));
  const suggestedLossRates: (number | null)[] = [];
  for (let i = 0; i < width; i++) {
    let chance: number | null = 1;
    for (let j = i; j < width - 1 && chance !== null; j++) chance = rates[j] === null ? null : chance * rates[j]!;
    suggestedLossRates.push(chance === null ? null : Math.round(chance * lastBucketLossRate * 10_000) / 10_000);
  }
  return { rates: rates.map((r) => (r === null ? null : Math.round(r * 10_000) / 10_000)), suggestedLossRates, pairs };
}
