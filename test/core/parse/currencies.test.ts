import { isIsoCurrency } from "../../../src/core/parse/currencies";

describe("isIsoCurrency", () => {
  it.each(["EUR", "USD", "GBP", "JPY", "CHF", "KWD", "XOF"])("%j is ISO 4217", (c) => expect(isIsoCurrency(c)).toBe(true));
  it.each(["eur", "EURO", "XYZ", "", "$", "US"])("%j is not", (c) => expect(isIsoCurrency(c)).toBe(false));
});
