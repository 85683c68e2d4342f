import { termsDays, termsMismatch } from "../../../../src/core/validate/rules/termsMismatch";
import { BASIC, run, serial, where } from "../../../support/validationFixture";

describe("termsDays", () => {
  it.each([
    ["Net 30", 30],
    ["net30", 30],
    ["N30", 30],
    ["2/10 Net 30", 30],
    ["30 days", 30],
    ["45", 45],
    ["30 jours", 30],
    ["60 Tage", 60],
    ["30 días", 30],
    ["Due on receipt", 0],
    ["À réception", 0],
    ["sofort", 0],
  ])("%j → %j", (terms, days) => expect(termsDays(terms)).toBe(days));

  it.each(["", "Net 30 EOM", "30 fin de mois", "whenever", "end of month"])("%j says nothing plain", (terms) => expect(termsDays(terms)).toBeNull());
});

describe("termsMismatch", () => {
  const headers = [...BASIC, "Terms"];
  const row = (invoice: string, due: string, terms: string) => [invoice, "Acme", serial("2026-03-01"), serial(due), 100, terms];

  it("warns at the due date when the terms give another number of days", () => {
    const issues = run(termsMismatch, headers, [row("I1", "2026-03-31", "Net 30"), row("I2", "2026-04-15", "Net 30")]);
    expect(where(issues)).toEqual([{ rule: "terms-mismatch", severity: "warning", cell: "D3", row: 3, column: "Due Date", value: String(serial("2026-04-15")) }]);
    expect(issues[0].message).toBe('Terms "Net 30" give 30 days, but the due date is 45 days after the invoice date.');
  });

  it("is silent when terms agree, say nothing plain, or the invoice date is not there", () => {
    expect(run(termsMismatch, headers, [row("I1", "2026-03-31", "Net 30"), row("I2", "2026-03-01", "Due on receipt"), row("I3", "2026-04-30", "Net 30 EOM"), row("I4", "2026-04-30", "")])).toEqual([]);
    expect(run(termsMismatch, ["Invoice", "Customer", "Due Date", "Amount", "Terms"], [["I1", "Acme", serial("2026-04-30"), 1, "Net 30"]])).toEqual([]);
  });
});
