import type { AgingReport } from "../../core/aging/ageInvoices";
import type { AgingSnapshot } from "../../core/metrics/rollRates";
import { dayFromDate, excelSerialFromDay, dayFromExcelSerial } from "../../core/parse/dates";
import { unitsFromMinor, minorFromNumber, minorDigits } from "../../core/parse/money";
import { DATE_FORMAT, type DateSystem, type PlanCell, type SheetPlan } from "../sheetPlan";
import type { CellValue } from "../port";

export const HISTORY_SHEET = "AR History";
export const HISTORY_TABLE = "ARHistory";
const HEADERS = ["As of", "Currency", "Position", "Bucket", "Amount", "Saved"];

/**
 * Snapshots read back from the history table's rows; rows that do not read are skipped. An as-of
 * serial is read in the workbook's date system (`date1904`); files hand dates over as Date.
 */
export function snapshotsFrom(rows: readonly (readonly CellValue[])[], dates: DateSystem = {}): AgingSnapshot[] {
  const byKey = new Map<string, AgingSnapshot & { positions: number[] }>();
  for (const row of rows) {
    const [asOfCell, currencyCell, positionCell, labelCell, amountCell] = row;
    const asOf = typeof asOfCell === "number" ? dayFromExcelSerial(asOfCell, dates.date1904) : asOfCell instanceof Date ? dayFromDate(asOfCell) : null;
    const currency = typeof currencyCell === "string" ? currencyCell : "";
    const position = Number(positionCell);
    if (asOf === null || !Number.isInteger(position) || typeof labelCell !== "string" || typeof amountCell !== "number") continue;
    const minor = minorFromNumber(amountCell, minorDigits(currency || undefined));
    if (minor === null) continue;
    const key = `${asOf}|${currency}`;
    const snapshot = byKey.get(key) ?? { asOf, currency, labels: [], totals: [], positions: [] };
    snapshot.positions.push(position);
    snapshot.labels[position] = labelCell;
    snapshot.totals[position] = minor;
    byKey.set(key, snapshot);
  }
  return [...byKey.values()].map(({ asOf, currency, labels, totals }) => ({ asOf, currency, labels, totals })).sort((a, b) => a.asOf - b.asOf || a.currency.localeCompare(b.currency));
}

/** The snapshot of a currency's aging, as saved. */
export function snapshotOf(report: AgingReport): AgingSnapshot {
  return { asOf: report.asOf, currency: report.currency, labels: report.buckets.map((b) => b.label), totals: [...report.totals] };
}

/**
 * The "AR History" sheet: every saved snapshot, one row per date, currency and bucket. Saving
 * again for the same date and currency replaces that snapshot, so a day is never counted twice.
 * Dates, read back and written, are serials of the workbook's date system (`date1904`).
 */
export function planHistorySheet(snapshots: readonly AgingSnapshot[], savedAt: string, previous: readonly (readonly CellValue[])[] = [], dates: DateSystem = {}): SheetPlan {
  const replaced = new Set(snapshots.map((s) => `${s.asOf}|${s.currency}`));
  const kept = snapshotsFrom(previous, dates).filter((s) => !replaced.has(`${s.asOf}|${s.currency}`));
  const savedOf = new Map<string, CellValue>();
  for (const row of previous) {
    const asOf = typeof row[0] === "number" ? dayFromExcelSerial(row[0], dates.date1904) : row[0] instanceof Date ? dayFromDate(row[0]) : null;
    if (asOf !== null) savedOf.set(`${asOf}|${row[1] ?? ""}`, row[5]);
  }
  const rows: PlanCell[][] = [];
  const all = [...kept.map((s) => ({ s, saved: savedOf.get(`${s.asOf}|${s.currency}`) })), ...snapshots.map((s) => ({ s, saved: savedAt as CellValue }))].sort(
    (a, b) => a.s.asOf - b.s.asOf || a.s.currency.localeCompare(b.s.currency),
  );
  for (const { s, saved } of all) {
    s.labels.forEach((label, position) =>
      rows.push([excelSerialFromDay(s.asOf, dates.date1904), s.currency, position, label, unitsFromMinor(s.totals[position], minorDigits(s.currency || undefined)), typeof saved === "string" ? saved : null]),
    );
  }
  return {
    name: HISTORY_SHEET,
    kind: "history",
    blocks: [],
    tables: [{ name: HISTORY_TABLE, at: "A1", headers: HEADERS, rows, columnFormats: [DATE_FORMAT, null, "0", null, "#,##0.00", null], style: "TableStyleLight9" }],
    columnWidths: [12, 10, 9, 10, 16, 22],
    freezeRows: 1,
  };
}
