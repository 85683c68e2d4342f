import type { Issue } from "../../src/core/validate/types";
import { breakdownLine, groupIssues, issueCounts, issueLocation, qualityLine, scoreText, severityCount, severityHeading } from "../../src/taskpane/issuesView";

const issue = (severity: Issue["severity"], rule: string, cell: string, row = Number(cell.replace(/\D/g, ""))): Issue => ({
  severity,
  rule,
  sheet: "Data",
  cell,
  row,
  column: "Amount",
  value: "x",
  message: `${rule} at ${cell}`,
  fix: "Fix it.",
});

describe("groupIssues", () => {
  const issues = [
    issue("warning", "zero-amount", "E9"),
    issue("error", "duplicate-invoice", "A12"),
    issue("info", "number-as-text", "E3"),
    issue("error", "unparseable-date", "D4"),
    issue("error", "duplicate-invoice", "A3"),
  ];

  it("groups by severity, errors first, then by rule with the most findings first; findings in row order", () => {
    const groups = groupIssues(issues, { breakdown: [{ rule: "duplicate-invoice", title: "Duplicate invoice number", findings: 2, points: 4 }] });
    expect(groups.map((g) => [g.severity, g.count])).toEqual([
      ["error", 3],
      ["warning", 1],
      ["info", 1],
    ]);
    expect(groups[0].rules.map((r) => [r.rule, r.title, r.issues.map((i) => i.cell)])).toEqual([
      ["duplicate-invoice", "Duplicate invoice number", ["A3", "A12"]],
      ["unparseable-date", "unparseable-date", ["D4"]],
    ]);
  });

  it("leaves out severities without findings and is empty for a clean table", () => {
    expect(groupIssues([issue("warning", "zero-amount", "E2")]).map((g) => g.severity)).toEqual(["warning"]);
    expect(groupIssues([])).toEqual([]);
  });
});

describe("counts and texts", () => {
  it("counts findings per severity", () => {
    expect(issueCounts([issue("error", "a", "A1"), issue("error", "b", "A2"), issue("info", "c", "A3")])).toEqual({ error: 2, warning: 0, info: 1 });
  });

  it("words severities, the score and the quality line", () => {
    expect(severityCount("error", 1)).toBe("1 error");
    expect(severityCount("warning", 3)).toBe("3 warnings");
    expect(severityCount("info", 1_200)).toBe("1,200 notes");
    expect(severityHeading("info")).toBe("Notes");
    expect(scoreText({ score: 86.6 })).toBe("87 / 100");
    expect(qualityLine({ score: 90 }, [issue("error", "a", "A1"), issue("warning", "b", "A2")])).toBe("Data quality 90 / 100: 1 error, 1 warning, 0 notes.");
  });

  it("names a finding's cell as Excel does, quoting sheet names that need it", () => {
    expect(issueLocation({ sheet: "Data", cell: "D7" })).toBe("Data!D7");
    expect(issueLocation({ sheet: "AR export", cell: "B2" })).toBe("'AR export'!B2");
    expect(issueLocation({ sheet: "Bob's", cell: "B2" })).toBe("'Bob''s'!B2");
  });

  it("words a breakdown entry", () => {
    expect(breakdownLine({ rule: "duplicate-invoice", title: "Duplicate invoice number", findings: 2, points: 4 })).toBe("Duplicate invoice number: 2 findings, −4 points");
    expect(breakdownLine({ rule: "zero-amount", title: "Zero amount", findings: 1, points: 1 })).toBe("Zero amount: 1 finding, −1 point");
  });
});
