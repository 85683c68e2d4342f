import { dayFromIso } from "../../../src/core/parse/dates";
import { dateOrderHint, inferDateOrder, isAmbiguousDateText, parseTextDate } from "../../../src/core/parse/textDates";

const d = (iso: string) => dayFromIso(iso);

describe("parseTextDate", () => {
  it.each([
    ["2026-03-31", "2026-03-31"],
    ["2026/3/31", "2026-03-31"],
    ["2026.03.31", "2026-03-31"],
    ["31/03/2026", "2026-03-31"],
    ["31.03.2026", "2026-03-31"],
    ["31-03-26", "2026-03-31"],
    ["1/2/29", "2029-02-01"],
    ["1/2/30", "1930-02-01"],
    ["01/02/00", "2000-02-01"],
    ["31 Mar 2026", "2026-03-31"],
    ["March 31, 2026", "2026-03-31"],
    ["March 31st, 2026", "2026-03-31"],
    ["Tuesday 31 March 2026", "2026-03-31"],
    ["31. März 2026", "2026-03-31"],
    ["31 de marzo de 2026", "2026-03-31"],
    ["1er avril 2026", "2026-04-01"],
    ["31-mars-26", "2026-03-31"],
    ["15 déc. 2026", "2026-12-15"],
    ["2026 March 31", "2026-03-31"],
    ["2026-03-31T14:30:00Z", "2026-03-31"],
    ["31/03/2026 10:15", "2026-03-31"],
    ["03/31/2026 4:05 PM", null],
    ["  2026-03-31  ", "2026-03-31"],
  ])("%j (d/m/y) → %j", (text, iso) => expect(parseTextDate(text, "dmy")).toBe(iso === null ? null : d(iso)));

  it("reads numeric dates month first when told", () => {
    expect(parseTextDate("03/31/2026", "mdy")).toBe(d("2026-03-31"));
    expect(parseTextDate("03/04/2026", "mdy")).toBe(d("2026-03-04"));
    expect(parseTextDate("03/04/2026", "dmy")).toBe(d("2026-04-03"));
    expect(parseTextDate("03/31/2026 4:05 PM", "mdy")).toBe(d("2026-03-31"));
  });

  it("defaults to day first", () => {
    expect(parseTextDate("03/04/2026")).toBe(d("2026-04-03"));
  });

  it.each(["2026-02-30", "31/04/2026", "29/02/2025", "13/13/2026", "hello", "", "Mar 2026", "31 Foo 2026", "1899-12-31", "31 March", "12345"])("%j is no date", (text) =>
    expect(parseTextDate(text)).toBeNull(),
  );

  it("knows 29 Feb in leap years", () => expect(parseTextDate("29/02/2024")).toBe(d("2024-02-29")));
});

describe("dateOrderHint and isAmbiguousDateText", () => {
  it.each([
    ["31/03/2026", "dmy", false],
    ["03/31/2026", "mdy", false],
    ["03/04/2026", null, true],
    ["04/04/2026", null, false],
    ["2026-03-04", null, false],
    ["31 March 2026", null, false],
    ["13/13/2026", null, false],
    ["03/31/2026 10:00", "mdy", false],
  ])("%j → hint %j, ambiguous %j", (text, hint, ambiguous) => {
    expect(dateOrderHint(text)).toBe(hint);
    expect(isAmbiguousDateText(text)).toBe(ambiguous);
  });
});

describe("inferDateOrder", () => {
  it("decides from the values that can only be read one way", () => {
    expect(inferDateOrder(["03/04/2026", "13/04/2026"])).toBe("dmy");
    expect(inferDateOrder(["03/04/2026", "04/13/2026"])).toBe("mdy");
  });
  it("says ambiguous when nothing decides, conflict when values disagree", () => {
    expect(inferDateOrder(["03/04/2026", "05/06/2026", "2026-01-31"])).toBe("ambiguous");
    expect(inferDateOrder([])).toBe("ambiguous");
    expect(inferDateOrder(["13/04/2026", "04/13/2026"])).toBe("conflict");
  });
});
