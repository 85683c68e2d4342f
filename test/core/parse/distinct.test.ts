import fc from "fast-check";
import { distinctValues, firstOccurrences, hashColumn, hashText } from "../../../src/core/parse/distinct";

describe("distinctValues", () => {
  it("codes each row by its value, values in order of first appearance, with counts", () => {
    const column = ["b", "a", "b", "", "a", "a"];
    const { codes, values, counts } = distinctValues(column);
    expect(values).toEqual(["b", "a", ""]);
    expect([...codes]).toEqual([0, 1, 0, 2, 1, 1]);
    expect([...counts]).toEqual([2, 3, 1]);
  });

  it("gives the same encoding when told the groups the values follow, whether they follow them or not", () => {
    // Cells built afresh, as a workbook's are: equal texts are different strings.
    const fresh = (list: readonly string[]) => list.map((text) => text.split("").join(""));
    const rows = fc.array(fc.tuple(fc.constantFrom("Acme", "Beta", "Coho", ""), fc.constantFrom("a@x.com", "b@x.com", "", "not an address")), { maxLength: 80 });
    fc.assert(
      fc.property(rows, (pairs) => {
        const groups = distinctValues(fresh(pairs.map(([customer]) => customer)));
        const plain = distinctValues(fresh(pairs.map(([, email]) => email)));
        const within = distinctValues(fresh(pairs.map(([, email]) => email)), groups);
        expect({ codes: [...within.codes], values: within.values, counts: [...within.counts] }).toEqual({ codes: [...plain.codes], values: plain.values, counts: [...plain.counts] });
      }),
    );
  });

  it("ignores groups of another length", () => {
    const within = distinctValues(["a", "b", "a"], distinctValues(["x"]));
    expect([...within.codes]).toEqual([0, 1, 0]);
  });

  it("encodes a column once, and a different column afresh", () => {
    const column = ["x", "y"];
    expect(distinctValues(column)).toBe(distinctValues(column));
    expect(distinctValues(["x", "z"]).values).toEqual(["x", "z"]);
  });
});

/** The first row holding each row's value, by a map: what firstOccurrences must agree with. */
function reference(values: readonly string[], key: (v: string) => string): number[] {
  const first = new Map<string, number>();
  return values.map((v, k) => {
    if (v === "") return -1;
    const found = first.get(key(v));
    if (found !== undefined) return found;
    first.set(key(v), k);
    return k;
  });
}

describe("firstOccurrences", () => {
  const texts = fc.array(fc.constantFrom("A1", "a1", "B2", "b2", "C3", "", "A1 ", "d4"), { maxLength: 60 });

  it("finds the first row with the same value, leaving out rows not included", () => {
    fc.assert(
      fc.property(texts, (values) => {
        const { hashes, included } = hashColumn(values, hashText);
        const first = firstOccurrences(hashes, included, (a, b) => values[a] === values[b]);
        expect([...first]).toEqual(reference(values, (v) => v));
      }),
    );
  });

  it("tells values apart when every hash collides, and groups by `same` however it is defined", () => {
    fc.assert(
      fc.property(texts, (values) => {
        const { hashes, included } = hashColumn(values, () => 7);
        const first = firstOccurrences(hashes, included, (a, b) => values[a].toLowerCase() === values[b].toLowerCase());
        expect([...first]).toEqual(reference(values, (v) => v.toLowerCase()));
      }),
    );
  });
});

describe("hashText", () => {
  it("is the same for the same text and differs for nearby texts", () => {
    expect(hashText("INV-100007")).toBe(hashText(["INV", "-100007"].join("")));
    const hashes = new Set(Array.from({ length: 10_000 }, (_, i) => hashText(`INV-${100000 + i}`)));
    expect(hashes.size).toBeGreaterThan(9_990);
  });
});
