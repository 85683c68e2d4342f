import { fieldCell, issueAt } from "../../../src/core/validate/issue";
import { qualityScore, RULES, validateInvoices } from "../../../src/core/validate/validateInvoices";
import type { Issue } from "../../../src/core/validate/types";
import { BASIC, clean, fixture, serial } from "../../support/validationFixture";

const issue = (row: number, severity: Issue["severity"], rule = "r"): Issue => ({ severity, rule, sheet: "S", cell: `A${row}`, row, column: "", value: "", message: "", fix: "" });

describe("RULES", () => {
  it("has 24 rules with distinct ids and titles", () => {
    expect(RULES).toHaveLength(24);
    expect(new Set(RULES.map((r) => r.id)).size).toBe(24);
    for (const rule of RULES) expect(rule.title.length).toBeGreaterThan(5);
  });
});

describe("validateInvoices", () => {
  it("finds nothing on a clean table and scores it 100", () => {
    const { rows, context } = fixture(BASIC, [clean("I1"), clean("I2", "Beta"), clean("I3", "Gamma", 250.75)]);
    const result = validateInvoices(rows, context);
    expect(result.issues).toEqual([]);
    expect(result.excludedRows.size).toBe(0);
    expect(result.quality).toEqual({ score: 100, rows: 3, breakdown: [] });
  });

  it("sorts findings by severity, then row, then cell, and excludes rows with errors", () => {
    const { rows, context } = fixture(BASIC, [
      clean("I1"),
      ["I2", "Acme", null, serial("2026-03-31"), 0], // warnings: missing invoice date, zero amount
      ["I3", "", serial("2026-03-01"), "never", 100], // errors: customer missing, due date unreadable
      clean("I1"), // error: duplicate
    ]);
    const result = validateInvoices(rows, context);
    expect(result.issues.map((i) => [i.severity, i.rule, i.cell])).toEqual([
      ["error", "missing-required-field", "B4"],
      ["error", "unparseable-date", "D4"],
      ["error", "duplicate-invoice", "A5"],
      ["warning", "missing-invoice-date", "C3"],
      ["warning", "zero-amount", "E3"],
    ]);
    expect([...result.excludedRows].sort()).toEqual([4, 5]);
  });

  it("scores: an error costs a full row, a warning a quarter, capped at one row", () => {
    const { rows, context } = fixture(BASIC, [clean("I1"), ["I2", "Acme", null, serial("2026-03-31"), 0], clean("I3"), clean("I1")]);
    const result = validateInvoices(rows, context);
    // Row 3 loses 0.25 + 0.25, row 5 (duplicate) loses 1: (1 − 1.5 / 4) × 100 = 62.5.
    expect(result.quality.score).toBe(62.5);
    expect(result.quality.rows).toBe(4);
    expect(result.quality.breakdown).toEqual([
      { rule: "duplicate-invoice", title: "Each invoice number appears once", findings: 1, points: 25 },
      { rule: "missing-invoice-date", title: "Invoice dates are filled in", findings: 1, points: 6.3 },
      { rule: "zero-amount", title: "Invoices are not for zero", findings: 1, points: 6.3 },
    ]);
  });

  it("does not exclude rows for a column-wide date conflict", () => {
    const { rows, context } = fixture(BASIC, [
      ["I1", "Acme", serial("2026-01-01"), "13/04/2026", 1],
      ["I2", "Acme", serial("2026-01-01"), "04/13/2026", 1],
    ]);
    const result = validateInvoices(rows, context);
    const conflict = result.issues.find((i) => i.rule === "ambiguous-date-format")!;
    expect(conflict).toMatchObject({ severity: "error", cell: "D2" });
    expect(result.excludedRows.has(2)).toBe(false);
    // Row 3's date is unreadable under the column's order: that error does exclude it.
    expect(result.excludedRows.has(3)).toBe(true);
  });
});

describe("qualityScore", () => {
  it("is 100 for an empty table", () => expect(qualityScore(0, [])).toEqual({ score: 100, rows: 0, breakdown: [] }));
  it("caps the loss at one row", () => {
    expect(qualityScore(2, [issue(2, "error"), issue(2, "error"), issue(2, "warning")]).score).toBe(50);
  });
  it("charges info findings 0.05", () => {
    expect(qualityScore(10, [issue(2, "info"), issue(3, "info")]).score).toBe(99);
  });
  it("never goes below zero and credits only the points that counted", () => {
    const q = qualityScore(1, [issue(2, "warning", "a"), issue(2, "error", "b"), issue(2, "error", "c")]);
    expect(q.score).toBe(0);
    expect(q.breakdown).toEqual([
      { rule: "b", title: "b", findings: 1, points: 75 },
      { rule: "a", title: "a", findings: 1, points: 25 },
      { rule: "c", title: "c", findings: 1, points: 0 },
    ]);
  });
});

describe("issue addresses", () => {
  it("count columns from the table's first column, past Z", () => {
    const { rows, context } = fixture(BASIC, [clean("I1")], { firstColumn: 26, firstDataRow: 10 });
    expect(fieldCell(context, "invoice", 10)).toBe("Z10");
    expect(fieldCell(context, "amount", 10)).toBe("AD10");
    expect(issueAt(context, rows[0], "customer", "warning", "x", "m", "f")).toEqual({ severity: "warning", rule: "x", sheet: "Invoices", cell: "AA10", row: 10, column: "Customer", value: "Acme", message: "m", fix: "f" });
  });

  it("shorten long values to 120 characters", () => {
    const { rows, context } = fixture(BASIC, [clean("I1", "y".repeat(500))]);
    const found = issueAt(context, rows[0], "customer", "info", "x", "m", "f");
    expect(found.value).toHaveLength(118);
    expect(found.value.endsWith("…")).toBe(true);
  });
});
