import { unparseableDate } from "../../../../src/core/validate/rules/unparseableDate";
import { BASIC, clean, run, serial, where } from "../../../support/validationFixture";

describe("unparseableDate", () => {
  it("flags an unreadable due date as an error at its cell", () => {
    const issues = run(unparseableDate, BASIC, [clean("INV-1"), ["INV-2", "Acme", serial("2026-03-01"), "next Tuesday", 100]]);
    expect(where(issues)).toEqual([{ rule: "unparseable-date", severity: "error", cell: "D3", row: 3, column: "Due Date", value: "next Tuesday" }]);
    expect(issues[0].message).toContain("cannot be aged");
  });

  it("flags other unreadable dates as warnings (invalid calendar days too)", () => {
    const headers = [...BASIC, "Paid Date"];
    const issues = run(unparseableDate, headers, [["INV-1", "Acme", "2026-02-30", serial("2026-03-31"), 100, "soon"]]);
    expect(where(issues).map((i) => [i.cell, i.severity, i.value])).toEqual([
      ["C2", "warning", "2026-02-30"],
      ["F2", "warning", "soon"],
    ]);
  });

  it("flags impossible serials (negative, Excel's fictitious 29 Feb 1900)", () => {
    const issues = run(unparseableDate, BASIC, [["INV-1", "Acme", -5, 60, 100]]);
    expect(issues.map((i) => [i.cell, i.severity, i.value])).toEqual([["C2", "warning", "-5"], ["D2", "error", "60"]]);
  });

  // An invalid Date object is reported as unreadable, not thrown on.
  it("flags an invalid Date object without throwing", () => {
    const issues = run(unparseableDate, BASIC, [["INV-1", "Acme", serial("2026-03-01"), new Date(NaN), 100]]);
    expect(issues.map((i) => [i.cell, i.severity])).toEqual([["D2", "error"]]);
  });

  it("is silent on serials, Dates, ISO and text dates, and leaves blanks and errors alone", () => {
    const rows = [
      clean("INV-1"),
      ["INV-2", "Acme", new Date(Date.UTC(2026, 2, 1)), "2026-03-31", 1],
      ["INV-3", "Acme", "1 March 2026", "31/03/2026", 1],
      ["INV-4", "Acme", null, "#N/A", 1],
    ];
    expect(run(unparseableDate, BASIC, rows)).toEqual([]);
  });
});
