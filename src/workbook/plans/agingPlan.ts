import type { AgingReport, LedgerAging } from "../../core/aging/ageInvoices";
import type { Allowance } from "../../core/metrics/allowance";
import { KEY_FIGURES, kpiInputsText, type Kpi, type Kpis } from "../../core/metrics/kpis";
import type { RollRates } from "../../core/metrics/rollRates";
import { excelSerialFromDay } from "../../core/parse/dates";
import { unitsFromMinor } from "../../core/parse/money";
import { cellAddress, columnLetters, DATE_FORMAT, moneyFormat, type DateSystem, type PlanBlock, type PlanCell, type PlanChart, type PlanTable, type SheetPlan } from "../sheetPlan";
import type { UnappliedPayment } from "../payments";
import { DETAIL_COLUMNS, DETAIL_SHEET } from "./detailPlan";

export const AGING_SHEET = "AR Aging";
export const AGING_TABLE = "ARAging";
export const KPI_TABLE = "ARKeyFigures";
const PERCENT = "0.0%";

/** Everything the aging sheet shows for one currency. */
export interface CurrencySection {
  report: AgingReport;
  kpis: Kpis;
  allowance: Allowance;
  /** Roll rates from the saved snapshots of this currency (none when fewer than two). */
  rollRates: RollRates;
  /** Set for the section that restates every currency in the base currency: how it was converted. */
  convertedNote?: string;
}

/** What the aging sheet says about the run; `date1904` for the as-of date's serial. */
export interface AgingSheetContext extends DateSystem {
  source: { table: string; sheet: string };
  /** Data rows read, and rows left out because of errors. */
  invoicesRead: number;
  rowsSkipped: number;
  /** When the sheet was made, as text (kept out of the figures so refreshes compare equal). */
  generatedAt: string;
  /** The payments table applied, and its payments that name no invoice. */
  payments?: { table: string; unapplied: UnappliedPayment[] };
  /**
   * The sheet the invoice detail was written to, which the tie-out formulas read: "AR Invoice
   * Detail", or another name when a user's sheet has that one.
   */
  detailSheet?: string;
}

/** The aging table's name for a currency: "ARAging", or "ARAging_EUR" when there are several. */
export function agingTableName(currency: string, several: boolean): string {
  return several && currency ? `${AGING_TABLE}_${tableSafe(currency)}` : AGING_TABLE;
}

/** Table names allow letters, digits, _ and . only: a currency written "R$" must not break the file. */
function tableSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.]/g, "_");
}

const money = (minor: number, digits: number) => unitsFromMinor(minor, digits);

function kpiRows(label: string, kpis: Kpis, currency: string, digits: number): PlanCell[][] {
  const row = (name: string, kpi: Kpi, unit: string, asMoney = false): PlanCell[] => [
    name,
    label,
    kpi.value === null ? null : asMoney ? money(kpi.value, digits) : kpi.value,
    unit,
    kpi.value === null ? `Not available: ${kpi.reason}` : kpiInputsText(kpi, digits),
  ];
  return KEY_FIGURES.map(({ key, name, unit, money: isMoney }) => row(name(kpis.periodDays), kpis[key], isMoney ? currency || "amount" : unit, isMoney));
}

/**
 * The "AR Aging" sheet: a header block (as-of, basis, when, source, rows read and excluded),
 * key figures, then per currency a customer × bucket table with totals, % of total, credits,
 * disputed amounts and allowance, a colour scale and a stacked bar chart; the allowance by
 * provision matrix; and a tie-out block whose SUMIFS formulas recompute every bucket from the
 * invoice detail sheet, with a ledger balance the user types and the difference.
 */
export function planAgingSheet(aging: LedgerAging, sections: readonly CurrencySection[], context: AgingSheetContext): SheetPlan {
  const several = sections.length > 1;
  const basisText = aging.basis === "due" ? "Days past the due date" : "Days since the invoice date";
  const blocks: PlanBlock[] = [
    { at: "A1", values: [["AR Aging"]], style: "title" },
    { at: "A2", values: [["As of"], ["Basis"], ["Generated"], ["Source"], ["Rows"]], style: "label" },
    { at: "B2", values: [[excelSerialFromDay(aging.asOf, context.date1904)]], numberFormat: DATE_FORMAT },
    {
      at: "B3",
      values: [
        [basisText],
        [context.generatedAt],
        [`Table ${context.source.table} on sheet ${context.source.sheet}`],
        [
          `${context.invoicesRead} read, ${context.invoicesRead - context.rowsSkipped} aged, ${context.rowsSkipped} excluded` +
            (context.rowsSkipped ? " (rows with errors: see AR Data Issues)" : ""),
        ],
      ],
    },
  ];
  if (context.payments) {
    const { table, unapplied } = context.payments;
    const sum = unapplied.reduce((s, p) => s + p.minor, 0);
    blocks.push({ at: "A7", values: [["Payments"]], style: "label" });
    blocks.push({
      at: "B7",
      values: [[`Applied from table ${table}` + (unapplied.length ? `; ${unapplied.length} unapplied (invoice not found), ${money(sum, 2).toLocaleString("en-US")} in all: rows ${unapplied.slice(0, 10).map((p) => p.row).join(", ")}${unapplied.length > 10 ? ", …" : ""}` : "; all applied")]],
    });
  }
  const tables: PlanTable[] = [];
  const charts: PlanChart[] = [];
  let row = 9;

  // The ledger balances the user types sit in a block of their own above everything whose length
  // varies, so each stays at the same address from one refresh to the next (adapters keep what
  // was typed by address); only a currency added or removed moves them.
  const ledgerRowOf = new Map<CurrencySection, number>();
  const tiedOut = sections.filter((s) => !s.convertedNote);
  if (tiedOut.length) {
    blocks.push({ at: `A${row}`, values: [["Ledger balances: type each one to reconcile the aging with your general ledger"]], style: "subtitle" });
    tiedOut.forEach((s, i) => ledgerRowOf.set(s, row + 1 + 2 * i));
    row += 2 + 2 * tiedOut.length + 1;
  }

  const kpiTableRows = sections.flatMap((s) => kpiRows(s.report.currency || "All", s.kpis, s.report.currency, s.report.digits));
  blocks.push({ at: `A${row}`, values: [["Key figures"]], style: "subtitle" });
  tables.push({
    name: KPI_TABLE,
    at: `A${row + 1}`,
    headers: ["Figure", "Currency", "Value", "Unit", "Inputs, or why it is not available"],
    rows: kpiTableRows,
    columnFormats: [null, null, "#,##0.0#", null, null],
    style: "TableStyleLight1",
  });
  row += kpiTableRows.length + 4;

  for (const section of sections) {
    const { report, allowance, rollRates, convertedNote } = section;
    const { digits, currency, buckets } = report;
    const fmt = moneyFormat(digits);
    const label = convertedNote ?? (currency ? `Amounts in ${currency}` : "Amounts");
    const title = convertedNote ? `All currencies in ${currency}: aging by customer` : several ? `${currency || "No currency"}: aging by customer` : "Aging by customer";
    blocks.push({ at: `A${row}`, values: [[title]], style: "subtitle" });
    blocks.push({ at: `A${row + 1}`, values: [[`${label}, sorted by amount overdue. Credits and disputed amounts are included in the buckets.`]], style: "note" });
    const tableRow = row + 2;
    const name = convertedNote ? `${AGING_TABLE}_All_${tableSafe(currency)}` : agingTableName(currency, several);
    const headers = ["Customer", ...buckets.map((b) => b.label), "Total", "% of total", "Credits", "Disputed", "Allowance"];
    const allowanceOf = new Map(allowance.byCustomer.map((a) => [a.customer, a.allowance]));
    const rows: PlanCell[][] = report.customers.map((c) => [
      c.customer,
      ...c.buckets.map((b) => money(b, digits)),
      money(c.total, digits),
      report.grandTotal ? c.total / report.grandTotal : 0,
      money(c.credits, digits),
      money(c.disputed, digits),
      money(allowanceOf.get(c.customer) ?? 0, digits),
    ]);
    const bucketColumns = buckets.map((_, i) => i + 1);
    tables.push({
      name,
      at: `A${tableRow}`,
      headers,
      rows,
      columnFormats: headers.map((h, i) => (i === 0 ? null : h === "% of total" ? PERCENT : fmt)),
      totals: headers.map((h, i) => (i === 0 ? "label" : "sum")),
      style: "TableStyleMedium2",
      colourScaleColumns: bucketColumns,
    });
    const totalsRow = tableRow + Math.max(rows.length, 1) + 1;
    let next = totalsRow + 2;

    // Allowance by provision matrix: rate and amount per bucket.
    blocks.push({ at: `A${next}`, values: [["Allowance for doubtful accounts (provision matrix)"]], style: "subtitle" });
    blocks.push({ at: `A${next + 1}`, values: [["Loss rate"], ["Balance"], ["Allowance"]], style: "label" });
    blocks.push({ at: `B${next + 1}`, values: [allowance.rates], numberFormat: PERCENT });
    blocks.push({ at: `B${next + 2}`, values: [report.totals.map((t) => money(t, digits))], numberFormat: fmt });
    blocks.push({ at: `B${next + 3}`, values: [[...allowance.byBucket.map((a) => money(a, digits)), money(allowance.total, digits)]], numberFormat: fmt });
    blocks.push({ at: `${columnLetters(buckets.length + 2)}${next + 1}`, values: [["Total allowance"]], style: "label" });
    next += 4;
    // Roll rates from saved snapshots, offered as loss rates the user may adopt.
    if (rollRates.pairs > 0) {
      blocks.push({ at: `A${next}`, values: [["Roll rate to next bucket"], ["Suggested loss rate"]], style: "label" });
      blocks.push({ at: `B${next}`, values: [rollRates.rates.map((r) => r), rollRates.suggestedLossRates.map((r) => r)], numberFormat: PERCENT });
      blocks.push({ at: `${columnLetters(buckets.length + 2)}${next}`, values: [[`From ${rollRates.pairs + 1} snapshots in AR History`]], style: "note" });
    } else {
      blocks.push({ at: `A${next}`, values: [["Roll rates appear here once snapshots of two dates are saved (Save snapshot, or --snapshot)."]], style: "note" });
    }
    next += 3;

    // Tie-out: formulas recompute each bucket from the invoice detail, live.
    const detailRef = (column: (typeof DETAIL_COLUMNS)[number]) => {
      const letter = columnLetters(DETAIL_COLUMNS.indexOf(column) + 1);
      // Inside quotes a sheet name's own apostrophes are doubled.
      return `'${(context.detailSheet ?? DETAIL_SHEET).replace(/'/g, "''")}'!$${letter}:$${letter}`;
    };
    // The converted section has no detail rows in its currency: its tie-out would not add up.
    if (convertedNote) {
      row = Math.max(next, tableRow + 20) + 1;
      continue;
    }
    // Text in a formula's quotes doubles its own quotes, whatever the currency cell held.
    const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const criteria = (bucket: string) => `${detailRef("Bucket")},${quoted(bucket)}` + (currency ? `,${detailRef("Currency")},${quoted(currency)}` : "");
    const checkRow = next + 1;
    const checkCells: PlanCell[] = buckets.map((b) => ({ formula: `=SUMIFS(${detailRef("Open amount")},${criteria(b.label)})` }));
    const totalColumn = columnLetters(buckets.length + 2);
    checkCells.push({ formula: `=SUM(B${checkRow}:${columnLetters(buckets.length + 1)}${checkRow})` });
    const differences: PlanCell[] = [...buckets.map((_, i) => i + 2), buckets.length + 2].map((col) => {
      const letter = columnLetters(col);
      return { formula: `=ROUND(${letter}${checkRow}-${letter}${totalsRow},${digits})` };
    });
    blocks.push({ at: `A${next}`, values: [["Tie-out: recomputed from the invoice detail"]], style: "subtitle" });
    blocks.push({ at: `A${checkRow}`, values: [["Detail (SUMIFS)"], ["Difference to the table"]], style: "label" });
    blocks.push({ at: `B${checkRow}`, values: [checkCells, differences], numberFormat: fmt });
    const ledgerRow = ledgerRowOf.get(section)!;
    blocks.push({ at: `A${ledgerRow}`, values: [["Ledger balance (type it)"], ["Difference to the ledger"]], style: "label" });
    blocks.push({ at: `B${ledgerRow}`, values: [[currency || "All amounts"]] });
    blocks.push({ at: `${totalColumn}${ledgerRow}`, values: [[null]], numberFormat: fmt, preserve: true });
    blocks.push({
      at: `${totalColumn}${ledgerRow + 1}`,
      values: [[{ formula: `=IF(ISNUMBER(${totalColumn}${ledgerRow}),ROUND(${totalColumn}${totalsRow}-${totalColumn}${ledgerRow},${digits}),"")` }]],
      numberFormat: fmt,
    });
    next = checkRow + 3;

    charts.push({
      title: `Aging by customer${currency ? ` (${currency})` : ""}`,
      table: name,
      categoryColumn: 0,
      seriesColumns: bucketColumns,
      maxRows: 10,
      at: cellAddress(tableRow, headers.length + 2),
      widthColumns: 8,
      heightRows: 18,
    });
    row = Math.max(next, tableRow + 20) + 1;
  }

  return {
    name: AGING_SHEET,
    kind: "aging",
    blocks,
    tables,
    charts,
    columnWidths: [34, ...aging.buckets.map(() => 14), 16, 11, 14, 14, 14],
    freezeRows: 1,
  };
}
