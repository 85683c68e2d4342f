import { openOn, paymentsDated, settledOn } from "../aging/balance";
import { isOpenAsOf } from "../aging/ageInvoices";
import type { DayNumber, InvoiceRecord } from "../types";

const MS_PER_DAY = 86_400_000;

/** A figure, or why the data cannot support it. `inputs` are shown beside it so it can be checked. */
export interface Kpi {
  value: number | null;
  /** Why there is no value, in words a person can act on. */
  reason?: string;
  inputs: Record<string, number | string>;
}

export interface KpiOptions {
  asOf: DayNumber;
  /** Length of the period for DSO, CEI and turnover, ending on the as-of date. Default 90 days. */
  periodDays?: number;
}

export interface Kpis {
  periodDays: number;
  periodStart: DayNumber;
  totalAr: Kpi;
  overduePercent: Kpi;
  over90Percent: Kpi;
  dso: Kpi;
  dsoCountback: Kpi;
  bestPossibleDso: Kpi;
  add: Kpi;
  cei: Kpi;
  arTurnover: Kpi;
  averageCollectionPeriod: Kpi;
  averageDaysToPay: Kpi;
}

const round = (value: number, places = 1) => Math.round(value * 10 ** places) / 10 ** places;
const none = (reason: string, inputs: Record<string, number | string> = {}): Kpi => ({ value: null, reason, inputs });

/** Credit sales (net of credit notes) invoiced between two days, both inclusive. */
export function creditSales(records: readonly InvoiceRecord[], from: DayNumber, to: DayNumber): number {
  let sum = 0;
  for (const r of records) if (r.invoiceDate !== undefined && r.invoiceDate >= from && r.invoiceDate <= to) sum += r.amountMinor;
  return sum;
}

/** Total receivables at the end of a day, from each invoice's amount and dated payments. */
export function arOn(records: readonly InvoiceRecord[], day: DayNumber): number {
  let sum = 0;
  for (const r of records) sum += openOn(r, day);
  return sum;
}

/** The position in `months` (newest first, as monthsBack gives them) of the month holding `day`. */
function monthIndex(months: readonly { start: DayNumber }[], day: DayNumber): number {
  let lo = 0;
  let hi = months.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (months[mid].start <= day) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * DSO by the countback method: from ending AR, take away each month's credit sales going back,
 * adding that month's days, while AR exceeds the month's sales; then add the fraction of the
 * month that is left. Months are calendar months counted back from the as-of date.
 * Returns null when AR exceeds every month of history (the history is too short).
 * @example countbackDso(212_000, [{ sales: 100_000, days: 30 }, { sales: 80_000, days: 30 }, { sales: 70_000, days: 30 }]) // 73.7
 */
export function countbackDso(endingAr: number, months: readonly { sales: number; days: number }[]): number | null {
  let remaining = endingAr;
  let days = 0;
  for (const month of months) {
    if (remaining <= 0) return round(days);
    const sales = Math.max(0, month.sales); // a month without (net) sales is a whole month of AR
    if (remaining > sales) {
      remaining -= sales;
      days += month.days;
    } else return round(days + (remaining / sales) * month.days);
  }
  return remaining <= 0 ? round(days) : null;
}

/**
 * The same day n calendar months earlier, clamped to the month's end (31 March → 28 February),
 * computed in UTC: date-fns' subMonths works in the machine's zone and could shift a day.
 */
export function subMonthsDay(day: DayNumber, months: number): DayNumber {
  const date = new Date(day * MS_PER_DAY);
  const [year, month, dayOfMonth] = [date.getUTCFullYear(), date.getUTCMonth() - months, date.getUTCDate()];
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(year, month, Math.min(dayOfMonth, lastDay)) / MS_PER_DAY);
}

/** Calendar months going back from the as-of date: [start, end] day pairs, newest first. */
export function monthsBack(asOf: DayNumber, count: number): { start: DayNumber; end: DayNumber }[] {
  const months = [];
  let end = asOf;
  for (let i = 1; i <= count; i++) {
    const start = subMonthsDay(asOf, i) + 1;
    months.push({ start, end });
    end = start - 1;
  }
  return months;
}

/**
 * Receivables KPIs of one currency's ledger, as defined in DESIGN.md: total AR, overdue share,
 * share over 90 days, DSO (standard and countback), best possible DSO, average days delinquent,
 * CEI, AR turnover and collection period, average days to pay. A KPI the data cannot support
 * has no value and says why.
 */
export function computeKpis(records: readonly InvoiceRecord[], options: KpiOptions): Kpis {
  const { asOf } = options;
  const periodDays = options.periodDays ?? 90;
  const periodStart = asOf - periodDays + 1;
  // Every figure's sums in one pass over the records: a large ledger's records are far apart in
  // memory, and each extra pass paid for fetching them all again.
  const allMonths = monthsBack(asOf, 24);
  const monthly = allMonths.map((m) => ({ sales: 0, days: m.end - m.start + 1 }));
  const firstMonthDay = allMonths[allMonths.length - 1].start;
  const dayBeforePeriod = periodStart - 1;
  let beginningAr = 0;
  let undated = false;
  let settledCount = 0;
  let daysToPaySum = 0;
  let endingAr = 0;
  let currentAr = 0;
  let over90 = 0;
  let openItems = 0;
  let datedCount = 0;
  let earliest = Infinity;
  let sales = 0;
  // Indexed, not for-of: in a function this long V8 kept the iterator's result objects, one
  // per record, which at a million records was the stage's largest allocation.
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    if (isOpenAsOf(r, asOf)) {
      openItems++;
      endingAr += r.openMinor;
      if (r.dueDate >= asOf) currentAr += r.openMinor;
      if (asOf - r.dueDate > 90) over90 += r.openMinor;
    }
    beginningAr += openOn(r, dayBeforePeriod);
    if (!paymentsDated(r)) undated = true;
    const day = r.invoiceDate;
    if (day === undefined) continue;
    datedCount++;
    if (day < earliest) earliest = day;
    if (day >= periodStart && day <= asOf) sales += r.amountMinor;
    if (day >= firstMonthDay && day <= asOf) monthly[monthIndex(allMonths, day)].sales += r.amountMinor;
    if (r.amountMinor > 0 && r.openMinor === 0) {
      const settled = settledOn(r);
      if (settled !== undefined && settled <= asOf) {
        settledCount++;
        daysToPaySum += settled - day;
      }
    }
  }
  const overdueAr = endingAr - currentAr;
  const share = (name: string, part: number): Kpi =>
    endingAr > 0 ? { value: round((part / endingAr) * 100), inputs: { [name]: part, endingAr } } : none("No receivables are open.", { endingAr });

  const noDates = datedCount === 0 ? "The table has no invoice dates, so credit sales are unknown." : undefined;
  const historyShort = earliest > periodStart ? `The invoice history starts ${periodStart <= earliest ? earliest - periodStart : 0} days into the ${periodDays}-day period; choose a shorter period.` : undefined;
  const salesProblem = noDates ?? historyShort ?? (sales <= 0 ? `No credit sales in the last ${periodDays} days.` : undefined);

  const dso: Kpi = salesProblem ? none(salesProblem, { endingAr, sales, periodDays }) : { value: round((endingAr / sales) * periodDays), inputs: { endingAr, sales, periodDays } };
  const best: Kpi = salesProblem ? none(salesProblem, { currentAr, sales, periodDays }) : { value: round((currentAr / sales) * periodDays), inputs: { currentAr, sales, periodDays } };
  const add: Kpi = dso.value !== null && best.value !== null ? { value: round(dso.value - best.value), inputs: { dso: dso.value, bestPossibleDso: best.value } } : none(salesProblem ?? "DSO is not available.");

  // Countback needs whole months of history behind the as-of date: the newest months that
  // start on or after the earliest invoice.
  const months = allMonths.filter((m) => m.start >= earliest);
  const counted = monthly.slice(0, months.length);
  const countback = noDates
    ? none(noDates)
    : months.length < 2
      ? none("Countback needs at least two whole months of invoice history.", { months: months.length })
      : (() => {
          const value = countbackDso(endingAr, counted);
          return value === null
            ? none(`Receivables exceed the ${months.length} months of sales in the history; countback needs a longer history.`, { endingAr, months: months.length })
            : { value, inputs: { endingAr, months: months.length, latestMonthSales: counted[0].sales } };
        })();

  // CEI and turnover need receivables at the start of the period, rebuilt from dated payments.
  const historyProblem =
    salesProblem ?? (undated ? "Some payments have no date (a balance without a paid date), so receivables at the start of the period are unknown. Add a paid date or a payments table." : undefined);
  const ceiDenominator = beginningAr + sales - currentAr;
  const cei: Kpi = historyProblem
    ? none(historyProblem, { periodDays })
    : ceiDenominator <= 0
      ? none("Nothing was collectible in the period.", { beginningAr, sales, currentAr })
      : { value: round(((beginningAr + sales - endingAr) / ceiDenominator) * 100), inputs: { beginningAr, sales, endingAr, currentAr } };
  const averageAr = (beginningAr + endingAr) / 2;
  // Turnover is annualised so that 365 ÷ turnover is the average collection period in days.
  const annualSales = (sales * 365) / periodDays;
  const turnover: Kpi = historyProblem
    ? none(historyProblem)
    : averageAr <= 0
      ? none("There were no receivables on average in the period.", { averageAr })
      : { value: round(annualSales / averageAr, 2), inputs: { annualisedSales: Math.round(annualSales), averageAr: Math.round(averageAr), beginningAr, endingAr } };
  const collectionPeriod: Kpi = turnover.value ? { value: round(365 / turnover.value), inputs: { turnover: turnover.value } } : none(turnover.reason ?? "AR turnover is zero.");

  const daysToPay: Kpi = settledCount
    ? { value: round(daysToPaySum / settledCount), inputs: { settledInvoices: settledCount } }
    : none("No settled invoice has both an invoice date and a paid date.");

  return {
    periodDays,
    periodStart,
    totalAr: { value: endingAr, inputs: { openItems } },
    overduePercent: share("overdueAr", overdueAr),
    over90Percent: share("over90Ar", over90),
    dso,
    dsoCountback: countback,
    bestPossibleDso: best,
    add,
    cei,
    arTurnover: turnover,
    averageCollectionPeriod: collectionPeriod,
    averageDaysToPay: daysToPay,
  };
}

/** The key figures in the order reports list them; `money` marks the one that is an amount. */
export const KEY_FIGURES: readonly { key: KpiKey; name: (periodDays: number) => string; unit: string; money?: boolean }[] = [
  { key: "totalAr", name: () => "Total AR", unit: "", money: true },
  { key: "overduePercent", name: () => "Overdue", unit: "% of AR" },
  { key: "over90Percent", name: () => "Over 90 days past due", unit: "% of AR" },
  { key: "dso", name: (days) => `DSO (standard, last ${days} days)`, unit: "days" },
  { key: "dsoCountback", name: () => "DSO (countback)", unit: "days" },
  { key: "bestPossibleDso", name: () => "Best possible DSO", unit: "days" },
  { key: "add", name: () => "Average days delinquent (ADD)", unit: "days" },
  { key: "cei", name: (days) => `CEI (last ${days} days)`, unit: "%" },
  { key: "arTurnover", name: () => "AR turnover (annualised)", unit: "times a year" },
  { key: "averageCollectionPeriod", name: () => "Average collection period", unit: "days" },
  { key: "averageDaysToPay", name: () => "Average days to pay", unit: "days" },
];

/** How each input of a key figure reads on the sheet and in the pane. */
const INPUT_LABELS: Readonly<Record<string, string>> = {
  endingAr: "AR at the as-of date",
  beginningAr: "AR at the period's start",
  currentAr: "AR not yet due",
  overdueAr: "overdue AR",
  over90Ar: "AR over 90 days past due",
  averageAr: "average AR",
  sales: "credit sales in the period",
  annualisedSales: "credit sales a year",
  latestMonthSales: "latest month's sales",
  periodDays: "days in the period",
  months: "months counted back",
  dso: "DSO",
  bestPossibleDso: "best possible DSO",
  turnover: "AR turnover",
  settledInvoices: "settled invoices",
  openItems: "open items",
};

/**
 * A key figure's inputs in words, amounts in currency units: "AR at the as-of date 1,600.5,
 * credit sales in the period 2,000, days in the period 90".
 */
export function kpiInputsText(kpi: Kpi, digits: number): string {
  return Object.entries(kpi.inputs)
    .map(([key, value]) => {
      const amount = typeof value === "number" && /Ar$|[sS]ales$/.test(key) ? (value / 10 ** digits).toLocaleString("en-US") : value;
      return `${INPUT_LABELS[key] ?? key} ${amount}`;
    })
    .join(", ");
}

/** A figure with its unit as people write it: "86.6% of AR", "45 days", "6.08 times a year". */
export function withUnit(value: number, unit: string): string {
  return `${value}${unit.startsWith("%") ? "" : " "}${unit}`;
}

/** The names of the figures in a Kpis record. */
export type KpiKey = Exclude<keyof Kpis, "periodDays" | "periodStart">;
