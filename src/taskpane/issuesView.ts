/**
 * The Issues view's logic, pure (no React, no Office.js): findings grouped by severity, then by
 * rule, with counts; the quality score as text. Tested in test/taskpane/issuesView.test.ts.
 */
import type { Issue, Severity } from "../core/validate/types";
import type { QualityScore } from "../core/validate/validateInvoices";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

const SEVERITY_NAMES: Record<Severity, [string, string]> = {
  error: ["error", "errors"],
  warning: ["warning", "warnings"],
  info: ["note", "notes"],
};

/** "1 error", "3 warnings", "2 notes". */
export function severityCount(severity: Severity, count: number): string {
  const [one, many] = SEVERITY_NAMES[severity];
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}

/** "Errors", "Warnings", "Notes": a group's heading. */
export function severityHeading(severity: Severity): string {
  const many = SEVERITY_NAMES[severity][1];
  return many[0].toUpperCase() + many.slice(1);
}

export interface RuleGroup {
  rule: string;
  /** The rule's title from the quality breakdown, else its id. */
  title: string;
  issues: Issue[];
}

export interface SeverityGroup {
  severity: Severity;
  count: number;
  rules: RuleGroup[];
}

/**
 * Findings grouped by severity (errors first), then by rule (most findings first, then by title),
 * each rule's findings in sheet order (by row, then cell). Severities without findings are left out.
 */
export function groupIssues(issues: readonly Issue[], quality?: Pick<QualityScore, "breakdown">): SeverityGroup[] {
  const titles = new Map((quality?.breakdown ?? []).map((b) => [b.rule, b.title]));
  return SEVERITIES.map((severity) => {
    const mine = issues.filter((i) => i.severity === severity);
    const byRule = new Map<string, Issue[]>();
    for (const issue of mine) byRule.set(issue.rule, [...(byRule.get(issue.rule) ?? []), issue]);
    const rules = [...byRule].map(([rule, list]): RuleGroup => ({
      rule,
      title: titles.get(rule) ?? rule,
      issues: [...list].sort((a, b) => a.row - b.row || a.cell.localeCompare(b.cell, "en", { numeric: true })),
    }));
    rules.sort((a, b) => b.issues.length - a.issues.length || a.title.localeCompare(b.title));
    return { severity, count: mine.length, rules };
  }).filter((g) => g.count > 0);
}

/** Findings per severity. */
export function issueCounts(issues: readonly Issue[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const issue of issues) counts[issue.severity]++;
  return counts;
}

/** "87 / 100". */
export function scoreText(quality: Pick<QualityScore, "score">): string {
  return `${Math.round(quality.score)} / 100`;
}

/**
 * The quality line of a run's summary.
 * @example qualityLine(...) // "Data quality 87 / 100: 2 errors, 3 warnings, 0 notes."
 */
export function qualityLine(quality: Pick<QualityScore, "score">, issues: readonly Issue[]): string {
  const counts = issueCounts(issues);
  return `Data quality ${scoreText(quality)}: ${SEVERITIES.map((s) => severityCount(s, counts[s])).join(", ")}.`;
}

/** Where a finding is, as Excel writes it: `Data!D7`, `'My sheet'!D7`. */
export function issueLocation(issue: Pick<Issue, "sheet" | "cell">): string {
  const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(issue.sheet) ? issue.sheet : `'${issue.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${issue.cell}`;
}

/** One breakdown line: "Duplicate invoice number: 2 findings, −4 points". */
export function breakdownLine(entry: QualityScore["breakdown"][number]): string {
  const findings = `${entry.findings.toLocaleString("en-US")} ${entry.findings === 1 ? "finding" : "findings"}`;
  const points = Math.round(entry.points * 10) / 10;
  return `${entry.title}: ${findings}, −${points} ${points === 1 ? "point" : "points"}`;
}
