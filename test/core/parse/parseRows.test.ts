import { mapColumns, toMapping } from "../../../src/core/columns/mapColumns";
import { dayFromIso } from "../../../src/core/parse/dates";
import { isBlankRow, parseRows, type RawCell } from "../../../src/core/parse/parseRows";

const headers = ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount", "Currency", "Disputed"];
const mapping = toMapping(mapColumns(headers));
const parse = (rows: RawCell[][], extra: Partial<Parameters<typeof parseRows>[1]> = {}) => parseRows(rows, { mapping, firstDataRow: 2, ...extra });
const d = (iso: string) => dayFromIso(iso)!;

describe("parseRows", () => {
  it("reads typed cells: serials, Dates, numbers, flags, and numbers worksheet rows", () => {
    const { rows } = parse([["INV-1", " Acme ", 46082, new Date(Date.UTC(2026, 2, 31)), 1234.5, "usd", "yes"]], { firstDataRow: 7 });
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row.row).toBe(7);
    expect(row.index).toBe(0);
    expect(row.text.customer).toBe("Acme");
    expect(row.text.currency).toBe("usd");
    expect(row.dates.invoiceDate).toEqual({ raw: 46082, value: d("2026-03-01") });
    expect(row.dates.dueDate.value).toBe(d("2026-03-31"));
    expect(row.money.amount).toEqual({ raw: 1234.5, value: 123450 });
    expect(row.disputed.value).toBe(true);
    expect(row.dates.paidDate).toEqual({ raw: null, value: null });
  });

  it("skips blank rows but keeps worksheet row numbers", () => {
    const { rows } = parse([["I1", "A", null, 46112, 1, null, null], [null, "  ", "", null, null, null, null], ["I3", "A", null, 46112, 1, null, null]]);
    expect(rows.map((r) => [r.index, r.row])).toEqual([[0, 2], [2, 4]]);
    expect(isBlankRow([null, "", " "])).toBe(true);
    expect(isBlankRow([null, 0])).toBe(false);
  });

  it("marks text cells fromText and unreadable or error cells with their problem", () => {
    const { rows } = parse([["I1", "A", "2026-03-01", "someday", "#N/A", null, "maybe"], ["I2", "A", "#REF!", "46112", "1,234.50", null, "#N/A"]]);
    expect(rows[0].dates.invoiceDate).toEqual({ raw: "2026-03-01", value: d("2026-03-01"), fromText: true });
    expect(rows[0].dates.dueDate).toEqual({ raw: "someday", value: null, problem: "unreadable" });
    expect(rows[0].money.amount).toEqual({ raw: "#N/A", value: null, problem: "excel-error" });
    expect(rows[0].disputed.problem).toBe("unreadable");
    expect(rows[1].dates.invoiceDate.problem).toBe("excel-error");
    expect(rows[1].dates.dueDate).toEqual({ raw: "46112", value: d("2026-03-31"), fromText: true });
    expect(rows[1].money.amount).toEqual({ raw: "1,234.50", value: 123450, fromText: true });
    expect(rows[1].disputed.problem).toBe("excel-error");
  });

  it("decides the day/month order per column from its unambiguous values", () => {
    const us = parse([["I1", "A", "03/04/2026", "04/13/2026", 1, null, null], ["I2", "A", "03/31/2026", "05/06/2026", 1, null, null]]);
    expect(us.reading.dateOrder).toEqual({ invoiceDate: "mdy", dueDate: "mdy" });
    expect(us.rows[0].dates.invoiceDate).toEqual({ raw: "03/04/2026", value: d("2026-03-04"), fromText: true, ambiguous: true });
    expect(us.rows[1].dates.dueDate.value).toBe(d("2026-05-06"));
    const eu = parse([["I1", "A", "03/04/2026", "13/04/2026", 1, null, null]]);
    expect(eu.reading.dateOrder.invoiceDate).toBe("ambiguous");
    expect(eu.rows[0].dates.invoiceDate.value).toBe(d("2026-04-03"));
    expect(eu.rows[0].dates.dueDate.value).toBe(d("2026-04-13"));
  });

  it("uses the default order when a column cannot decide, and reports conflicts", () => {
    const amb = parse([["I1", "A", "03/04/2026", 46112, 1, null, null]], { defaultDateOrder: "mdy" });
    expect(amb.rows[0].dates.invoiceDate.value).toBe(d("2026-03-04"));
    const conflict = parse([["I1", "A", "13/04/2026", 46112, 1, null, null], ["I2", "A", "04/13/2026", 46112, 1, null, null]]);
    expect(conflict.reading.dateOrder.invoiceDate).toBe("conflict");
    expect(conflict.rows[0].dates.invoiceDate.value).toBe(d("2026-04-13"));
    expect(conflict.rows[1].dates.invoiceDate.problem).toBe("unreadable");
  });

  it("decides the decimal style per column", () => {
    const { rows, reading } = parse([["I1", "A", null, 46112, "1.234", null, null], ["I2", "A", null, 46112, "12,50", null, null]]);
    expect(reading.decimalStyle.amount).toBe("comma");
    expect(rows.map((r) => r.money.amount.value)).toEqual([123400, 1250]);
    const plain = parse([["I1", "A", null, 46112, 5, null, null]]);
    expect(plain.reading.decimalStyle.amount).toBe("dot");
  });

  it("reads the 1904 date system", () => {
    const { rows } = parse([["I1", "A", 0, 44561, 1, null, null]], { date1904: true });
    expect(rows[0].dates.invoiceDate.value).toBe(d("1904-01-01"));
    expect(rows[0].dates.dueDate.value).toBe(d("2026-01-01"));
  });

  it("counts money in the row currency's minor units", () => {
    const { rows } = parse([["I1", "A", null, 46112, 1234, "JPY", null], ["I2", "A", null, 46112, "1.5", "KWD", null], ["I3", "A", null, 46112, 1.5, "EUR", null]]);
    expect(rows.map((r) => r.money.amount.value)).toEqual([1234, 1500, 150]);
  });

  it("reads dispute flags in four languages", () => {
    const flags: RawCell[] = [true, false, "Oui", "non", "Ja", "nein", "Sí", "x", "", null, "-", "Litige"];
    const { rows } = parse(flags.map((f, i) => [`I${i}`, "A", null, 46112, 1, null, f]));
    expect(rows.map((r) => r.disputed.value)).toEqual([true, false, true, false, true, false, true, true, false, false, false, true]);
  });

  it("never throws on odd cells and reads none as a value", () => {
    const odd: RawCell[] = [NaN, Infinity, -Infinity, 1e300, true, new Date(NaN), "\u0000", "x".repeat(10_000), undefined];
    const { rows } = parse(odd.map((v) => ["I", "A", v, v, v, v, v]));
    expect(rows.length).toBe(odd.length);
    expect(rows[5].text.currency).toBe("Invalid Date");
    for (const row of rows) {
      expect(row.money.amount.value === null || Number.isSafeInteger(row.money.amount.value)).toBe(true);
      expect(row.dates.dueDate.value === null || Number.isInteger(row.dates.dueDate.value)).toBe(true);
    }
  });
});
