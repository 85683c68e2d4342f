import type { PlanTable } from "../../src/workbook/sheetPlan";
import { withUserColumns } from "../../src/workbook/userColumns";

const table: PlanTable = {
  name: "ARAging",
  at: "A1",
  headers: ["Customer", "Total"],
  rows: [
    ["Beta", 20],
    ["Acme", 10],
  ],
  columnFormats: [null, "0.00"],
  totals: ["label", "sum"],
  style: "TableStyleMedium2",
};
const byCustomer = (row: readonly unknown[]) => String(row[0]);

describe("columns a user added beside a generated table", () => {
  it("stay with the same customer whatever the new order, and rows that drop out are archived", () => {
    const previous = {
      headers: ["Customer", "Total", "Notes", "Next call"],
      rows: [
        ["Acme", 5, "called Monday", 46100],
        ["Gone Ltd", 7, "promised Friday", null],
        ["Beta", 3, null, null],
      ],
    };
    const { table: merged, archived } = withUserColumns(table, previous, byCustomer);
    expect(merged.headers).toEqual(["Customer", "Total", "Notes", "Next call"]);
    expect(merged.rows).toEqual([
      ["Beta", 20, null, null],
      ["Acme", 10, "called Monday", 46100],
    ]);
    expect(merged.columnFormats).toEqual([null, "0.00", null, null]);
    expect(merged.totals).toEqual(["label", "sum", "none", "none"]);
    expect(archived).toEqual([{ table: "ARAging", key: "Gone Ltd", values: [{ column: "Notes", value: "promised Friday" }] }]);
  });

  it("changes nothing when the user added no column, or on the first refresh", () => {
    expect(withUserColumns(table, null, byCustomer)).toEqual({ table, archived: [] });
    expect(withUserColumns(table, { headers: ["customer", "TOTAL"], rows: [["Acme", 1]] }, byCustomer)).toEqual({ table, archived: [] });
  });
});
