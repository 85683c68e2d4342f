import { compareText } from "../compareText";
import { minorDigits } from "../parse/money";
import type { AgingBasis, Bucket, DayNumber, InvoiceRecord } from "../types";
import { bucketIndex, makeBuckets } from "./buckets";

export interface CustomerAging {
  customer: string;
  /** ISO code of the currency of these amounts ("" when the table names none). */
  currency: string;
  /** Open minor units per bucket, in the order of `AgingReport.buckets`. */
  buckets: number[];
  total: number;
  /** Open amount past due (every bucket but the first on the due-date basis). */
  overdue: number;
  /** Open credit notes and overpayments (negative), already netted into the buckets. */
  credits: number;
  /** Open amount of invoices the customer disputes (kept in aging, flagged). */
  disputed: number;
  openInvoices: number;
  /** Days of the oldest open item (by the report's basis). */
  oldestDays: number;
}

/** One open item as aged: the detail behind every figure. */
export interface AgedItem {
  record: InvoiceRecord;
  /** Days past due (due basis) or days since the invoice date (invoice basis) on the as-of date. */
  days: number;
  bucket: number;
}

/** The aging of one currency. Amounts are never summed across currencies. */
export interface AgingReport {
  asOf: DayNumber;
  basis: AgingBasis;
  currency: string;
  /** Decimals of the currency's minor unit. */
  digits: number;
  buckets: Bucket[];
  /** Customers with open items (an invoice and a credit note that cancel out still show), most overdue first, then by name. */
  customers: CustomerAging[];
  /** Per-bucket totals across customers, in minor units. */
  totals: number[];
  grandTotal: number;
  /** Items with an open balance as of the as-of date. */
  openInvoices: number;
  /** Open items sorted by customer, then oldest first. */
  items: AgedItem[];
}

export interface AgingOptions {
  asOf: DayNumber;
  buckets?: Bucket[];
  basis?: AgingBasis;
}

/** True when the invoice is owed as of the day: issued by then and not fully paid. */
export function isOpenAsOf(record: InvoiceRecord, asOf: DayNumber): boolean {
  return record.openMinor !== 0 && (record.invoiceDate === undefined || record.invoiceDate <= asOf);
}

/**
 * Days an invoice is past its due date on the as-of date (negative while not yet due).
 * @example daysPastDue({ dueDate: 20454 } as InvoiceRecord, 20484) // 30
 */
export function daysPastDue(record: InvoiceRecord, asOf: DayNumber): number {
  return asOf - record.dueDate;
}

/**
 * Days an item counts for aging on the basis chosen: past its due date, or since its invoice
 * date (an item without an invoice date falls back to its due date).
 */
export function agingDays(record: InvoiceRecord, asOf: DayNumber, basis: AgingBasis = "due"): number {
  return basis === "invoice" && record.invoiceDate !== undefined ? asOf - record.invoiceDate : asOf - record.dueDate;
}

/**
 * The open items found, in the records' order, one column per field: the item objects are made
 * only once their order is known, so they are laid out in that order and nothing is sorted but
 * small integers.
 */
interface OpenItems {
  count: number;
  recordAt: Int32Array;
  customerOf: Int32Array;
  /** Days as whole numbers, or as any numbers once one is not a 32-bit integer (or is -0). */
  dayOf: Int32Array | Float64Array;
  bucketOf: Uint8Array | Int32Array;
  /** Every item's days are a finite number: then comparing items is a consistent order. */
  finite: boolean;
  /** Every item's days are a whole number, from `minDays` to `maxDays`. */
  whole: boolean;
  minDays: number;
  maxDays: number;
}

/** A copy of `array` with room for `size` elements. */
function grown<T extends Int32Array | Float64Array | Uint8Array>(array: T, size: number): T {
  const copy = new (array.constructor as new (size: number) => T)(size);
  copy.set(array);
  return copy;
}

/** Most customers have a few open items; groups up to this size are put in order by insertion. */
const INSERTION_MAX = 32;

/**
 * Each name's rank in the order of `compareText`, names that compare equal sharing one, and the
 * number of ranks. Collation is slow, and sorting with it costs n log n comparisons: the names
 * are first sorted by their lower-case text, which puts most ledgers' names in the collator's
 * order already, so one comparison of each neighbour both checks that and gives the ranks. Where
 * it does not, a sort with the collator itself is made.
 */
function nameRanks(names: readonly string[]): { rank: Int32Array; count: number } {
  const rank = new Int32Array(names.length);
  if (names.length === 0) return { rank, count: 1 };
  const keys = names.map((name) => (typeof name === "string" ? name.toLowerCase() : ""));
  let order = names.map((_, i) => i).sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0));
  let current = 0;
  for (let i = 1; i < order.length; i++) {
    const c = compareText(names[order[i - 1]], names[order[i]]);
    if (c > 0) {
      // A ranking only depends on which names tie, so any order the collator agrees with does.
      order = order.sort((a, b) => compareText(names[a], names[b]));
      current = 0;
      for (let j = 1; j < order.length; j++) rank[order[j]] = compareText(names[order[j - 1]], names[order[j]]) !== 0 ? ++current : current;
      return { rank, count: current + 1 };
    }
    rank[order[i]] = c !== 0 ? ++current : current;
  }
  return { rank, count: current + 1 };
}

/**
 * Puts `perm[from..to)` in order by insertion, comparing as `byAge` does: most days first, then
 * invoice number, then row. The invoice numbers are only compared on a tie in days. Returns
 * false (the range holding the same items, to be sorted by the general sort) when a row is not a
 * finite number, as then the comparison is no consistent order and only the sort the items
 * always had gives their order.
 */
function insertionSort(perm: Int32Array, from: number, to: number, open: OpenItems, records: readonly InvoiceRecord[]): boolean {
  const { recordAt, dayOf } = open;
  for (let i = from + 1; i < to; i++) {
    const item = perm[i];
    const days = dayOf[item];
    let j = i;
    while (j > from) {
      const before = perm[j - 1];
      const diff = days - dayOf[before];
      if (diff < 0) break;
      if (diff === 0) {
        const a = records[recordAt[before]];
        const b = records[recordAt[item]];
        const c = compareText(a.invoice, b.invoice);
        if (c < 0) break;
        if (c === 0) {
          const rows = a.row - b.row;
          if (!Number.isFinite(rows)) {
            perm[j] = item;
            return false;
          }
          if (rows <= 0) break;
        }
      }
      perm[j] = before;
      j--;
    }
    perm[j] = item;
  }
  return true;
}

/**
 * Puts the runs of items that tie in customer and days in order of invoice number, then row (the
 * rest of `byAge`), each run starting in the records' order. Returns false when a row is not a
 * finite number: the comparison is then no consistent order, and the caller sorts as always.
 */
function sortTies(perm: Int32Array, open: OpenItems, rank: Int32Array, records: readonly InvoiceRecord[]): boolean {
  const { count, customerOf, recordAt, dayOf } = open;
  let consistent = true;
  const byInvoice = (a: number, b: number) => {
    const ra = records[recordAt[a]];
    const rb = records[recordAt[b]];
    const c = compareText(ra.invoice, rb.invoice);
    if (c !== 0) return c;
    const rows = ra.row - rb.row;
    if (!Number.isFinite(rows)) consistent = false;
    return rows;
  };
  let from = 0;
  for (let i = 1; i <= count; i++) {
    if (i < count && dayOf[perm[i]] === dayOf[perm[from]] && rank[customerOf[perm[i]]] === rank[customerOf[perm[from]]]) continue;
    if (i - from === 2) {
      if (byInvoice(perm[from], perm[from + 1]) > 0) perm.set([perm[from + 1], perm[from]], from);
    } else if (i - from > 2) {
      perm.set(Array.from(perm.subarray(from, i)).sort(byInvoice), from);
    }
    if (!consistent) return false;
    from = i;
  }
  return true;
}

/**
 * Items by customer (in the order `compareText` puts names), then oldest first, then by invoice
 * number and row, as positions in the open items. Days are whole numbers over a short span in
 * any real ledger: then two counting sorts, by days and then by customer, leave only items that
 * tie in both to compare. Otherwise items are laid out by customer with a counting sort and each
 * customer's few items compared.
 */
function itemOrder(open: OpenItems, rank: Int32Array, ranks: number, records: readonly InvoiceRecord[]): Int32Array {
  const { count, customerOf, recordAt, dayOf, minDays, maxDays } = open;
  const starts = new Int32Array(ranks + 1);
  for (let i = 0; i < count; i++) starts[rank[customerOf[i]] + 1]++;
  for (let r = 0; r < ranks; r++) starts[r + 1] += starts[r];
  const perm = new Int32Array(count);
  if (open.whole && maxDays - minDays <= 4 * count + 1024) {
    const byDays = new Int32Array(maxDays - minDays + 2);
    for (let i = 0; i < count; i++) byDays[maxDays - dayOf[i] + 1]++;
    for (let d = 0; d <= maxDays - minDays; d++) byDays[d + 1] += byDays[d];
    const oldestFirst = new Int32Array(count);
    for (let i = 0; i < count; i++) oldestFirst[byDays[maxDays - dayOf[i]]++] = i;
    const next = starts.slice(0, ranks);
    for (let k = 0; k < count; k++) {
      const i = oldestFirst[k];
      perm[next[rank[customerOf[i]]]++] = i;
    }
    if (sortTies(perm, open, rank, records)) return perm;
  }
  const next = starts.slice(0, ranks);
  for (let i = 0; i < count; i++) perm[next[rank[customerOf[i]]]++] = i;
  const byAge = (a: number, b: number) =>
    dayOf[b] - dayOf[a] || compareText(records[recordAt[a]].invoice, records[recordAt[b]].invoice) || records[recordAt[a]].row - records[recordAt[b]].row;
  for (let r = 0; r < ranks; r++) {
    const from = starts[r];
    const to = starts[r + 1];
    if (to - from < 2) continue;
    if (open.finite && to - from <= INSERTION_MAX && insertionSort(perm, from, to, open, records)) continue;
    // The group as the counting sort laid it out (its items in the records' order), sorted as
    // the items always were: the same order even when the comparison is not consistent.
    const group = Array.from(perm.subarray(from, to)).sort((a, b) => a - b).sort(byAge);
    perm.set(group, from);
  }
  return perm;
}

/**
 * The report of `ageInvoices`. With `only`, also checks that every record is in that currency
 * and returns undefined as soon as one is not: a ledger in one currency is then aged in the one
 * pass over its records.
 */
function ageRecords(records: readonly InvoiceRecord[], asOf: DayNumber, basis: AgingBasis, buckets: Bucket[], only: string | undefined): AgingReport | undefined {
  const invoiceBasis = basis === "invoice";
  const byCustomer = new Map<string, number>();
  const totals = new Array<number>(buckets.length).fill(0);
  // Customers' rows in order of appearance; each item's customer as a position in them, for sorting.
  const rows: CustomerAging[] = [];
  const n = records.length;
  // Columns grow as items are found rather than being sized for every record: most records are
  // paid, and large typed arrays count as external memory, which brings garbage collections on.
  let capacity = Math.min(n, 4096);
  let recordAt = new Int32Array(capacity);
  let customerOf = new Int32Array(capacity);
  let dayOf: Int32Array | Float64Array = new Int32Array(capacity);
  let bucketOf: Uint8Array | Int32Array = buckets.length <= 256 ? new Uint8Array(capacity) : new Int32Array(capacity);
  let count = 0;
  let finite = true;
  let whole = true;
  let minDays = Infinity;
  let maxDays = -Infinity;
  let currency: string | undefined;
  let mixed = false;
  // Ledgers sorted by customer repeat the one just seen; its row needs no look-up then.
  let lastCustomer = "";
  let lastAt = -1;

  for (let k = 0; k < n; k++) {
    const record = records[k];
    if (only !== undefined && (record.currency ?? "") !== only) return undefined;
    if (!isOpenAsOf(record, asOf)) continue;
    const days = agingDays(record, asOf, basis);
    const index = bucketIndex(days, buckets);
    const code = record.currency ?? "";
    if (currency === undefined) currency = code;
    else if (code !== currency) mixed = true;
    const customer = record.customer;
    let at: number | undefined = lastAt;
    if (lastAt < 0 || customer !== lastCustomer) {
      at = byCustomer.get(customer);
      if (at === undefined) {
        at = rows.length;
        rows.push({ customer, currency: code, buckets: new Array<number>(buckets.length).fill(0), total: 0, overdue: 0, credits: 0, disputed: 0, openInvoices: 0, oldestDays: days });
        byCustomer.set(customer, at);
      }
      lastCustomer = customer;
      lastAt = at;
    }
    const row = rows[at];
    const amount = record.openMinor;
    row.buckets[index] += amount;
    row.total += amount;
    if (invoiceBasis ? index > 0 : days > 0) row.overdue += amount;
    if (amount < 0) row.credits += amount;
    if (record.disputed) row.disputed += amount;
    row.openInvoices += 1;
    row.oldestDays = Math.max(row.oldestDays, days);
    totals[index] += amount;

    if (count === capacity) {
      capacity = Math.min(n, capacity * 2);
      recordAt = grown(recordAt, capacity);
      customerOf = grown(customerOf, capacity);
      dayOf = grown(dayOf, capacity);
      bucketOf = grown(bucketOf, capacity);
    }
    if (days !== (days | 0) || (days === 0 && 1 / days < 0)) {
      if (dayOf instanceof Int32Array) dayOf = grown(new Float64Array(dayOf), capacity);
      if (!Number.isInteger(days)) {
        whole = false;
        if (!Number.isFinite(days)) finite = false;
      }
    }
    if (days < minDays) minDays = days;
    if (days > maxDays) maxDays = days;
    recordAt[count] = k;
    customerOf[count] = at;
    dayOf[count] = days;
    bucketOf[count] = index;
    count++;
  }
  const open: OpenItems = { count, recordAt, customerOf, dayOf, bucketOf, finite, whole: whole && count > 0, minDays, maxDays };

  const { rank, count: ranks } = nameRanks(rows.map((row) => row.customer));
  const overdue = Float64Array.from(rows, (row) => row.overdue);
  const total = Float64Array.from(rows, (row) => row.total);
  // Ranks order as compareText orders the names, so this is the comparison customers always had.
  const customers = rows
    .map((_, i) => i)
    .sort((a, b) => overdue[b] - overdue[a] || total[b] - total[a] || rank[a] - rank[b])
    .map((i) => rows[i]);
  const perm = itemOrder(open, rank, ranks, records);
  const items = new Array<AgedItem>(count);
  for (let i = 0; i < count; i++) {
    const item = perm[i];
    items[i] = { record: records[recordAt[item]], days: dayOf[item], bucket: bucketOf[item] };
  }
  const grandTotal = totals.reduce((sum, amount) => sum + amount, 0);
  const code = currency === undefined || mixed ? "" : currency;
  return { asOf, basis, currency: code, digits: minorDigits(code || undefined), buckets, customers, totals, grandTotal, openInvoices: count, items };
}

/**
 * Ages the open items of one currency into buckets, per customer and in total, in minor units.
 * Credit notes sit in the bucket of their own date and net against the customer's invoices.
 * @example ageInvoices(records, { asOf: dayFromIso("2026-03-31")! }).grandTotal
 */
export function ageInvoices(records: readonly InvoiceRecord[], options: AgingOptions): AgingReport {
  const basis = options.basis ?? "due";
  const buckets = options.buckets ?? makeBuckets(undefined, basis);
  return ageRecords(records, options.asOf, basis, buckets, undefined)!;
}

/** The aging of a whole ledger: one report per currency, largest balance first. */
export interface LedgerAging {
  asOf: DayNumber;
  basis: AgingBasis;
  buckets: Bucket[];
  currencies: AgingReport[];
}

/**
 * The records of each currency ("" for records that name none), in their order. Most ledgers are
 * in one currency: then the records are the one group, with no copy made.
 */
export function recordsByCurrency(records: readonly InvoiceRecord[]): Map<string, readonly InvoiceRecord[]> {
  const groups = new Map<string, readonly InvoiceRecord[]>();
  const only = records.length > 0 ? (records[0].currency ?? "") : "";
  if (records.every((record) => (record.currency ?? "") === only)) {
    if (records.length > 0) groups.set(only, records);
    return groups;
  }
  const lists = new Map<string, InvoiceRecord[]>();
  for (const record of records) {
    const key = record.currency ?? "";
    const list = lists.get(key);
    if (list) list.push(record);
    else lists.set(key, [record]);
  }
  for (const [key, list] of lists) groups.set(key, list);
  return groups;
}

/**
 * Ages a ledger per currency: different currencies are never added together. Records without a
 * currency form their own group (the workbook's single currency).
 */
export function ageLedger(records: readonly InvoiceRecord[], options: AgingOptions): LedgerAging {
  const basis = options.basis ?? "due";
  const buckets = options.buckets ?? makeBuckets(undefined, basis);
  if (records.length > 0) {
    // Most ledgers are in one currency: aged in one pass, that also finds whether they are.
    const only = records[0].currency ?? "";
    const report = ageRecords(records, options.asOf, basis, buckets, only);
    if (report) return { asOf: options.asOf, basis, buckets, currencies: [{ ...report, currency: only, digits: minorDigits(only || undefined) }] };
  }
  const groups = recordsByCurrency(records);
  const currencies = [...groups.entries()]
    .map(([currency, list]) => ({ ...ageInvoices(list, { ...options, basis, buckets }), currency, digits: minorDigits(currency || undefined) }))
    .filter((report) => report.openInvoices > 0 || groups.size === 1)
    .sort((a, b) => b.grandTotal - a.grandTotal || compareText(a.currency, b.currency));
  if (currencies.length === 0) currencies.push(ageInvoices([], { ...options, basis, buckets }));
  return { asOf: options.asOf, basis, buckets, currencies };
}
