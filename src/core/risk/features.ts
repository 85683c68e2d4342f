import { isOpenAsOf } from "../aging/ageInvoices";
import { settledOn } from "../aging/balance";
import type { DayNumber, InvoiceRecord } from "../types";
import { ExactSum } from "./exactSum";

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

/**
 * Each customer in each currency, by number, as the ledger is read: its counts and sums side by
 * side in one Float64Array, so a million records add up without allocating, and no field
 * changes kind (small integer to double) part way through, which would throw away the
 * optimised loop. Sums are plain additions, checked afterwards to have been exact (see `exact`).
 * A ledger has too many customers for their fields to stay in cache, so the fields are packed
 * together, and settled invoices (most of a ledger) touch none of them.
 */
const OPEN_COUNT = 0;
const OPEN_MINOR = 1;
/** Σ |open amount| and Σ |open amount × days past due|, and 1 once a term was not a whole number. */
const ABS_OPEN = 2;
const NOT_WHOLE = 3;
const OVERDUE_MINOR = 4;
const OPEN_POSITIVE = 5;
const OVERDUE_POSITIVE = 6;
const WEIGHTED_DAYS = 7;
const ABS_WEIGHTED = 8;
const OLDEST_OVERDUE = 9;
const OVER_90 = 10;
const OPEN_LATE = 11;
const DISPUTED_COUNT = 12;
const DISPUTED_MINOR = 13;
const BROKEN_PROMISES = 14;
const PROMISED_MINOR = 15;
const CREDIT_LIMIT = 16;
const FIELDS = 17;
/** The fields that are sums, as `sumExactly` lists them. */
const SUMS = [OPEN_MINOR, OVERDUE_MINOR, OPEN_POSITIVE, OVERDUE_POSITIVE, WEIGHTED_DAYS, OVER_90, DISPUTED_MINOR, PROMISED_MINOR] as const;

class GroupTable {
  size = 0;
  data = new Float64Array(64 * FIELDS);
  readonly customer: string[] = [];
  readonly currency: string[] = [];
  /** The customer's group in another currency, or -1: a customer's few groups in a chain. */
  readonly next: number[] = [];
  /** The customer's first group, by name: an object in dictionary mode finds a name faster than a Map. */
  private readonly first: Record<string, number | undefined> = Object.create(null);
  /** The customers, as first met (listing a dictionary's keys costs more). */
  private readonly customers: string[] = [];

  /** The group of a customer and currency, added when new. */
  find(customer: string, currency: string): number {
    const first = this.first[customer];
    let g = first ?? -1;
    while (g >= 0 && this.currency[g] !== currency) g = this.next[g];
    if (g >= 0) return g;
    g = this.size++;
    if ((g + 1) * FIELDS > this.data.length) {
      const data = new Float64Array(this.data.length * 2);
      data.set(this.data);
      this.data = data;
    }
    this.data[g * FIELDS + CREDIT_LIMIT] = -1;
    this.customer.push(customer);
    this.currency.push(currency);
    if (first === undefined) {
      this.next.push(-1);
      this.first[customer] = g;
      this.customers.push(customer);
    } else {
      this.next.push(this.next[first]);
      this.next[first] = g;
    }
    return g;
  }

  /**
   * Whether the group's plain sums are exact: every term a whole number and the terms' sizes
   * together below 2^53, so no partial sum of them, in any order, is ever rounded. Otherwise
   * they are summed again with ExactSum.
   */
  exact(g: number): boolean {
    const at = g * FIELDS;
    return this.data[at + NOT_WHOLE] === 0 && this.data[at + ABS_OPEN] < 2 ** 53 && this.data[at + ABS_WEIGHTED] < 2 ** 53;
  }

  /** The groups by customer (code-unit order, as `<` compares), each customer's by currency. */
  inOrder(): number[] {
    const order: number[] = [];
    for (const customer of [...this.customers].sort()) {
      const start = order.length;
      for (let g = this.first[customer]!; g >= 0; g = this.next[g]) {
        let j = order.length;
        while (j > start && this.currency[g] < this.currency[order[j - 1]]) j--;
        order.splice(j, 0, g);
      }
    }
    return order;
  }
}

/**
 * Arrays as long as the ledger, kept from one call to the next (and let go when a ledger much
 * smaller comes). Allocating them afresh, tens of megabytes on a million rows, made V8 mark the
 * whole heap every other call (it counts typed arrays' memory as external and marks when that
 * grows), which cost more than the features themselves.
 */
class Scratch {
  /** Each settled invoice in row order: its customer's group, due date and settled day. */
  readonly settledGroup: Int32Array;
  readonly settledDue: Float64Array;
  readonly settledDays: Float64Array;
  /** Due dates and settled days customer after customer, each customer's in history order. */
  readonly sortedDue: Float64Array;
  readonly sortedDays: Float64Array;

  constructor(readonly size: number) {
    this.settledGroup = new Int32Array(size);
    this.settledDue = new Float64Array(size);
    this.settledDays = new Float64Array(size);
    this.sortedDue = new Float64Array(size);
    this.sortedDays = new Float64Array(size);
  }
}

let scratch: Scratch | undefined;

function scratchFor(size: number): Scratch {
  if (scratch === undefined || scratch.size < size || scratch.size > 2 * size + 4096) scratch = new Scratch(size);
  return scratch;
}

/**
 * Every customer's settled invoices, customer after customer, each customer's oldest due date
 * first: the invoice (as its position in `invoices`), due date and settled day side by side in
 * typed arrays, so a million invoices make three arrays rather than a million objects.
 */
interface HistoryArrays {
  /**
   * The invoice numbers of the settled invoices in row order, taken while each record is read
   * anyway: looking them up afterwards, in history order, reached into a million records
   * scattered over the heap. A new array each call, unlike the typed scratch arrays: kept, it
   * would hold the last ledger's invoice numbers alive.
   */
  invoices: readonly string[];
  /** Each entry's position in `invoices`. */
  invoiceAt: Int32Array;
  dueDate: Float64Array;
  settledDay: Float64Array;
}

/** The sums of a customer's payment history the score reads, each kept as parts. */
const ON_TIME_WEIGHTS = 0;
const LATE_WEIGHTS = 1;
const WEIGHTED_DAYS_LATE = 2;
const KINDS = 3;

/**
 * What `customerFeatures` learnt about the payment histories of the features it returned, by
 * position: where each history lies, its list once read, and the sums the score needs. A sum is
 * kept as its parts (numbers whose exact sum it is), so sums merge exactly without an object per
 * customer.
 */
class HistoryBatch {
  readonly features: CustomerFeatures[] = [];
  /** Where each position's history starts in `invoiceAt`, and one past the last. */
  readonly start: number[] = [0];
  readonly recentDaysLate: number[] = [];
  readonly parts: number[] = [];
  /** Where each position's parts of each kind start in `parts` (KINDS per position), and one past the last. */
  readonly partStart: number[] = [0];
  readonly lists: (SettledInvoice[] | undefined)[] = [];
  /** The history was read or replaced: the list may have changed since, so the sums no longer stand for it. */
  readonly touched: boolean[] = [];
  private positions: Map<CustomerFeatures, number> | undefined;
  /**
   * The settled invoices, customer after customer, each customer's in history order: copied
   * when the histories are in order, so a list read later is the history as of the call, and
   * neither the records nor the arrays used while sorting are kept.
   */
  private invoice: string[] = [];
  private dueDate = new Float64Array(0);
  private settledDay = new Float64Array(0);

  constructor(readonly asOf: DayNumber) {}

  /** Keeps the settled invoices of `h` (in history order) for the lists. */
  keep(h: HistoryArrays): void {
    const n = h.invoiceAt.length;
    this.invoice = new Array<string>(n);
    for (let i = 0; i < n; i++) this.invoice[i] = h.invoices[h.invoiceAt[i]];
    this.dueDate = h.dueDate.slice(0, n);
    this.settledDay = h.settledDay.slice(0, n);
  }

  positionOf(f: CustomerFeatures): number | undefined {
    this.positions ??= new Map(this.features.map((f, k) => [f, k]));
    return this.positions.get(f);
  }

  list(k: number): SettledInvoice[] {
    const list: SettledInvoice[] = [];
    for (let i = this.start[k]; i < this.start[k + 1]; i++) {
      const dueDate = this.dueDate[i];
      const settledDay = this.settledDay[i];
      const entry = { invoice: this.invoice[i], dueDate, settledDay, daysLate: settledDay - dueDate, weight: recencyWeight(dueDate, this.asOf) };
      // Equal in due date and days late (kept in row order): by invoice number, row order among equals.
      let j = list.length;
      while (j > 0 && list[j - 1].dueDate === entry.dueDate && list[j - 1].daysLate === entry.daysLate && list[j - 1].invoice > entry.invoice) j--;
      list.splice(j, 0, entry);
    }
    return list;
  }
}

/** The batch each features array came in, and the batch of each features object. */
const BATCHES = new WeakMap<readonly CustomerFeatures[], HistoryBatch>();
const BATCH_OF = new WeakMap<CustomerFeatures, HistoryBatch>();

/**
 * `history` as an accessor, listed when first read and from then on what is scored: listing
 * every settled invoice as an object is most of the cost on a large ledger, and the score does
 * not need it. One descriptor shared by all features keeps them in V8's fast mode (an object
 * literal with its own getter is not, nor are objects given accessors made for each call).
 */
const HISTORY_PROPERTY: PropertyDescriptor & ThisType<CustomerFeatures> = {
  enumerable: true,
  configurable: true,
  get(): SettledInvoice[] | undefined {
    const batch = BATCH_OF.get(this);
    const k = batch?.positionOf(this);
    if (k === undefined) return undefined;
    batch!.touched[k] = true;
    return (batch!.lists[k] ??= batch!.list(k));
  },
  set(list: SettledInvoice[]) {
    const batch = BATCH_OF.get(this);
    const k = batch?.positionOf(this);
    if (k === undefined) return;
    batch!.touched[k] = true;
    batch!.lists[k] = list;
  },
};

/** The batch and position of features `customerFeatures` built, while its history is as built. */
function untouched(f: CustomerFeatures, batch: HistoryBatch | undefined, i: number): [HistoryBatch, number] | undefined {
  let k = batch?.features[i] === f ? i : undefined;
  if (k === undefined) {
    batch = BATCH_OF.get(f);
    k = batch?.positionOf(f);
  }
  return batch && k !== undefined && !batch.touched[k] ? [batch, k] : undefined;
}

/**
 * The sums of customers' payment histories the score is built from, by position in the features
 * given: kept from `customerFeatures` while a history is untouched, otherwise summed from
 * `history`. Sums are exact until read, then rounded once.
 * @example new HistoryTotals(features).weights(0) // 3.62
 */
export class HistoryTotals {
  private readonly parts: number[] = [];
  private readonly partStart: number[] = [0];
  private readonly counts: number[] = [];
  private readonly recent: number[] = [];
  private readonly sum = new ExactSum();

  constructor(features: readonly CustomerFeatures[]) {
    const batch = BATCHES.get(features);
    const sums = [new ExactSum(), new ExactSum(), new ExactSum()];
    const recent = new ExactSum();
    for (let i = 0; i < features.length; i++) {
      const f = features[i];
      const kept = untouched(f, batch, i);
      if (kept) {
        const [b, k] = kept;
        for (let j = b.partStart[k * KINDS]; j < b.partStart[(k + 1) * KINDS]; j++) this.parts.push(b.parts[j]);
        for (let kind = 0; kind < KINDS; kind++) this.partStart.push(this.partStart[this.partStart.length - 1] + b.partStart[k * KINDS + kind + 1] - b.partStart[k * KINDS + kind]);
        this.counts.push(b.start[k + 1] - b.start[k]);
        this.recent.push(b.recentDaysLate[k]);
        continue;
      }
      const history = f.history;
      for (const sum of sums) sum.reset();
      recent.reset();
      const recentFrom = Math.floor(history.length / 2);
      for (let j = 0; j < history.length; j++) {
        const h = history[j];
        sums[h.daysLate > GRACE_DAYS ? LATE_WEIGHTS : ON_TIME_WEIGHTS].add(h.weight);
        sums[WEIGHTED_DAYS_LATE].add(h.weight * h.daysLate);
        if (j >= recentFrom) recent.add(h.daysLate);
      }
      for (const sum of sums) {
        sum.partsInto(this.parts);
        this.partStart.push(this.parts.length);
      }
      this.counts.push(history.length);
      this.recent.push(recent.total());
    }
  }

  /** Settled invoices of customer i. */
  count(i: number): number {
    return this.counts[i];
  }

  /** Days late summed over the recent half of customer i's history (the later due dates), as in `recentAvgDaysLate`. */
  recentDaysLate(i: number): number {
    return this.recent[i];
  }

  /** Recency weights of customer i's settled invoices, plus `plus`. */
  weights(i: number, plus = 0): number {
    return this.total(i * KINDS + ON_TIME_WEIGHTS, i * KINDS + LATE_WEIGHTS + 1, plus);
  }

  /** Recency weights of customer i's invoices paid more than GRACE_DAYS late, plus `plus`. */
  lateWeights(i: number, plus = 0): number {
    return this.total(i * KINDS + LATE_WEIGHTS, i * KINDS + LATE_WEIGHTS + 1, plus);
  }

  /** Weight × days late over customer i's settled invoices. */
  weightedDaysLate(i: number): number {
    return this.total(i * KINDS + WEIGHTED_DAYS_LATE, i * KINDS + WEIGHTED_DAYS_LATE + 1, 0);
  }

  /** Recency weights of every customer's settled invoices. */
  allWeights(): number {
    this.sum.reset();
    for (let i = 0; i < this.counts.length; i++) this.addParts(i * KINDS + ON_TIME_WEIGHTS, i * KINDS + LATE_WEIGHTS + 1);
    return this.sum.total();
  }

  /** Weight × days late over every customer's settled invoices. */
  allWeightedDaysLate(): number {
    this.sum.reset();
    for (let i = 0; i < this.counts.length; i++) this.addParts(i * KINDS + WEIGHTED_DAYS_LATE, i * KINDS + WEIGHTED_DAYS_LATE + 1);
    return this.sum.total();
  }

  private total(fromKind: number, toKind: number, plus: number): number {
    this.sum.reset();
    this.addParts(fromKind, toKind);
    this.sum.add(plus);
    return this.sum.total();
  }

  private addParts(fromKind: number, toKind: number): void {
    for (let j = this.partStart[fromKind]; j < this.partStart[toKind]; j++) this.sum.add(this.parts[j]);
  }
}

/**
 * The risk features of every customer (per currency) as of a day, from the invoice records:
 * the open position (balance, overdue share and days, items over 90 days, disputes, broken
 * promises, credit use, share of AR) and the payment history of invoices settled on or before
 * the day. Nothing dated after the as-of date is used, so the features can be computed for a
 * past day and checked against what happened next. Sorted by customer, then currency.
 * Each `history` is listed when first read, from a copy of the settled invoices made here.
 * @example customerFeatures(records, dayFromIso("2026-03-31")!)[0].overdueShare // 0.62
 */
export function customerFeatures(records: readonly InvoiceRecord[], asOf: DayNumber): CustomerFeatures[] {
  // One pass over the records: each record's group found by its customer, then currency (the
  // last group is tried first); the open position added into the group; each settled invoice
  // noted, to be put in order per customer afterwards.
  const table = new GroupTable();
  let data = table.data;
  const { settledGroup, settledDue, settledDays, sortedDue, sortedDays } = scratchFor(records.length);
  const settledInvoice = new Array<string>(records.length);
  let settled = 0;
  let lastCustomer: string | undefined;
  let lastCurrency: string | undefined;
  let g = -1;
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const customer = r.customer;
    const currency = r.currency ?? "";
    if (g < 0 || customer !== lastCustomer || currency !== lastCurrency) {
      g = table.find(customer, currency);
      data = table.data;
      lastCustomer = customer;
      lastCurrency = currency;
    }
    const at = g * FIELDS;
    const limit = r.creditLimitMinor;
    if (limit !== undefined && Number.isFinite(limit) && limit >= 0 && limit > data[at + CREDIT_LIMIT]) data[at + CREDIT_LIMIT] = limit;
    const invoiceDate = r.invoiceDate;
    if (invoiceDate !== undefined && invoiceDate > asOf) continue; // not issued yet: neither open nor settled
    const open = r.openMinor;
    const credit = isCreditItem(r);
    if (isOpenAsOf(r, asOf)) {
      const pastDue = asOf - r.dueDate;
      data[at + OPEN_COUNT]++;
      data[at + ABS_OPEN] += Math.abs(open);
      if (!Number.isInteger(open)) data[at + NOT_WHOLE] = 1;
      data[at + OPEN_MINOR] += open;
      if (pastDue > 0) data[at + OVERDUE_MINOR] += open;
      if (open > 0 && !credit) {
        data[at + OPEN_POSITIVE] += open;
        if (r.disputed) {
          data[at + DISPUTED_COUNT]++;
          data[at + DISPUTED_MINOR] += open;
        }
        const promise = r.promiseDate;
        if (promise !== undefined && promise < asOf) data[at + BROKEN_PROMISES]++;
        if (pastDue > 0) {
          const weighted = open * pastDue;
          data[at + OVERDUE_POSITIVE] += open;
          data[at + WEIGHTED_DAYS] += weighted;
          data[at + ABS_WEIGHTED] += Math.abs(weighted);
          if (!Number.isInteger(weighted)) data[at + NOT_WHOLE] = 1;
          if (pastDue > data[at + OLDEST_OVERDUE]) data[at + OLDEST_OVERDUE] = pastDue;
          if (pastDue > 90) data[at + OVER_90] += open;
          if (pastDue > GRACE_DAYS) data[at + OPEN_LATE]++;
          if (promise !== undefined && promise >= asOf) data[at + PROMISED_MINOR] += open;
        }
      }
    }
    if (credit || open > 0) continue;
    const settledDay = settledOn(r);
    if (settledDay === undefined || settledDay > asOf) continue;
    settledGroup[settled] = g;
    settledInvoice[settled] = r.invoice;
    settledDue[settled] = r.dueDate;
    settledDays[settled++] = settledDay;
  }
  const inexact: number[] = [];
  for (let k = 0; k < table.size; k++) if (!table.exact(k)) inexact.push(k);
  if (inexact.length) sumExactly(records, asOf, table, inexact);

  // Settled invoices grouped by customer in output order (a counting sort, keeping record
  // order), then each customer's put in history order.
  const order = table.inOrder();
  const counts = new Int32Array(table.size);
  for (let s = 0; s < settled; s++) counts[settledGroup[s]]++;
  const start = new Int32Array(table.size);
  for (let k = 0, offset = 0; k < order.length; k++) {
    start[order[k]] = offset;
    offset += counts[order[k]];
  }
  const next = start.slice();
  const history: HistoryArrays = { invoices: settledInvoice, invoiceAt: new Int32Array(settled), dueDate: sortedDue, settledDay: sortedDays };
  for (let s = 0; s < settled; s++) {
    const at = next[settledGroup[s]]++;
    history.invoiceAt[at] = s;
    history.dueDate[at] = settledDue[s];
    history.settledDay[at] = settledDays[s];
  }
  let longest = 0;
  for (let k = 0; k < counts.length; k++) if (counts[k] > longest) longest = counts[k];
  const sorter = new HistorySorter(longest);
  const batch = new HistoryBatch(asOf);
  const scratch = new HistoryScratch();
  const features = order.map((k) => {
    const from = start[k];
    const to = from + counts[k];
    sorter.sort(history, from, to);
    return featuresOf(table, k, history, from, to, batch, scratch);
  });
  batch.keep(history);
  BATCHES.set(features, batch);

  // Concentration: each customer's open balance over the currency's total open balance.
  const totals = new Map<string, ExactSum>();
  for (const f of features) {
    if (f.openMinor <= 0) continue;
    let total = totals.get(f.currency);
    if (!total) totals.set(f.currency, (total = new ExactSum()));
    total.add(f.openMinor);
  }
  // Each currency's total is summed once, not once per customer.
  const totalByCurrency = new Map([...totals].map(([currency, sum]) => [currency, sum.total()]));
  for (const f of features) f.arShare = f.openMinor > 0 ? share(f.openMinor, totalByCurrency.get(f.currency) ?? 0) : 0;
  return features;
}

/**
 * The open position's sums of the groups whose plain sums may have been rounded (amounts that
 * are not whole numbers, or beyond 2^53 in all), summed again exactly, over the same terms.
 */
function sumExactly(records: readonly InvoiceRecord[], asOf: DayNumber, table: GroupTable, groups: readonly number[]): void {
  const sums = new Map(groups.map((g) => [g, SUMS.map(() => new ExactSum())]));
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const sum = sums.get(table.find(r.customer, r.currency ?? ""));
    if (!sum) continue;
    if (!isOpenAsOf(r, asOf)) continue;
    const [open, overdue, openPositive, overduePositive, weightedDays, over90, disputed, promised] = sum;
    const pastDue = asOf - r.dueDate;
    open.add(r.openMinor);
    if (pastDue > 0) overdue.add(r.openMinor);
    if (!(r.openMinor > 0) || isCreditItem(r)) continue;
    openPositive.add(r.openMinor);
    if (r.disputed) disputed.add(r.openMinor);
    if (!(pastDue > 0)) continue;
    overduePositive.add(r.openMinor);
    weightedDays.add(r.openMinor * pastDue);
    if (pastDue > 90) over90.add(r.openMinor);
    if (r.promiseDate !== undefined && r.promiseDate >= asOf) promised.add(r.openMinor);
  }
  for (const [g, sum] of sums) SUMS.forEach((field, k) => (table.data[g * FIELDS + field] = sum[k].total()));
}

/**
 * Puts one customer's settled invoices in history order: oldest due date first; equal due dates
 * put the later payment last, so the recent half is the same whatever the row order, and paying
 * any invoice later never makes the recent half earlier; then by invoice number, then row.
 * Invoices equal in due date and days late are left in row order here and put in invoice order
 * when the history is listed: they add the same days late to whichever half they fall in, so
 * the sums do not need it, and comparing their invoice numbers here would cost every sort.
 */
class HistorySorter {
  /** Scratch space for one customer's history. */
  private readonly keys: Float64Array;
  private readonly invoiceAt: Int32Array;
  private readonly dueDate: Float64Array;
  private readonly settledDay: Float64Array;

  constructor(longest: number) {
    this.keys = new Float64Array(longest);
    this.invoiceAt = new Int32Array(longest);
    this.dueDate = new Float64Array(longest);
    this.settledDay = new Float64Array(longest);
  }

  sort(h: HistoryArrays, from: number, to: number): void {
    const n = to - from;
    if (n < 2) return;
    const { dueDate, settledDay } = h;
    // Whole day numbers (as the parser gives) sort as one number each, due date, days late and
    // position packed together, in a typed array's native sort; anything else by comparison.
    let dueMin = Infinity;
    let dueMax = -Infinity;
    let lateMin = Infinity;
    let lateMax = -Infinity;
    let whole = true;
    for (let i = from; i < to; i++) {
      const due = dueDate[i];
      const late = settledDay[i] - due;
      whole &&= Number.isInteger(due) && Number.isInteger(late);
      if (due < dueMin) dueMin = due;
      if (due > dueMax) dueMax = due;
      if (late < lateMin) lateMin = late;
      if (late > lateMax) lateMax = late;
    }
    const lateSpan = lateMax - lateMin + 1;
    // Positions take the low bits, below a power of two (unpacked with exact division, not %).
    const positions = 2 ** Math.ceil(Math.log2(n));
    if (!whole || (dueMax - dueMin + 1) * lateSpan * positions >= 2 ** 53) {
      this.sortByComparison(h, from, to);
      return;
    }
    if (n <= SHORT_HISTORY) {
      insertionSort(h, from, to);
      return;
    }
    const keys = this.keys.subarray(0, n);
    for (let i = 0; i < n; i++) {
      const due = dueDate[from + i];
      keys[i] = ((due - dueMin) * lateSpan + (settledDay[from + i] - due - lateMin)) * positions + i;
    }
    keys.sort();
    for (let i = 0; i < n; i++) {
      const at = from + keys[i] - Math.floor(keys[i] / positions) * positions;
      this.invoiceAt[i] = h.invoiceAt[at];
      this.dueDate[i] = dueDate[at];
      this.settledDay[i] = settledDay[at];
    }
    this.copyBack(h, from, n);
  }

  /**
   * The order by the comparison itself, invoice numbers included, as the array sort gives it:
   * for day numbers that are not whole (or not numbers), where only the same sort gives the
   * same order, or spans too wide to pack.
   */
  private sortByComparison(h: HistoryArrays, from: number, to: number): void {
    const { invoices, invoiceAt, dueDate, settledDay } = h;
    const positions = Array.from({ length: to - from }, (_, i) => i);
    positions.sort((a, b) => {
      const dueA = dueDate[from + a];
      const dueB = dueDate[from + b];
      const invoiceA = invoices[invoiceAt[from + a]];
      const invoiceB = invoices[invoiceAt[from + b]];
      return dueA - dueB || settledDay[from + a] - dueA - (settledDay[from + b] - dueB) || (invoiceA < invoiceB ? -1 : invoiceA > invoiceB ? 1 : 0);
    });
    positions.forEach((at, i) => {
      this.invoiceAt[i] = invoiceAt[from + at];
      this.dueDate[i] = dueDate[from + at];
      this.settledDay[i] = settledDay[from + at];
    });
    this.copyBack(h, from, positions.length);
  }

  private copyBack(h: HistoryArrays, from: number, n: number): void {
    h.invoiceAt.set(this.invoiceAt.subarray(0, n), from);
    h.dueDate.set(this.dueDate.subarray(0, n), from);
    h.settledDay.set(this.settledDay.subarray(0, n), from);
  }
}

/**
 * Most customers have a few dozen settled invoices: sorted in place by insertion rather than
 * paying for a native sort's call, scratch views and unpacking.
 */
const SHORT_HISTORY = 48;

/** Insertion sort of a short history of whole day numbers by due date and days late: stable, so row order among equals. */
function insertionSort(h: HistoryArrays, from: number, to: number): void {
  const { invoiceAt, dueDate, settledDay } = h;
  for (let i = from + 1; i < to; i++) {
    const due = dueDate[i];
    const day = settledDay[i];
    const late = day - due;
    const rec = invoiceAt[i];
    let j = i;
    while (j > from) {
      const prevDue = dueDate[j - 1];
      if (!(prevDue > due || (prevDue === due && settledDay[j - 1] - prevDue > late))) break;
      dueDate[j] = prevDue;
      settledDay[j] = settledDay[j - 1];
      invoiceAt[j] = invoiceAt[j - 1];
      j--;
    }
    dueDate[j] = due;
    settledDay[j] = day;
    invoiceAt[j] = rec;
  }
}

/** Running sums of one customer's history at a time, used again for the next. */
class HistoryScratch {
  readonly olderLate = new ExactSum();
  readonly recentLate = new ExactSum();
  readonly allLate = new ExactSum();
  /** By kind: ON_TIME_WEIGHTS, LATE_WEIGHTS, WEIGHTED_DAYS_LATE. */
  readonly kinds = [new ExactSum(), new ExactSum(), new ExactSum()];
}

function featuresOf(table: GroupTable, g: number, h: HistoryArrays, from: number, to: number, batch: HistoryBatch, scratch: HistoryScratch): CustomerFeatures {
  const asOf = batch.asOf;
  const data = table.data;
  const at = g * FIELDS;
  const openPositive = data[at + OPEN_POSITIVE];
  const overduePositive = data[at + OVERDUE_POSITIVE];
  const weightedDays = data[at + WEIGHTED_DAYS];

  // The history in order: days late overall, in the older and the recent half, and the
  // recency-weighted sums the score takes from here.
  const count = to - from;
  const olderCount = Math.floor(count / 2);
  const { olderLate, recentLate, allLate, kinds } = scratch;
  olderLate.reset();
  recentLate.reset();
  for (const sum of kinds) sum.reset();
  let paidLateCount = 0;
  for (let i = from; i < to; i++) {
    const due = h.dueDate[i];
    const late = h.settledDay[i] - due;
    const weight = recencyWeight(due, asOf);
    if (i - from < olderCount) olderLate.add(late);
    else recentLate.add(late);
    if (late > GRACE_DAYS) {
      paidLateCount++;
      kinds[LATE_WEIGHTS].add(weight);
    } else kinds[ON_TIME_WEIGHTS].add(weight);
    kinds[WEIGHTED_DAYS_LATE].add(weight * late);
  }
  allLate.reset();
  allLate.addSum(olderLate);
  allLate.addSum(recentLate);
  const recentDaysLate = recentLate.total();
  const recentAvgDaysLate = count > olderCount ? recentDaysLate / (count - olderCount) : null;
  const olderAvgDaysLate = olderCount > 0 ? olderLate.total() / olderCount : null;

  const creditLimit = data[at + CREDIT_LIMIT];
  const creditLimitMinor = creditLimit >= 0 ? creditLimit : null;
  const openMinor = data[at + OPEN_MINOR];
  const disputedMinor = data[at + DISPUTED_MINOR];

  // Built in the order of the interface, `history` in its place as the batch's accessor.
  const features = {
    customer: table.customer[g],
    currency: table.currency[g],
    asOf,
    openMinor,
    openInvoices: data[at + OPEN_COUNT],
    overdueMinor: data[at + OVERDUE_MINOR],
    overdueShare: share(overduePositive, openPositive),
    avgDaysPastDue: overduePositive > 0 ? weightedDays / overduePositive : 0,
    oldestOverdueDays: data[at + OLDEST_OVERDUE],
    over90Share: share(data[at + OVER_90], openPositive),
    settledCount: count,
    avgDaysLate: count ? allLate.total() / count : null,
    paidLateShare: count ? paidLateCount / count : null,
    paidLateCount,
    recentAvgDaysLate,
    olderAvgDaysLate,
    trendDays: recentAvgDaysLate !== null && olderAvgDaysLate !== null ? recentAvgDaysLate - olderAvgDaysLate : null,
    openLateCount: data[at + OPEN_LATE],
  } as CustomerFeatures;
  Object.defineProperty(features, "history", HISTORY_PROPERTY);
  features.disputedCount = data[at + DISPUTED_COUNT];
  features.disputedMinor = disputedMinor;
  features.disputedShare = share(disputedMinor, openPositive);
  features.brokenPromises = data[at + BROKEN_PROMISES];
  features.promisedMinor = data[at + PROMISED_MINOR];
  features.creditLimitMinor = creditLimitMinor;
  features.creditUse = creditLimitMinor ? Math.max(0, openMinor) / creditLimitMinor : null;
  features.overLimit = creditLimitMinor !== null && openMinor > creditLimitMinor;
  features.arShare = 0;

  BATCH_OF.set(features, batch);
  batch.features.push(features);
  batch.start.push(to);
  batch.recentDaysLate.push(recentDaysLate);
  for (const sum of kinds) {
    sum.partsInto(batch.parts);
    batch.partStart.push(batch.parts.length);
  }
  batch.lists.push(undefined);
  batch.touched.push(false);
  return features;
}
