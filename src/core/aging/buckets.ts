import type { AgingBasis, Bucket } from "../types";

/** Upper bounds (days past due) of the default overdue buckets: 1–30, 31–60, 61–90, 91–120, 120+. */
export const DEFAULT_BUCKET_BOUNDS = [30, 60, 90, 120] as const;

/**
 * Buckets from upper bounds of days. On the due-date basis: "Current" (not yet due), then one
 * bucket per bound, then one open-ended bucket. On the invoice-date basis there is no "Current":
 * the first bucket runs from the invoice date (day 0) to the first bound.
 * @example makeBuckets([30, 60]).map(b => b.label) // ["Current", "1–30", "31–60", "60+"]
 * @example makeBuckets([30, 60], "invoice").map(b => b.label) // ["0–30", "31–60", "60+"]
 */
export function makeBuckets(bounds: readonly number[] = DEFAULT_BUCKET_BOUNDS, basis: AgingBasis = "due"): Bucket[] {
  const sorted = [...bounds].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.some((b, i) => !Number.isInteger(b) || b < 1 || b === sorted[i - 1])) {
    throw new RangeError("Bucket bounds must be distinct whole numbers of days, 1 or more.");
  }
  const buckets: Bucket[] = [];
  let from = 1;
  if (basis === "due") buckets.push({ label: "Current", minDays: null, maxDays: 0 });
  else {
    buckets.push({ label: `0–${sorted[0]}`, minDays: null, maxDays: sorted[0] });
    from = sorted[0] + 1;
  }
  for (const bound of basis === "due" ? sorted : sorted.slice(1)) {
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

/**
 * Bucket bounds from the text users type ("30,60,90,120"), checked: whole days, increasing.
 * Returns null when the text is not such a list.
 * @example parseBucketBounds("30, 60,90") // [30, 60, 90]
 */
export function parseBucketBounds(text: string): number[] | null {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 20) return null;
  const bounds = parts.map(Number);
  if (bounds.some((b, i) => !Number.isInteger(b) || b < 1 || (i > 0 && b <= bounds[i - 1]))) return null;
  return bounds;
}
