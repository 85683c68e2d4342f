import { isoFromDay, excelSerialFromDay } from "../../core/parse/dates";
import type { DayNumber } from "../../core/types";
import type { Issue } from "../../core/validate/types";
import type { QualityScore } from "../../core/validate/validateInvoices";
import { DATE_FORMAT, type DateSystem, type PlanCell, type SheetPlan } from "../sheetPlan";

export const ISSUES_SHEET = "AR Data Issues";
export const ISSUES_TABLE = "ARDataIssues";

export interface IssuesSheetContext extends DateSystem {
  source: { table: string; sheet: string };
  asOf: DayNumber;
}

/**
 * A formula that jumps to the cell when clicked. Sheet names are quoted the way Excel quotes
 * them; quotes inside are doubled for the sheet reference and again for the formula string.
 */
export function cellLinkFormula(sheet: string, cell: string): string {
  const target = `#'${sheet.replace(/'/g, "''")}'!${cell}`;
  return `=HYPERLINK("${target.replace(/"/g, '""')}","${cell}")`;
}

/**
 * The "AR Data Issues" sheet: the quality score and its breakdown, then a table of every finding
 * with a link to its cell. Replaced on each run.
 */
export function planIssuesSheet(issues: readonly Issue[], quality: QualityScore, context: IssuesSheetContext): SheetPlan {
  const count = (severity: Issue["severity"]) => issues.filter((i) => i.severity === severity).length;
  const breakdown: PlanCell[][] = quality.breakdown.map((b) => [b.title, b.findings, b.points]);
  const tableRow = 8 + Math.max(breakdown.length, 1) + 2;
  const headers = ["Severity", "Rule", "Sheet", "Cell", "Value", "Message", "Suggested fix"];
  const rows: PlanCell[][] = issues.map((i) => [i.severity, i.rule, i.sheet, { formula: cellLinkFormula(i.sheet, i.cell) }, i.value, i.message, i.fix]);
  return {
    name: ISSUES_SHEET,
    kind: "issues",
    blocks: [
      { at: "A1", values: [["AR Data Issues"]], style: "title" },
      { at: "A2", values: [["As of"], ["Source"], ["Data quality"], ["Findings"]], style: "label" },
      { at: "B2", values: [[excelSerialFromDay(context.asOf, context.date1904)]], numberFormat: DATE_FORMAT },
      {
        at: "B3",
        values: [
          [`Table ${context.source.table} on sheet ${context.source.sheet}, checked as of ${isoFromDay(context.asOf)}`],
          [`${quality.score} / 100 over ${quality.rows} rows`],
          [`${count("error")} errors (rows left out of the aging), ${count("warning")} warnings, ${count("info")} notes`],
        ],
      },
      { at: "A7", values: [["Points lost by rule", "Findings", "Points"]], style: "label" },
      { at: "A8", values: breakdown.length ? breakdown : [["No findings: every row is clean.", null, null]] },
    ],
    tables: [
      {
        name: ISSUES_TABLE,
        at: `A${tableRow}`,
        headers,
        rows,
        columnFormats: headers.map(() => null),
        style: "TableStyleLight9",
      },
    ],
    columnWidths: [34, 24, 16, 8, 24, 70, 60],
  };
}
