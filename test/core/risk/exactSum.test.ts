import { ExactSum, exactSum } from "../../../src/core/risk/exactSum";

/** The exact sum of doubles as a fraction over a power of two, for an independent check. */
function exactRational(values: number[]): { numerator: bigint; shift: bigint } {
  // Every finite double is m × 2^e with integer m; 1074 bits below the point hold them all.
  const shift = 1074n;
  let numerator = 0n;
  for (const v of values) {
    if (v === 0) continue;
    let e = 0;
    let m = v;
    while (!Number.isInteger(m)) {
      m *= 2;
      e++;
    }
    numerator += BigInt(m) << (shift - BigInt(e));
  }
  return { numerator, shift };
}

/** The double next to x, below (-1) or above (1). */
function neighbour(x: number, direction: -1 | 1): number {
  if (x === 0) return direction * Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, bits + (x > 0 === direction > 0 ? 1n : -1n));
  return view.getFloat64(0);
}

/** Whether `result` is the double nearest the exact sum (no double lies strictly closer). */
function isNearest(result: number, values: number[]): boolean {
  const { numerator } = exactRational(values);
  const distance = (x: number) => {
    const d = exactRational([x]).numerator - numerator;
    return d < 0n ? -d : d;
  };
  return distance(result) <= distance(neighbour(result, -1)) && distance(result) <= distance(neighbour(result, 1));
}

describe("exactSum", () => {
  it("rounds the true sum once (cases from CPython's math.fsum tests)", () => {
    expect(exactSum(new Array(10).fill(0.1))).toBe(1);
    expect(exactSum([1e100, 1, -1e100, 1e-100, 1e50, -1, -1e50])).toBe(1e-100);
    expect(exactSum([2 ** 53, -0.5, -(2 ** -54)])).toBe(2 ** 53 - 1);
    expect(exactSum([2 ** 53, 1, 2 ** -100])).toBe(2 ** 53 + 2);
    expect(exactSum([2 ** 53 + 10, 1, 2 ** -100])).toBe(2 ** 53 + 12);
    expect(exactSum([2 ** 53 - 4, 0.5, 2 ** -54])).toBe(2 ** 53 - 3);
  });

  it("gives the same double in any order, the one nearest the exact sum", () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => (random() - 0.5) * 10 ** Math.floor(random() * 12 - 4));
      const sum = exactSum(values);
      const shuffled = [...values].sort(() => random() - 0.5);
      expect(Object.is(exactSum(shuffled), sum)).toBe(true);
      expect(isNearest(sum, values)).toBe(true);
    }
  });

  it("adds whole numbers exactly, and never answers -0", () => {
    expect(exactSum([3, -7, 12, 0, -0])).toBe(8);
    expect(Object.is(exactSum([-0, -0]), 0)).toBe(true);
    expect(exactSum([])).toBe(0);
  });

  it("keeps running: reading the total does not end the sum", () => {
    const sum = new ExactSum();
    sum.add(0.1);
    sum.add(0.2);
    expect(sum.total()).toBe(exactSum([0.1, 0.2]));
    sum.add(0.3);
    expect(sum.total()).toBe(exactSum([0.1, 0.2, 0.3]));
  });

  it("passes infinities and NaN through as an ordinary sum would", () => {
    expect(exactSum([1, Infinity])).toBe(Infinity);
    expect(exactSum([Infinity, -Infinity])).toBeNaN();
    expect(exactSum([NaN, 1])).toBeNaN();
  });
});

/** The sum as it was before whole numbers took a fast path: Shewchuk's partials for every term. */
function partialsSum(values: readonly number[]): number {
  const partials: number[] = [];
  let special = 0;
  for (const value of values) {
    if (!Number.isFinite(value)) {
      special += value;
      continue;
    }
    let x = value;
    let kept = 0;
    for (let i = 0; i < partials.length; i++) {
      let y = partials[i];
      if (Math.abs(x) < Math.abs(y)) [x, y] = [y, x];
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) partials[kept++] = lo;
      x = hi;
    }
    partials.length = kept;
    partials.push(x);
  }
  if (special !== 0) return special;
  let n = partials.length;
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
  if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi + 0;
}

describe("exactSum of whole numbers (the fast path)", () => {
  let seed = 987654321;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const TWO_53 = 2 ** 53;
  /** Terms that keep to whole numbers for a while, near 2^53 or not, then sometimes stray. */
  const term = (): number => {
    const kind = random();
    if (kind < 0.4) return Math.floor((random() - 0.5) * 2e6); // cents
    if (kind < 0.6) return pick([TWO_53 - 1, TWO_53 - 2, -(TWO_53 - 1), TWO_53, TWO_53 + 2, -TWO_53, 2 ** 60, -(2 ** 60), 2 ** 52 + 1]);
    if (kind < 0.75) return Math.floor((random() - 0.5) * 2 ** 54);
    if (kind < 0.8) return pick([0, -0, 1, -1]);
    if (kind < 0.9) return (random() - 0.5) * 10 ** Math.floor(random() * 8); // not whole
    if (kind < 0.93) return pick([0.5, -0.5, 2 ** -60, 1e-300, 1.5e300]);
    if (kind < 0.96) return pick([Infinity, -Infinity, NaN]);
    return pick([1e308, -1e308]);
  };

  it("gives the same double as summing every term by the partials, bit for bit", () => {
    for (let trial = 0; trial < 3000; trial++) {
      const wholeOnly = trial % 2 === 0;
      const values = Array.from({ length: Math.floor(random() * 30) }, () => {
        const v = term();
        return wholeOnly && !Number.isInteger(v) ? Math.round(random() * 1000) : v;
      });
      const expected = partialsSum(values);
      const got = exactSum(values);
      if (!Object.is(got, expected)) throw new Error(`exactSum(${JSON.stringify(values)}) = ${got}, partials give ${expected}`);
    }
  });

  it("crosses 2^53 exactly: the sum leaves plain addition as soon as rounding could begin", () => {
    expect(exactSum([TWO_53 - 1, 1, 1])).toBe(partialsSum([TWO_53 - 1, 1, 1]));
    expect(exactSum([TWO_53 - 1, 2, -2])).toBe(TWO_53 - 1);
    expect(exactSum([TWO_53, 1, -1, 1])).toBe(partialsSum([TWO_53, 1, -1, 1]));
    expect(exactSum([-(TWO_53 - 1), -2, 3])).toBe(-(TWO_53 - 1) + 1);
    expect(exactSum([5, 0.25, -5])).toBe(0.25);
  });

  it("merges sums exactly: adding a sum is adding its terms", () => {
    for (let trial = 0; trial < 1000; trial++) {
      const a = Array.from({ length: Math.floor(random() * 12) }, term);
      const b = Array.from({ length: Math.floor(random() * 12) }, term);
      const left = new ExactSum();
      const right = new ExactSum();
      a.forEach((v) => left.add(v));
      b.forEach((v) => right.add(v));
      left.addSum(right);
      expect(Object.is(left.total(), partialsSum([...a, ...b]))).toBe(true);
      expect(Object.is(right.total(), partialsSum(b))).toBe(true);
    }
  });
});
