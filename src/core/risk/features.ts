import { isOpenAsOf } from "../aging/ageInvoices";
import { settledOn } from "../aging/balance";
import type { DayNumber, InvoiceRecord } from "../types";
import { ExactSum, exactSum } from "./exactSum";

/**
 * Days after the due date within which a payment still counts as on time. Bank transfers take
 * a day or two and a due date on a weekend is paid on the Monday: three days absorbs both, so
 * "late" means the customer chose to pay late, not that the money was in transit.
 */
export const GRACE_DAYS = 3;

/**
 * Half-life, in days, of a settled invoice's weight in the payment history, counted from its due
 * date to the as-of date: an invoice due six months ago counts half as much as one due today.
 */
export const RECENCY_HALF_LIFE_DAYS = 180;

/** One invoice settled on or before the as-of date: the raw material of the payment history. */
export interface SettledInvoice {
  invoice: string;
  dueDate: DayNumber;
  settledDay: DayNumber;
  /** Settled day − due date: negative when paid early. */
  daysLate: number;
  /** Recency weight in (0, 1]: 0.5 ^ (days from due date to as-of ÷ half-life). */
  weight: number;
}

/** What the ledger says about one customer in one currency, as of a day. */
export interface CustomerFeatures {
  customer: string;
  /** ISO code ("" when the table names none). Amounts are never added across currencies. */
  currency: string;
  asOf: DayNumber;
  /** Open balance, net of open credit notes (as in the aging), in minor units. */
  openMinor: number;
  /** Open items (invoices and credit notes). */
  openInvoices: number;
  /** Open amount past its due date, net of past-due credits (as in the aging), in minor units. */
  overdueMinor: number;
  /** Past-due share of the open invoices (credit notes left out), 0–1. */
  overdueShare: number;
  /** Average days past due of the overdue invoices, weighted by open amount; 0 when none. */
  avgDaysPastDue: number;
  /** Days past due of the oldest overdue item; 0 when none. */
  oldestOverdueDays: number;
  /** Share of the open invoices more than 90 days past due, 0–1. */
  over90Share: number;
  /** Invoices settled on or before the as-of date (by their payment dates, or the paid date). */
  settledCount: number;
  /** Average of settled day − due date over the settled invoices; null with no history. */
  avgDaysLate: number | null;
  /** Share of settled invoices paid more than GRACE_DAYS late; null with no history. */
  paidLateShare: number | null;
  /** Settled invoices paid more than GRACE_DAYS late. */
  paidLateCount: number;
  /** Average days late of the more recent half of the settled invoices (by due date); null with none. */
  recentAvgDaysLate: number | null;
  /** Average days late of the older half; null with fewer than two settled invoices. */
  olderAvgDaysLate: number | null;
  /** Recent − older average days late: positive means paying later than before; null with fewer than two. */
  trendDays: number | null;
  /** Open invoices more than GRACE_DAYS past due: late already, whatever happens next. */
  openLateCount: number;
  /** Settled invoices, oldest due date first. */
  history: SettledInvoice[];
  /** Open invoices the customer disputes, and their open amount in minor units. */
  disputedCount: number;
  disputedMinor: number;
  /** Share of the open invoices under dispute, 0–1. */
  disputedShare: number;
  /** Open invoices whose promised payment date has passed (before the as-of date). */
  brokenPromises: number;
  /** Overdue amount covered by a promise to pay that has not yet passed (chasing pauses), minor units. */
  promisedMinor: number;
  /** Credit limit in minor units when known (the largest when rows disagree); null otherwise. */
  creditLimitMinor: number | null;
  /** Open balance ÷ credit limit; null when no limit is known or the limit is 0. */
  creditUse: number | null;
  /** True when a credit limit is known and the open balance is above it (a limit of 0 allows no credit). */
  overLimit: boolean;
  /** Share of the currency's total open receivables, 0–1. */
  arShare: number;
}

/** Display names of the features, for sheets, the pane and reasons. */
export const FEATURE_LABELS = {
  openMinor: "Open balance",
  openInvoices: "Open items",
  overdueMinor: "Overdue balance",
  overdueShare: "Overdue %",
  avgDaysPastDue: "Avg days past due",
  oldestOverdueDays: "Oldest overdue (days)",
  over90Share: "Over 90 days %",
  settledCount: "Invoices paid",
  avgDaysLate: "Avg days late",
  paidLateShare: "Paid late %",
  paidLateCount: "Invoices paid late",
  recentAvgDaysLate: "Recent avg days late",
  olderAvgDaysLate: "Older avg days late",
  trendDays: "Trend (days)",
  openLateCount: "Open items late",
  disputedCount: "Disputes",
  disputedMinor: "Disputed amount",
  disputedShare: "Disputed %",
  brokenPromises: "Broken promises",
  promisedMinor: "Promised amount",
  creditLimitMinor: "Credit limit",
  creditUse: "Credit use %",
  overLimit: "Over credit limit",
  arShare: "Share of AR",
} as const satisfies Partial<Record<keyof CustomerFeatures, string>>;

/**
 * Recency weight of an invoice due on `dueDate`, seen on `asOf`: 1 for one due today (or later),
 * halving every RECENCY_HALF_LIFE_DAYS.
 * @example recencyWeight(20454 - 180, 20454) // 0.5
 */
export function recencyWeight(dueDate: DayNumber, asOf: DayNumber): number {
  const age = Math.max(0, asOf - dueDate);
  if (age >= KNOWN_WEIGHTS.length || !Number.isInteger(age)) return 0.5 ** (age / RECENCY_HALF_LIFE_DAYS);
  let weight = KNOWN_WEIGHTS[age];
  if (weight === 0) KNOWN_WEIGHTS[age] = weight = 0.5 ** (age / RECENCY_HALF_LIFE_DAYS);
  return weight;
}

/** Weights by age in days, worked out once each (0 until then): a ledger's invoices share a few thousand ages. */
const KNOWN_WEIGHTS = new Float64Array(40_000);

const share = (part: number, whole: number) => (whole > 0 ? Math.min(1, Math.max(0, part / whole)) : 0);

/** True for a credit note or a zero or negative amount: never a payment obligation. */
function isCreditItem(record: InvoiceRecord): boolean {
  return record.isCredit === true || record.amountMinor <= 0;
}

interface Group {
  customer: string;
  currency: string;
  records: InvoiceRecord[];
}

/**
 * The risk features of every customer (per currency) as of a day, from the invoice records:
 * the open position (balance, overdue share and days, items over 90 days, disputes, broken
 * promises, credit use, share of AR) and the payment history of invoices settled on or before
 * the day. Nothing dated after the as-of date is used, so the features can be computed for a
 * past day and checked against what happened next. Sorted by customer, then currency.
 * @example customerFeatures(records, dayFromIso("2026-03-31")!)[0].overdueShare // 0.62
 */
export function customerFeatures(records: readonly InvoiceRecord[], asOf: DayNumber): CustomerFeatures[] {
  // Grouped by customer, then by currency among the customer's few: no key string per record,
  // and a customer's first currency found at once (a ledger is mostly in one).
  const byCustomer = new Map<string, Group[]>();
  let last: Group | undefined;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    const currency = record.currency ?? "";
    if (last === undefined || last.customer !== record.customer || last.currency !== currency) {
      const groups = byCustomer.get(record.customer);
      if (groups === undefined) byCustomer.set(record.customer, [(last = { customer: record.customer, currency, records: [] })]);
      else if (groups[0].currency === currency) last = groups[0];
      else {
        last = groups.find((g) => g.currency === currency);
        if (!last) groups.push((last = { customer: record.customer, currency, records: [] }));
      }
    }
    last.records.push(record);
  }
  const features = [...byCustomer.values()]
    .flat()
    .sort((a, b) => (a.customer < b.customer ? -1 : a.customer > b.customer ? 1 : a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
    .map((group) => featuresOf(group, asOf));

  // Concentration: each customer's open balance over the currency's total open balance.
  const totals = new Map<string, number[]>();
  for (const f of features) {
    if (f.openMinor <= 0) continue;
    const list = totals.get(f.currency);
    if (list) list.push(f.openMinor);
    else totals.set(f.currency, [f.openMinor]);
  }
  // Each currency's total is summed once, not once per customer.
  const totalByCurrency = new Map([...totals].map(([currency, values]) => [currency, exactSum(values)]));
  for (const f of features) f.arShare = f.openMinor > 0 ? share(f.openMinor, totalByCurrency.get(f.currency) ?? 0) : 0;
  return features;
}

function featuresOf({ customer, currency, records }: Group, asOf: DayNumber): CustomerFeatures {
  // The open position in one pass over the records, summed exactly (so in no particular order).
  let openCount = 0;
  let oldestOverdueDays = 0;
  let openLateCount = 0;
  let disputedCount = 0;
  let brokenPromises = 0;
  let creditLimit = -1;
  const openMinorSum = new ExactSum();
  const overdueMinorSum = new ExactSum();
  const openPositiveSum = new ExactSum();
  const overduePositiveSum = new ExactSum();
  const weightedDaysSum = new ExactSum();
  const over90Sum = new ExactSum();
  const disputedSum = new ExactSum();
  const promisedSum = new ExactSum();
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const limit = r.creditLimitMinor;
    if (limit !== undefined && Number.isFinite(limit) && limit >= 0 && limit > creditLimit) creditLimit = limit;
    if (!isOpenAsOf(r, asOf)) continue;
    const pastDue = asOf - r.dueDate;
    openCount++;
    openMinorSum.add(r.openMinor);
    if (pastDue > 0) overdueMinorSum.add(r.openMinor);
    if (!(r.openMinor > 0) || isCreditItem(r)) continue;
    openPositiveSum.add(r.openMinor);
    if (r.disputed) {
      disputedCount++;
      disputedSum.add(r.openMinor);
    }
    if (r.promiseDate !== undefined && r.promiseDate < asOf) brokenPromises++;
    if (!(pastDue > 0)) continue;
    overduePositiveSum.add(r.openMinor);
    weightedDaysSum.add(r.openMinor * pastDue);
    if (pastDue > oldestOverdueDays) oldestOverdueDays = pastDue;
    if (pastDue > 90) over90Sum.add(r.openMinor);
    if (pastDue > GRACE_DAYS) openLateCount++;
    if (r.promiseDate !== undefined && r.promiseDate >= asOf) promisedSum.add(r.openMinor);
  }
  const openPositive = openPositiveSum.total();
  const overduePositive = overduePositiveSum.total();
  const weightedDays = weightedDaysSum.total();

  const history: SettledInvoice[] = [];
  for (const r of records) {
    if (isCreditItem(r) || r.openMinor > 0) continue;
    if (r.invoiceDate !== undefined && r.invoiceDate > asOf) continue;
    const settledDay = settledOn(r);
    if (settledDay === undefined || settledDay > asOf) continue;
    history.push({ invoice: r.invoice, dueDate: r.dueDate, settledDay, daysLate: settledDay - r.dueDate, weight: recencyWeight(r.dueDate, asOf) });
  }
  // Oldest due first; equal due dates put the later payment last, so the recent half is the
  // same whatever the row order, and paying any invoice later never makes the recent half earlier.
  history.sort((a, b) => a.dueDate - b.dueDate || a.daysLate - b.daysLate || (a.invoice < b.invoice ? -1 : a.invoice > b.invoice ? 1 : 0));
  const olderCount = Math.floor(history.length / 2);
  const allLate = new ExactSum();
  const olderLate = new ExactSum();
  let paidLateCount = 0;
  for (let i = 0; i < history.length; i++) {
    const late = history[i].daysLate;
    allLate.add(late);
    if (i < olderCount) olderLate.add(late);
    if (late > GRACE_DAYS) paidLateCount++;
  }
  const recentLate = new ExactSum();
  for (let i = olderCount; i < history.length; i++) recentLate.add(history[i].daysLate);
  const recentAvgDaysLate = history.length > olderCount ? recentLate.total() / (history.length - olderCount) : null;
  const olderAvgDaysLate = olderCount > 0 ? olderLate.total() / olderCount : null;

  const creditLimitMinor = creditLimit >= 0 ? creditLimit : null;
  const openMinor = openMinorSum.total();
  const disputedMinor = disputedSum.total();

  return {
    customer,
    currency,
    asOf,
    openMinor,
    openInvoices: openCount,
    overdueMinor: overdueMinorSum.total(),
    overdueShare: share(overduePositive, openPositive),
    avgDaysPastDue: overduePositive > 0 ? weightedDays / overduePositive : 0,
    oldestOverdueDays,
    over90Share: share(over90Sum.total(), openPositive),
    settledCount: history.length,
    avgDaysLate: history.length ? allLate.total() / history.length : null,
    paidLateShare: history.length ? paidLateCount / history.length : null,
    paidLateCount,
    recentAvgDaysLate,
    olderAvgDaysLate,
    trendDays: recentAvgDaysLate !== null && olderAvgDaysLate !== null ? recentAvgDaysLate - olderAvgDaysLate : null,
    openLateCount,
    history,
    disputedCount,
    disputedMinor,
    disputedShare: share(disputedMinor, openPositive),
    brokenPromises,
    promisedMinor: promisedSum.total(),
    creditLimitMinor,
    creditUse: creditLimitMinor ? Math.max(0, openMinor) / creditLimitMinor : null,
    overLimit: creditLimitMinor !== null && openMinor > creditLimitMinor,
    arShare: 0,
  };
}
