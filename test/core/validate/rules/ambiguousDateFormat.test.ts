import { ambiguousDateFormat } from "../../../../src/core/validate/rules/ambiguousDateFormat";
import { BASIC, run, serial, where } from "../../../support/validationFixture";

const row = (invoice: string, due: string | number) => [invoice, "Acme", serial("2026-01-01"), due, 100];

describe("ambiguousDateFormat", () => {
  it("warns once, at the first ambiguous cell, when no text date in the column decides", () => {
    const issues = run(ambiguousDateFormat, BASIC, [row("I1", serial("2026-03-31")), row("I2", "03/04/2026"), row("I3", "05/06/2026")]);
    expect(where(issues)).toEqual([{ rule: "ambiguous-date-format", severity: "warning", cell: "D3", row: 3, column: "Due Date", value: "03/04/2026" }]);
    expect(issues[0].message).toContain("day/month");
  });

  it("is an error when the column mixes day/month and month/day dates, at the first text date", () => {
    const issues = run(ambiguousDateFormat, BASIC, [row("I1", "01/02/2026"), row("I2", "13/04/2026"), row("I3", "04/13/2026")]);
    expect(where(issues)).toEqual([{ rule: "ambiguous-date-format", severity: "error", cell: "D2", row: 2, column: "Due Date", value: "01/02/2026" }]);
    expect(issues[0].message).toContain("mixes");
  });

  it("is silent when one unambiguous date decides the column", () => {
    expect(run(ambiguousDateFormat, BASIC, [row("I1", "03/04/2026"), row("I2", "31/03/2026")])).toEqual([]);
    expect(run(ambiguousDateFormat, BASIC, [row("I1", "03/04/2026"), row("I2", "12/31/2026")])).toEqual([]);
  });

  it("is silent on real dates, ISO text and same day/month text", () => {
    expect(run(ambiguousDateFormat, BASIC, [row("I1", serial("2026-03-31")), row("I2", "2026-03-04"), row("I3", "05/05/2026")])).toEqual([]);
  });
});
