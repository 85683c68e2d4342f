import fc from "fast-check";
import { minorDigits, minorFromNumber, unitsFromMinor } from "../../../src/core/parse/money";

describe("minorDigits", () => {
  it.each([
    ["JPY", 0],
    ["jpy", 0],
    ["KRW", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["USD", 2],
    ["EUR", 2],
    ["XYZ", 2],
    ["", 2],
  ])("%s has %d decimals", (currency, digits) => {
    expect(minorDigits(currency)).toBe(digits);
  });

  it("defaults to 2 without a currency", () => {
    expect(minorDigits()).toBe(2);
    expect(minorDigits(undefined)).toBe(2);
  });
});

describe("minorFromNumber", () => {
  it("rounds the way Excel shows the number, not the binary double", () => {
    // 1.005 is stored as 1.00499999999999989…; Excel shows 1.01.
    expect(minorFromNumber(1.005)).toBe(101);
    // 2.675 is stored as 2.67499999999999982…; Excel shows 2.68.
    expect(minorFromNumber(2.675)).toBe(268);
    expect(minorFromNumber(1234.565)).toBe(123457);
  });

  it("rounds half a cent away from zero", () => {
    expect(minorFromNumber(0.005)).toBe(1);
    expect(minorFromNumber(-0.005)).toBe(-1);
    expect(minorFromNumber(-1.005)).toBe(-101);
    expect(minorFromNumber(-0.015)).toBe(-2);
    expect(minorFromNumber(0.0049)).toBe(0);
  });

  it("never gives negative zero", () => {
    expect(Object.is(minorFromNumber(-0.004), 0)).toBe(true);
    expect(Object.is(minorFromNumber(-0), 0)).toBe(true);
  });

  it("absorbs binary noise such as 0.1 + 0.2", () => {
    expect(minorFromNumber(0.1 + 0.2)).toBe(30);
    expect(minorFromNumber(1.1 * 3)).toBe(330);
  });

  it("counts whole numbers and ordinary amounts exactly", () => {
    expect(minorFromNumber(0)).toBe(0);
    expect(minorFromNumber(12)).toBe(1200);
    expect(minorFromNumber(-7.5)).toBe(-750);
    expect(minorFromNumber(99.99)).toBe(9999);
    expect(minorFromNumber(1e-9)).toBe(0);
  });

  it("uses the currency's digits", () => {
    expect(minorFromNumber(1234.5, 0)).toBe(1235);
    expect(minorFromNumber(-1234.5, 0)).toBe(-1235);
    expect(minorFromNumber(1234.4, 0)).toBe(1234);
    expect(minorFromNumber(1.2345, 3)).toBe(1235);
    expect(minorFromNumber(12, 3)).toBe(12000);
  });

  it("refuses amounts too large to count exactly", () => {
    // 1e14 units × 100 = 1e16 cents, above 2^53 − 1 ≈ 9.007e15.
    expect(minorFromNumber(1e14)).toBeNull();
    expect(minorFromNumber(-1e14)).toBeNull();
    expect(minorFromNumber(1e300)).toBeNull();
    // 9e13 units × 100 = 9e15 cents, still exact.
    expect(minorFromNumber(9e13)).toBe(9e15);
  });

  it("refuses values that are not finite", () => {
    expect(minorFromNumber(Number.NaN)).toBeNull();
    expect(minorFromNumber(Number.POSITIVE_INFINITY)).toBeNull();
    expect(minorFromNumber(Number.NEGATIVE_INFINITY)).toBeNull();
  });

  it("gives back the same cents for any amount written with two decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        // cents / 100 is the double nearest the decimal amount, as a cell would hold it.
        expect(minorFromNumber(cents / 100)).toBe(cents);
      }),
    );
  });

  it("is symmetric around zero", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (value) => {
        expect(minorFromNumber(-value)).toBe(-minorFromNumber(value)! + 0);
      }),
    );
  });
});

describe("unitsFromMinor", () => {
  it("turns minor units back into currency units", () => {
    expect(unitsFromMinor(123457)).toBe(1234.57);
    expect(unitsFromMinor(-1)).toBe(-0.01);
    expect(unitsFromMinor(0)).toBe(0);
    expect(unitsFromMinor(1235, 0)).toBe(1235);
    expect(unitsFromMinor(1001, 3)).toBe(1.001);
  });

  it("round trips with minorFromNumber", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(0, 2, 3), (minor, digits) => {
        expect(minorFromNumber(unitsFromMinor(minor, digits), digits)).toBe(minor);
      }),
    );
  });
});
