/**
 * A running sum of floating-point numbers that is exact until it is read, then rounded once:
 * the result is the true sum of the terms rounded to the nearest double, so it does not depend
 * on the order the terms came in (the same ledger in any row order scores bit for bit the same)
 * and nothing needs sorting. Shewchuk's partials, as in Python's `math.fsum`, once a term is not
 * a whole number or the sum leaves the range where whole numbers add exactly. A running total
 * beyond the largest double (near 1.8e308) gives NaN where Python raises an error: money in minor
 * units and the weights summed here come nowhere near it.
 * @example const s = new ExactSum(); for (let i = 0; i < 10; i++) s.add(0.1); s.total() // 1
 */
export class ExactSum {
  /**
   * The running total while every term has been a whole number and it has stayed below 2^53:
   * such sums are exact in plain doubles, and money in minor units almost always is one.
   */
  private whole = 0;
  /** True while `whole` holds the running total; then `partials` do. */
  private wholeOnly = true;
  /** Non-overlapping partial sums, smallest magnitude first; their exact sum is the running total. */
  private partials: number[] | undefined;
  /** Partials in use: the array is reused rather than cut, which costs more than the sum. */
  private count = 0;
  /** Infinities and NaN, which have no exact sum: added the ordinary way. */
  private special = 0;

  add(value: number): void {
    if (this.wholeOnly) {
      // Whole terms and a sum below 2^53 in size: exact. Rounding never takes an exact sum of
      // 2^53 or more below 2^53, so a sum that passes the test was not rounded.
      const sum = this.whole + value;
      if (Number.isInteger(value) && sum < TWO_53 && sum > -TWO_53) {
        this.whole = sum;
        return;
      }
      this.wholeOnly = false;
      this.partials ??= [];
      this.count = 0;
      if (this.whole !== 0) this.partials[this.count++] = this.whole;
    }
    if (!Number.isFinite(value)) {
      this.special += value;
      return;
    }
    const partials = this.partials!;
    let x = value;
    let kept = 0;
    for (let i = 0; i < this.count; i++) {
      let y = partials[i];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    if (kept < partials.length) partials[kept] = x;
    else partials.push(x);
    this.count = kept + 1;
  }

  /** The sum so far, correctly rounded. */
  total(): number {
    if (this.wholeOnly) return this.whole; // never -0: it starts at +0, and x + -x is +0
    if (this.special !== 0) return this.special;
    const partials = this.partials!;
    let n = this.count;
    if (n === 0) return 0;
    let hi = partials[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = partials[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // Round half to even across the partials left: when the rest lies on the same side as the
    // half-way error, the sum is not a tie and rounds away.
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi + 0; // never -0
  }

  /** Appends numbers whose exact sum is the running total (infinities and NaN as one term). */
  partsInto(out: number[]): void {
    if (this.wholeOnly) {
      if (this.whole !== 0) out.push(this.whole);
      return;
    }
    const partials = this.partials!;
    for (let i = 0; i < this.count; i++) out.push(partials[i]);
    if (this.special !== 0) out.push(this.special);
  }

  /** Back to an empty sum, to be used again (its storage kept). */
  reset(): void {
    this.whole = 0;
    this.wholeOnly = true;
    this.count = 0;
    this.special = 0;
  }

  /** Adds every term of another sum, exactly: the same as adding its terms one by one. */
  addSum(other: ExactSum): void {
    if (other.wholeOnly) {
      this.add(other.whole);
      return;
    }
    const partials = other.partials!;
    for (let i = 0; i < other.count; i++) this.add(partials[i]);
    if (other.special !== 0) this.add(other.special);
  }
}

const TWO_53 = 2 ** 53;

/**
 * The correctly rounded sum of the values, whatever their order.
 * @example exactSum([0.1, 0.2, 0.3]) === exactSum([0.3, 0.2, 0.1]) // true
 */
export function exactSum(values: ArrayLike<number>): number {
  const sum = new ExactSum();
  for (let i = 0; i < values.length; i++) sum.add(values[i]);
  return sum.total();
}
