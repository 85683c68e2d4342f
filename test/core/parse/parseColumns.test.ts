import fc from "fast-check";
import { mapColumns, toMapping } from "../../../src/core/columns/mapColumns";
import { dayFromIso } from "../../../src/core/parse/dates";
import { AMBIGUOUS, EXCEL_ERROR, FROM_TEXT, parseColumns, UNREADABLE } from "../../../src/core/parse/parseColumns";
import { columnsFromRows, parseRows, rowAt, type RawCell } from "../../../src/core/parse/parseRows";

const headers = ["Invoice", "Customer", "Invoice Date", "Due Date", "Amount", "Currency", "Disputed"];
const mapping = toMapping(mapColumns(headers));
const d = (iso: string) => dayFromIso(iso)!;

describe("parseColumns", () => {
  it("reads each field into flat arrays: days, minor units, flags, trimmed text; blank rows left out", () => {
    const table = parseColumns(
      [
        ["INV-1", " Acme ", 46082, "31/03/2026", 1234.5, "JPY", "yes"],
        [null, " ", null, null, null, null, null],
        ["INV-2", "Beta", "someday", "#N/A", "12,50", "", null],
      ],
      { mapping, firstDataRow: 5 },
    );
    expect(table.length).toBe(2);
    expect([...table.row]).toEqual([5, 7]);
    expect([...table.index]).toEqual([0, 2]);
    expect(table.text.customer).toEqual(["Acme", "Beta"]);
    expect(table.text.email).toEqual(["", ""]);
    expect([...table.dates.invoiceDate.values]).toEqual([d("2026-03-01"), NaN]);
    expect([...table.dates.invoiceDate.flags]).toEqual([0, UNREADABLE]);
    expect([...table.dates.dueDate.values]).toEqual([d("2026-03-31"), NaN]);
    expect([...table.dates.dueDate.flags]).toEqual([FROM_TEXT, EXCEL_ERROR]);
    // Money in the row currency's minor units: yen have none.
    expect([...table.money.amount.values]).toEqual([1235, 1250]);
    expect([...table.money.amount.flags]).toEqual([0, FROM_TEXT]);
    expect([...table.money.openBalance.values]).toEqual([NaN, NaN]);
    expect([...table.disputed.values]).toEqual([1, 0]);
  });

  it("keeps the rows handed over as the raw cells, copying them only when a blank row is left out", () => {
    const rows: RawCell[][] = [
      ["I1", "A", 46082, 46112, 10, null, null],
      ["I2", "B", 46083, 46113, 20, null, null],
    ];
    expect(parseColumns(rows, { mapping, firstDataRow: 2 }).raw).toBe(rows);
    const withBlank = [rows[0], [null, " ", null, null, null, null, null], rows[1], [null, null, null, null, null, null, null]];
    const table = parseColumns(withBlank, { mapping, firstDataRow: 2 });
    expect(table.raw).toEqual([rows[0], rows[1]]);
    expect(table.raw[1]).toBe(rows[1]);
    expect(withBlank).toHaveLength(4);
    const leading = parseColumns([withBlank[1], rows[0], rows[1]], { mapping, firstDataRow: 2 });
    expect(leading.raw).toEqual([rows[0], rows[1]]);
    expect([...leading.row]).toEqual([3, 4]);
  });

  it("marks numeric text dates that read both ways", () => {
    const table = parseColumns([["I1", "A", "03/04/2026", 46112, 1, null, null]], { mapping, firstDataRow: 2 });
    expect(table.dates.invoiceDate.flags[0]).toBe(FROM_TEXT | AMBIGUOUS);
  });

  // The first text in a date or money column comes after typed cells; a later one decides how
  // all of them read.
  it.each([
    ["25/04/2026", "1,5", "1.234,56", d("2026-04-03")],
    ["04/25/2026", "1.5", "1,234.56", d("2026-03-04")],
  ])("reads text after typed cells by all the column's text (then %s; %s read by %s)", (deciding, early, amount, day) => {
    const table = parseColumns(
      [
        ["I1", "A", 46082, 46112, 10, null, null],
        ["I2", "A", 46083, 46113, 20, null, null],
        ["I3", "A", "03/04/2026", 46114, early, null, null],
        ["I4", "A", deciding, 46115, amount, null, null],
      ],
      { mapping, firstDataRow: 2 },
    );
    expect(table.dates.invoiceDate.values[2]).toBe(day);
    expect(table.money.amount.values[2]).toBe(150);
    expect([...table.money.amount.values.slice(0, 2)]).toEqual([1000, 2000]);
  });

  // Cells of every kind the adapters hand over, including the odd ones.
  const cell = fc.oneof(
    fc.constantFrom<RawCell>(null, undefined, "", "  ", "#N/A", " #REF! ", "yes", "non", "x", "maybe", "46112", "31/03/2026", "03/04/2026", "1.234,50", "(12)", "abc", true, false, new Date(Date.UTC(2026, 2, 31)), new Date(NaN), NaN, 0, -5, 1e300),
    fc.integer({ min: -10, max: 3_000_000 }),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    fc.string({ maxLength: 6 }),
  );
  const rows = fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { maxLength: 12 });

  it("lays rows read one by one out as the same columns", () => {
    fc.assert(
      fc.property(rows, (cells) => {
        const options = { mapping, firstDataRow: 2 };
        const table = parseColumns(cells, options);
        const byRow = parseRows(cells, options);
        if (table.length) expect(rowAt(table, 0, mapping)).toEqual(byRow.rows[0]);
        const again = columnsFromRows(byRow.rows, byRow.reading);
        expect(again.text).toEqual(table.text);
        for (const field of ["invoiceDate", "dueDate"] as const) {
          expect([...again.dates[field].values]).toEqual([...table.dates[field].values]);
          expect([...again.dates[field].flags]).toEqual([...table.dates[field].flags]);
        }
        expect([...again.money.amount.values]).toEqual([...table.money.amount.values]);
        expect([...again.money.amount.flags]).toEqual([...table.money.amount.flags]);
        expect([...again.disputed.values]).toEqual([...table.disputed.values]);
        expect([...again.row]).toEqual([...table.row]);
      }),
      { numRuns: 300 },
    );
  });
});
