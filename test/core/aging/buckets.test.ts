import { bucketIndex, DEFAULT_BUCKET_BOUNDS, makeBuckets } from "../../../src/core/aging/buckets";

describe("makeBuckets", () => {
  it("has the default labels, with en dashes", () => {
    expect(makeBuckets().map((b) => b.label)).toEqual(["Current", "1\u201330", "31\u201360", "61\u201390", "91\u2013120", "120+"]);
    expect(DEFAULT_BUCKET_BOUNDS).toEqual([30, 60, 90, 120]);
  });

  it("has inclusive day ranges that meet without gaps", () => {
    expect(makeBuckets()).toEqual([
      { label: "Current", minDays: null, maxDays: 0 },
      { label: "1–30", minDays: 1, maxDays: 30 },
      { label: "31–60", minDays: 31, maxDays: 60 },
      { label: "61–90", minDays: 61, maxDays: 90 },
      { label: "91–120", minDays: 91, maxDays: 120 },
      { label: "120+", minDays: 121, maxDays: null },
    ]);
  });

  it("makes buckets from custom bounds, in any order", () => {
    const bounds = [60, 30];
    expect(makeBuckets(bounds)).toEqual([
      { label: "Current", minDays: null, maxDays: 0 },
      { label: "1–30", minDays: 1, maxDays: 30 },
      { label: "31–60", minDays: 31, maxDays: 60 },
      { label: "60+", minDays: 61, maxDays: null },
    ]);
    expect(bounds).toEqual([60, 30]); // the caller's array is left as it was
  });

  it("makes a single overdue split", () => {
    expect(makeBuckets([7]).map((b) => [b.label, b.minDays, b.maxDays])).toEqual([
      ["Current", null, 0],
      ["1–7", 1, 7],
      ["7+", 8, null],
    ]);
  });

  it("accepts a first bound of 1", () => {
    expect(makeBuckets([1, 2]).map((b) => b.label)).toEqual(["Current", "1–1", "2–2", "2+"]);
  });

  it.each([[[]], [[0]], [[-1, 30]], [[30, 30]], [[15.5]], [[Number.NaN]], [[Number.POSITIVE_INFINITY]]])(
    "refuses bounds %j",
    (bounds) => {
      expect(() => makeBuckets(bounds)).toThrow(RangeError);
    },
  );
});

describe("bucketIndex", () => {
  const buckets = makeBuckets();

  it.each([
    [-5, 0],
    [0, 0],
    [1, 1],
    [30, 1],
    [31, 2],
    [60, 2],
    [61, 3],
    [90, 3],
    [91, 4],
    [120, 4],
    [121, 5],
    [10000, 5],
  ])("puts %d days past due in bucket %d", (days, index) => {
    expect(bucketIndex(days, buckets)).toBe(index);
  });

  it("uses custom buckets", () => {
    const custom = makeBuckets([7, 14]);
    expect(bucketIndex(7, custom)).toBe(1);
    expect(bucketIndex(8, custom)).toBe(2);
    expect(bucketIndex(14, custom)).toBe(2);
    expect(bucketIndex(15, custom)).toBe(3);
  });

  it("throws when no bucket holds the days", () => {
    expect(() => bucketIndex(5, [{ label: "10+", minDays: 10, maxDays: null }])).toThrow(RangeError);
  });
});
