import { decimalStyleHint, inferDecimalStyle, isExcelError, parseAmountText } from "../../../src/core/parse/amounts";

describe("parseAmountText", () => {
  it.each([
    ["1234.56", undefined, 123456, undefined],
    ["1,234.56", undefined, 123456, undefined],
    ["$1,234.56", undefined, 123456, undefined],
    ["US$ 1,234.56", undefined, 123456, "USD"],
    ["1.234,56 €", undefined, 123456, "EUR"],
    ["€1.234,56", undefined, 123456, "EUR"],
    ["1 234,56", undefined, 123456, undefined],
    ["1\u00a0234,56 EUR", undefined, 123456, "EUR"],
    ["1'234.50 CHF", undefined, 123450, "CHF"],
    ["GBP 99", undefined, 9900, "GBP"],
    ["£5", undefined, 500, "GBP"],
    ["(1.234,50 €)", "comma", -123450, "EUR"],
    ["(200.00)", undefined, -20000, undefined],
    ["200-", undefined, -20000, undefined],
    ["-200", undefined, -20000, undefined],
    ["$-12", undefined, -1200, undefined],
    ["75.00 CR", undefined, -7500, undefined],
    ["75.00 DR", undefined, 7500, undefined],
    ["1,234", "dot", 123400, undefined],
    ["1,234", "comma", 123, undefined],
    ["1.234", "comma", 123400, undefined],
    ["0.005", undefined, 1, undefined],
    ["-0", undefined, 0, undefined],
  ])("%j (style %j) → %j %j", (text, style, minor, currency) => {
    const parsed = parseAmountText(text, style ? { style: style as "dot" | "comma" } : {});
    expect(parsed).toEqual({ minor, ...(currency ? { currency } : {}) });
  });

  it("uses the currency's minor digits", () => {
    expect(parseAmountText("¥1,234", { digits: 0 })).toEqual({ minor: 1234, currency: "JPY" });
    expect(parseAmountText("1.5", { digits: 3 })).toEqual({ minor: 1500 });
  });

  it.each(["", "   ", "abc", "1,23,4", "12 apples", "1.2.3,4,5", "$ € 5", "EUR 5 USD", "1e5", "N/A"])("%j is not an amount", (text) =>
    expect(parseAmountText(text)).toBeNull(),
  );
});

describe("decimalStyleHint and inferDecimalStyle", () => {
  it.each([
    ["1.234,56", "comma"],
    ["1,234.56", "dot"],
    ["12,5", "comma"],
    ["12.5", "dot"],
    ["1,234", null],
    ["1.234", null],
    ["1.234.567", "comma"],
    ["1,234,567", "dot"],
    ["100", null],
  ])("%j → %j", (text, style) => expect(decimalStyleHint(text)).toBe(style));

  it("takes the majority, dot when nothing decides", () => {
    expect(inferDecimalStyle(["1.234,56", "12,5", "7.5"])).toBe("comma");
    expect(inferDecimalStyle(["1,234", "100"])).toBe("dot");
    expect(inferDecimalStyle([])).toBe("dot");
  });
});

describe("isExcelError", () => {
  it.each(["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", " #n/a "])("%j is an error", (v) => expect(isExcelError(v)).toBe(true));
  it.each(["#REF", "N/A", "#1001", "", 5, null, true])("%j is not", (v) => expect(isExcelError(v)).toBe(false));
});
