import fc from "fast-check";
import {
  dayFromDate,
  dayFromExcelSerial,
  dayFromIso,
  dayFromParts,
  excelSerialFromDay,
  isoFromDay,
  today,
} from "../../../src/core/parse/dates";

// Day numbers worked out by hand (days since 1970-01-01):
//   2026-01-01: 56 years × 365 + 14 leap days (1972…2024) = 20440 + 14 = 20454
//   2026-03-31: 20454 + 31 (Jan) + 28 (Feb) + 30 = 20543
//   2024-01-01: 54 × 365 + 13 leap days (1972…2020) = 19723; 2024-02-29 = 19723 + 31 + 28 = 19782
//   1900-01-01: −(70 × 365 + 17 leap days 1904…1968) = −25567
//   1900-02-28: −25567 + 58 = −25509; 1900-03-01: −25508
//   1904-01-01: −(66 × 365 + 17 leap days 1904…1968) = −24107
//   9999-12-31: Excel's last serial 2958465 minus 25569 (serial of 1970-01-01) = 2932896
const D_2026_01_01 = 20454;
const D_2026_03_31 = 20543;
const D_2024_02_29 = 19782;
const D_1900_01_01 = -25567;
const D_1900_02_28 = -25509;
const D_1900_03_01 = -25508;
const D_1904_01_01 = -24107;
const D_9999_12_31 = 2932896;

describe("dayFromIso", () => {
  it.each([
    ["1970-01-01", 0],
    ["1969-12-31", -1],
    ["2026-01-01", D_2026_01_01],
    ["2026-03-31", D_2026_03_31],
    ["2024-02-29", D_2024_02_29],
    ["1900-03-01", D_1900_03_01],
    ["  2026-01-01  ", D_2026_01_01],
  ])("reads %j as day %d", (text, day) => {
    expect(dayFromIso(text)).toBe(day);
  });

  it.each(["2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00"])(
    "refuses %j, which is no calendar date",
    (text) => {
      expect(dayFromIso(text)).toBeNull();
    },
  );

  it.each(["", "junk", "2026/01/01", "2026-1-1", "01-01-2026", "20260101", "2026-01-01T00:00", "abcd-ef-gh", "2026-01-01x"])(
    "refuses junk %j",
    (text) => {
      expect(dayFromIso(text)).toBeNull();
    },
  );
});

describe("isoFromDay", () => {
  it.each([
    [0, "1970-01-01"],
    [-1, "1969-12-31"],
    [D_2026_01_01, "2026-01-01"],
    [D_2024_02_29, "2024-02-29"],
    [D_1900_01_01, "1900-01-01"],
    [D_9999_12_31, "9999-12-31"],
  ])("writes day %d as %s", (day, iso) => {
    expect(isoFromDay(day)).toBe(iso);
  });

  it("round trips with dayFromIso for every day from 1900 to 9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: D_1900_01_01, max: D_9999_12_31 }), (day) => {
        expect(dayFromIso(isoFromDay(day))).toBe(day);
      }),
    );
  });
});

describe("dayFromParts", () => {
  it("counts from 1970-01-01 in UTC", () => {
    expect(dayFromParts(1970, 1, 1)).toBe(0);
    expect(dayFromParts(2026, 1, 1)).toBe(D_2026_01_01);
    expect(dayFromParts(2026, 3, 31)).toBe(D_2026_03_31);
  });
});

describe("dayFromExcelSerial, 1900 system", () => {
  it.each([
    [1, D_1900_01_01, "1900-01-01"],
    [59, D_1900_02_28, "1900-02-28"],
    [61, D_1900_03_01, "1900-03-01"],
    [25569, 0, "1970-01-01"],
    [46023, D_2026_01_01, "2026-01-01"],
    [2958465, D_9999_12_31, "9999-12-31"],
  ])("serial %d is day %d (%s)", (serial, day) => {
    expect(dayFromExcelSerial(serial)).toBe(day);
  });

  it("has no day for serial 60, Excel's fictitious 29 Feb 1900", () => {
    expect(dayFromExcelSerial(60)).toBeNull();
    expect(dayFromExcelSerial(60.5)).toBeNull();
  });

  it("drops the time of day", () => {
    expect(dayFromExcelSerial(46023.0001)).toBe(D_2026_01_01);
    expect(dayFromExcelSerial(46023.5)).toBe(D_2026_01_01);
    expect(dayFromExcelSerial(46023.99999)).toBe(D_2026_01_01);
    expect(dayFromExcelSerial(59.9)).toBe(D_1900_02_28);
  });

  it.each([-1, -0.5, -46023, 0, 2958466, Number.NaN, Number.POSITIVE_INFINITY])("has no day for serial %d", (serial) => {
    expect(dayFromExcelSerial(serial)).toBeNull();
  });
});

describe("dayFromExcelSerial, 1904 system", () => {
  it("counts serial 0 as 1904-01-01", () => {
    expect(dayFromExcelSerial(0, true)).toBe(D_1904_01_01);
  });

  it("puts 2026-01-01 at serial 44561 (1462 days below the 1900 system)", () => {
    expect(dayFromExcelSerial(44561, true)).toBe(D_2026_01_01);
    expect(dayFromExcelSerial(44561.75, true)).toBe(D_2026_01_01);
  });

  it("has a real day at serial 60 (1904-03-01: 1904 is a leap year)", () => {
    // 1904-01-01 + 60 days = 31 (Jan) + 29 (Feb) → 1904-03-01
    expect(dayFromExcelSerial(60, true)).toBe(D_1904_01_01 + 60);
    expect(isoFromDay(dayFromExcelSerial(60, true)!)).toBe("1904-03-01");
  });

  it("has no day for negative serials", () => {
    expect(dayFromExcelSerial(-1, true)).toBeNull();
  });
});

describe("excelSerialFromDay", () => {
  it.each([
    [D_2026_01_01, 46023],
    [0, 25569],
    [D_1900_03_01, 61],
    [D_1900_02_28, 59],
    [D_1900_01_01, 1],
    [D_9999_12_31, 2958465],
  ])("day %d is serial %d", (day, serial) => {
    expect(excelSerialFromDay(day)).toBe(serial);
  });

  it("writes 1904-system serials when asked", () => {
    expect(excelSerialFromDay(D_1904_01_01, true)).toBe(0);
    expect(excelSerialFromDay(D_2026_01_01, true)).toBe(44561);
  });

  it("round trips every day from 1900-03-01 to 9999-12-31 in the 1900 system", () => {
    fc.assert(
      fc.property(fc.integer({ min: D_1900_03_01, max: D_9999_12_31 }), (day) => {
        const serial = excelSerialFromDay(day);
        // From 1900-03-01 on, the serial is the day plus 25569 (serial of 1970-01-01).
        expect(serial).toBe(day + 25569);
        expect(dayFromExcelSerial(serial)).toBe(day);
      }),
    );
  });

  it("round trips with any time of day added to the serial", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: D_1900_03_01, max: D_9999_12_31 }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (day, fraction) => {
          expect(dayFromExcelSerial(excelSerialFromDay(day) + fraction)).toBe(day);
        },
      ),
    );
  });

  it("round trips every day from 1904-01-01 to 9999-12-31 in the 1904 system", () => {
    fc.assert(
      fc.property(fc.integer({ min: D_1904_01_01, max: D_9999_12_31 }), (day) => {
        expect(dayFromExcelSerial(excelSerialFromDay(day, true), true)).toBe(day);
      }),
    );
  });

  it("round trips the two months before the fictitious leap day", () => {
    for (let day = D_1900_01_01; day <= D_1900_02_28; day++) {
      expect(dayFromExcelSerial(excelSerialFromDay(day))).toBe(day);
    }
  });
});

describe("dayFromDate", () => {
  it("reads the date in UTC", () => {
    expect(dayFromDate(new Date(Date.UTC(2026, 0, 1)))).toBe(D_2026_01_01);
    expect(dayFromDate(new Date("2026-01-01T23:59:59.999Z"))).toBe(D_2026_01_01);
    expect(dayFromDate(new Date("2026-01-01T00:00:00Z"))).toBe(D_2026_01_01);
  });

  it("reads an instant given with an offset as the UTC day it falls on", () => {
    // 2025-12-31 22:00 in New York (−05:00) is 2026-01-01 03:00 UTC.
    expect(dayFromDate(new Date("2025-12-31T22:00:00-05:00"))).toBe(D_2026_01_01);
    // 2026-01-01 08:00 in Tokyo (+09:00) is 2025-12-31 23:00 UTC.
    expect(dayFromDate(new Date("2026-01-01T08:00:00+09:00"))).toBe(D_2026_01_01 - 1);
  });

  it("floors days before 1970", () => {
    expect(dayFromDate(new Date("1969-12-31T12:00:00Z"))).toBe(-1);
  });

  it("has no day for an invalid Date", () => {
    expect(dayFromDate(new Date(Number.NaN))).toBeNull();
    expect(dayFromDate(new Date("not a date"))).toBeNull();
  });
});

describe("today", () => {
  it("takes the local calendar date, even late in the evening", () => {
    expect(today(new Date(2026, 2, 31, 23, 59))).toBe(D_2026_03_31);
    expect(today(new Date(2026, 2, 31, 0, 1))).toBe(D_2026_03_31);
  });
});
