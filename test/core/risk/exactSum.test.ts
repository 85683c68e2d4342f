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
