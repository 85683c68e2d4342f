import type { Bucket } from "../types";

/** Upper bounds (days past due) of the default overdue buckets: 1–30, 31–60, 61–90, 91–120, 120+. */
export const DEFAULT_BUCKET_BOUNDS = [30, 60, 90, 120] as const;

/**
 * Buckets from upper bounds of days past due: "Current" (not yet due), then one bucket per
 * bound, then one open-ended bucket.
 * @example makeBuckets([30, 60]).map(b => b.label) // ["Current", "1–30", "31–60", "60+"]
 */
export function makeBuckets(bounds: readonly number[] = DEFAULT_BUCKET_BOUNDS): Bucket[] {
  const sorted = [...bounds].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.some((b, i) => !Number.isInteger(b) || b < 1 || b === sorted[i - 1])) {
    throw new RangeError("Bucket bounds must be distinct whole numbers of days, 1 or more.");
  }
  const buckets: Bucket[] = [{ label: "Current", minDays: null, maxDays: 0 }];
  let from = 1;
  for (const bound of sorted) {
    buckets.push({ label: `${from}–${bound}`, minDays: from, maxDays: bound });
    from = bound + 1;
  }
  buckets.push({ label: `${sorted[sorted.length - 1]}+`, minDays: from, maxDays: null });
  return buckets;
}

/**
 * Index of the bucket that holds an item so many days past due (zero or negative: not yet due).
 * @example bucketIndex(45, makeBuckets()) // 2, the "31–60" bucket
 */
export function bucketIndex(daysPastDue: number, buckets: readonly Bucket[]): number {
  for (let i = 0; i < buckets.length; i++) {
    const { minDays, maxDays } = buckets[i];
    if ((minDays === null || daysPastDue >= minDays) && (maxDays === null || daysPastDue <= maxDays)) return i;
  }
  throw new RangeError(`No bucket holds ${daysPastDue} days past due.`);
}
