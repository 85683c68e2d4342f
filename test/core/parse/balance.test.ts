import { isCreditType, openBalanceOf, statusMeaning } from "../../../src/core/parse/balance";
import { loadInvoices } from "../../../src/workbook/loadInvoices";
import { fixture, serial, day } from "../../support/validationFixture";

const headers = ["Invoice", "Customer", "Due Date", "Amount", "Open Balance", "Paid Amount", "Paid Date"];
const rowOf = (amount: unknown, open: unknown, paid: unknown, paidDate: unknown) =>
  fixture(headers, [["I1", "Acme", serial("2026-03-31"), amount, open, paid, paidDate] as never]).rows[0];

describe("openBalanceOf", () => {
  it("prefers the open balance column", () => expect(openBalanceOf(rowOf(100, 30, 50, null))).toBe(3000));
  it("else amount less paid", () => expect(openBalanceOf(rowOf(100, null, 40, null))).toBe(6000));
  it("else nothing when a paid date says it was settled", () => expect(openBalanceOf(rowOf(100, null, null, serial("2026-04-10")))).toBe(0));
  it("else the whole amount", () => expect(openBalanceOf(rowOf(100, null, null, null))).toBe(10000));
  it("is null when the amount is unknown", () => expect(openBalanceOf(rowOf("??", null, null, null))).toBeNull());
});

/** Open minor units of the one row as loadInvoices ages it on a day (the path every action takes). */
const openOnDay = (amount: unknown, open: unknown, paid: unknown, paidDate: unknown, asOf: number) =>
  loadInvoices(
    {
      name: "T",
      sheet: "S",
      headers,
      headerAddress: "A1",
      rowCount: 1,
      rows: [["I1", "Acme", serial("2026-03-31"), amount, open, paid, paidDate] as never],
      firstDataRow: 2,
      firstColumn: 1,
      date1904: false,
    },
    { asOf },
  ).records[0].openMinor;

describe("the balance on the as-of date", () => {
  it("ignores a payment dated after the as-of date", () => {
    expect(openOnDay(100, null, null, serial("2026-04-10"), day("2026-03-31"))).toBe(10000);
    expect(openOnDay(100, null, null, serial("2026-04-10"), day("2026-04-10"))).toBe(0);
    expect(openOnDay(100, null, null, serial("2026-04-10"), day("2026-04-30"))).toBe(0);
  });
  it("keeps a partial balance when paid before the as-of date", () => {
    expect(openOnDay(100, 25, 75, serial("2026-03-01"), day("2026-03-31"))).toBe(2500);
  });
  it("is the full amount when a later payment settled it (balance column says 0)", () => {
    expect(openOnDay(100, 0, 100, serial("2026-05-01"), day("2026-03-31"))).toBe(10000);
  });
});

describe("statusMeaning", () => {
  it.each([
    ["Paid", "paid"], ["CLOSED", "paid"], ["Payé", "paid"], ["bezahlt", "paid"], ["Pagado", "paid"],
    ["Open", "open"], ["overdue", "open"], ["Impayé", "open"], ["überfällig", "open"], ["Pendiente", "open"],
    ["Disputed", null], ["", null], ["  ", null],
  ])("%j → %j", (status, meaning) => expect(statusMeaning(status)).toBe(meaning));
});

describe("isCreditType", () => {
  it.each(["Credit note", "CN", "avoir", "Gutschrift", "Nota de crédito", "abono", " Credit Memo "])("%j is a credit", (t) => expect(isCreditType(t)).toBe(true));
  it.each(["Invoice", "", "Facture", "credit card"])("%j is not", (t) => expect(isCreditType(t)).toBe(false));
});
