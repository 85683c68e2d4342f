import { compareText } from "../compareText";
import { isoFromDay } from "../parse/dates";
import type { DayNumber, InvoiceRecord, SourceRef } from "../types";
import { parseAddresses } from "./addresses";
import { courtesyWindow, DEFAULT_LEVELS, findLevel, levelFor, type DunningLevel } from "./levels";

/** A reminder recorded as sent: which level, for which invoices. */
export interface SentLogEntry {
  customer: string;
  /** Level id or name. */
  level: string;
  invoices: string[];
  /** When it was sent (ISO date or as typed), for the reason shown. */
  sentDate?: string;
}

export interface SelectOptions {
  asOf: DayNumber;
  levels?: readonly DunningLevel[];
  /** Customers not to chase (names compared without case or surrounding spaces). */
  onHold?: ReadonlySet<string>;
  /**
   * Customers whose listed total is below this many minor units are not chased; a function gives
   * it per currency ("" for the workbook's single currency), since a minimum typed in currency
   * units is 5000 cents but 50 yen.
   */
  minimumMinor?: number | ((currency: string) => number | undefined);
  /** Reminders already sent: the same level for the same invoices is not drafted again. */
  sentLog?: readonly SentLogEntry[];
}

/** One open item listed in a reminder. */
export interface DraftItem {
  invoice: string;
  invoiceDate?: DayNumber;
  dueDate: DayNumber;
  /** Days past due as of the as-of date; zero or negative when not yet overdue. */
  daysOverdue: number;
  amountMinor: number;
  openMinor: number;
  source: SourceRef;
  /** 1-based worksheet row of the invoice. */
  row: number;
}

/** One consolidated reminder for a customer in one currency, before any template is applied. */
export interface ReminderDraft {
  customer: string;
  /** ISO code, or "" for the workbook's single currency. */
  currency: string;
  /** Valid addresses from the invoices' email cells (empty for "needs contact"). */
  to: string[];
  /** Email cell text that is not an address, for the user to fix. */
  invalidEmails: string[];
  contact?: string;
  language?: string;
  level: DunningLevel;
  /** Overdue items first, oldest first, then items soon due. */
  items: DraftItem[];
  /** Sum of the listed items. */
  totalMinor: number;
  /** Sum of the listed items that are overdue. */
  overdueMinor: number;
  /** Days past due of the oldest listed overdue item (≤ 0 for a courtesy reminder). */
  oldestDaysOverdue: number;
  asOf: DayNumber;
}

export type SkipCode = "disputed" | "promised" | "excluded" | "on-hold" | "below-minimum" | "already-sent";

export interface SkippedCustomer {
  customer: string;
  currency: string;
  code: SkipCode;
  /** A sentence for the user. */
  reason: string;
  /** The level the customer would have reached, when one was reached. */
  level?: DunningLevel;
  invoices: string[];
  totalMinor: number;
}

export interface Selection {
  drafts: ReminderDraft[];
  skipped: SkippedCustomer[];
  /** Customers with something to chase but no usable email address. */
  needsContact: ReminderDraft[];
  /** Customers past the hand-over level: an internal task, no email. */
  collections: ReminderDraft[];
}

const normalName = (name: string) => name.trim().toLowerCase();

/** The key a reminder is logged under: customer, level and invoices (sorted). */
export function reminderKey(customer: string, level: string, invoices: readonly string[]): string {
  return [normalName(customer), level.trim().toLowerCase(), [...invoices].map((i) => i.trim()).sort().join("\u0001")].join("\u0000");
}

/** The sent log by customer, so each customer looks only at its own entries. */
function logByCustomer(log: readonly SentLogEntry[]): Map<string, SentLogEntry[]> {
  const byCustomer = new Map<string, SentLogEntry[]>();
  for (const entry of log) {
    const name = normalName(entry.customer);
    const entries = byCustomer.get(name);
    if (entries) entries.push(entry);
    else byCustomer.set(name, [entry]);
  }
  return byCustomer;
}

function alreadySent(log: ReadonlyMap<string, readonly SentLogEntry[]>, levels: readonly DunningLevel[], customer: string, level: DunningLevel, invoices: readonly string[]): SentLogEntry | undefined {
  return log.get(normalName(customer))?.find((entry) => {
    if (findLevel(levels, entry.level)?.id !== level.id) return false;
    const sent = new Set(entry.invoices.map((i) => i.trim()));
    return invoices.every((i) => sent.has(i.trim()));
  });
}

/**
 * The reminders to draft as of a day: one per customer and currency, listing every open item
 * that is overdue or due within the courtesy window, at the level of the oldest eligible
 * overdue item (a courtesy reminder only when nothing is overdue). Disputed items, items under
 * a promise to pay that has not passed, and paid items are never chased; customers on hold,
 * below the minimum, or already sent this level for these invoices are skipped with a reason;
 * customers without an email address are listed as needing a contact; customers past the
 * hand-over level become collections tasks.
 * @example selectDrafts(records, { asOf: dayFromIso("2026-03-31")! }).drafts.map((d) => d.level.id) // ["first", "final"]
 */
export function selectDrafts(records: readonly InvoiceRecord[], options: SelectOptions): Selection {
  const asOf = options.asOf;
  const levels = options.levels ?? DEFAULT_LEVELS;
  const window = courtesyWindow(levels);
  const onHold = new Set([...(options.onHold ?? [])].map(normalName));
  const minimum = options.minimumMinor;
  const minimumFor = typeof minimum === "function" ? minimum : () => minimum;
  const groups = groupRecords(records, asOf, window);
  const sentLog = logByCustomer(options.sentLog ?? []);
  const addresses = new Map<string | undefined, ReturnType<typeof parseAddresses>>();
  const addressesIn = (email: string | undefined) => {
    let parsed = addresses.get(email);
    if (!parsed) addresses.set(email, (parsed = parseAddresses(email)));
    return parsed;
  };
  const selection: Selection = { drafts: [], skipped: [], needsContact: [], collections: [] };
  for (const group of groups) {
    const customer = group[0].customer.trim();
    const currency = (group[0].currency ?? "").toUpperCase();
    // One walk over the customer's rows (on a large ledger each row read costs a trip to memory):
    // disputed items and items under a promise not yet passed are not chased, the rest listed;
    // the email cells parsed and the first contact and language taken on the way.
    const listed: DraftItem[] = [];
    let disputed = 0;
    let promised = 0;
    let lastPromise = -Infinity;
    let oldest = -Infinity;
    // A customer's rows nearly always repeat one email cell: a cell parsed the same as the row
    // before adds nothing. (Only repeats in a row are dropped: which spelling of an address
    // comes last decides the one used.)
    const emails: ReturnType<typeof parseAddresses>[] = [];
    let lastEmail: string | undefined;
    let contact: string | undefined;
    let language: string | undefined;
    for (let i = 0; i < group.length; i++) {
      const r = group[i];
      const email = r.email;
      if (i === 0 || email !== lastEmail) {
        lastEmail = email;
        const parsed = addressesIn(email);
        if (parsed !== emails[emails.length - 1]) emails.push(parsed);
      }
      contact ??= r.contact?.trim() || undefined;
      language ??= r.language?.trim() || undefined;
      if (r.disputed) disputed++;
      else if (r.promiseDate !== undefined && r.promiseDate >= asOf) {
        promised++;
        lastPromise = Math.max(lastPromise, r.promiseDate);
      } else {
        const daysOverdue = asOf - r.dueDate;
        oldest = Math.max(oldest, daysOverdue);
        listed.push({ invoice: r.invoice, invoiceDate: r.invoiceDate, dueDate: r.dueDate, daysOverdue, amountMinor: r.amountMinor, openMinor: r.openMinor, source: r.source, row: r.row });
      }
    }
    if (listed.length === 0) {
      const code: SkipCode = promised === 0 ? "disputed" : disputed === 0 ? "promised" : "excluded";
      const reason =
        code === "disputed" ? "Every open item is disputed." : code === "promised" ? `Promised to pay by ${isoFromDay(lastPromise)}.` : `Every open item is disputed or under a promise to pay (until ${isoFromDay(lastPromise)}).`;
      selection.skipped.push({ customer, currency, code, reason, invoices: group.map((r) => r.invoice), totalMinor: sumOpen(group) });
      continue;
    }
    const level = levelFor(oldest, levels);
    if (!level) continue; // nothing reaches a level (e.g. no courtesy level and nothing overdue)
    sortItems(listed);
    const invoices = listed.map((i) => i.invoice);
    const totalMinor = sumOpen(listed);
    let overdueMinor = 0;
    for (const item of listed) if (item.daysOverdue > 0) overdueMinor += item.openMinor;
    const draft: ReminderDraft = {
      customer,
      currency,
      to: [...new Map(emails.flatMap((e) => e.valid).map((a) => [a.toLowerCase(), a])).values()],
      invalidEmails: [...new Set(emails.flatMap((e) => e.invalid))],
      contact,
      language: language?.toLowerCase(),
      level,
      items: listed,
      totalMinor,
      overdueMinor,
      oldestDaysOverdue: oldest,
      asOf,
    };
    const skip = (code: SkipCode, reason: string) => selection.skipped.push({ customer, currency, code, reason, level, invoices, totalMinor });
    if (onHold.has(normalName(customer))) skip("on-hold", "The customer is on hold.");
    else if (totalMinor < (minimumFor(currency) ?? -Infinity)) skip("below-minimum", "The total is below the minimum amount to chase.");
    else {
      const sent = alreadySent(sentLog, levels, customer, level, invoices);
      if (sent) skip("already-sent", `${level.name} already sent${sent.sentDate ? ` on ${sent.sentDate}` : ""} for these invoices.`);
      else if (!level.email) selection.collections.push(draft);
      else if (draft.to.length === 0) selection.needsContact.push(draft);
      else selection.drafts.push(draft);
    }
  }
  return selection;
}

/** Overdue first, most overdue first; then by invoice number. */
const compareItems = (a: DraftItem, b: DraftItem) => b.daysOverdue - a.daysOverdue || compareText(a.invoice, b.invoice);

/**
 * The items in `compareItems` order, equal items kept in row order: what the array's own stable
 * sort gives, since a stable sort by one comparison has one result. A customer lists a handful
 * of items, and a million-row ledger has some twenty thousand customers: inserting each item in
 * place, the comparison written out, costs about half of calling a comparison function back.
 */
function sortItems(items: DraftItem[]): void {
  if (items.length > 64) {
    items.sort(compareItems);
    return;
  }
  for (let i = 1; i < items.length; i++) {
    const item = items[i];
    // After every item that does not come after it (binary search), so equal items keep their order.
    let lo = 0;
    let hi = i;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = items[mid];
      if ((other.daysOverdue - item.daysOverdue || compareText(item.invoice, other.invoice)) < 0) hi = mid;
      else lo = mid + 1;
    }
    for (let j = i; j > lo; j--) items[j] = items[j - 1];
    items[lo] = item;
  }
}

/** Sum of the open amounts, left to right (as the totals shown have always been added). */
function sumOpen(items: readonly { openMinor: number }[]): number {
  let sum = 0;
  for (const item of items) sum += item.openMinor;
  return sum;
}

/**
 * The records to mention, one group per customer (trimmed) and currency (upper case), in the
 * order of those names (`compareText`), each group's records in row order: open, issued by the
 * as-of date, and overdue or due within the courtesy window.
 */
function groupRecords(records: readonly InvoiceRecord[], asOf: DayNumber, window: number): InvoiceRecord[][] {
  // A ledger repeats the same few customer and currency cells: each pair's group is found by
  // the cells themselves (the last pair tried first), its key built once per pair.
  // By customer cell: an object in dictionary mode finds a name faster than a Map.
  const byCustomer: Record<string, number | undefined> = Object.create(null);
  const cellCurrency: (string | undefined)[] = [];
  const cellGroup: number[] = [];
  /** The customer cell's cell in another currency, or -1. */
  const cellNext: number[] = [];
  const byKey = new Map<string, number>();
  const keys: string[] = [];
  const groups: InvoiceRecord[][] = [];
  let lastCustomer: string | undefined;
  let lastCurrency: string | undefined;
  let last = -1;
  for (let i = 0; i < records.length; i++) {
    const record = records[i];
    if (!(record.openMinor > 0)) continue; // paid, or a credit
    if (asOf - record.dueDate < -window) continue; // not due soon enough to mention
    if (record.invoiceDate !== undefined && record.invoiceDate > asOf) continue;
    const customer = record.customer;
    const currency = record.currency;
    if (last < 0 || customer !== lastCustomer || currency !== lastCurrency) {
      const first = byCustomer[customer] ?? -1;
      let cell = first;
      while (cell >= 0 && cellCurrency[cell] !== currency) cell = cellNext[cell];
      if (cell < 0) {
        const key = `${customer.trim()}\u0000${(currency ?? "").toUpperCase()}`;
        let group = byKey.get(key);
        if (group === undefined) {
          byKey.set(key, (group = groups.length));
          keys.push(key);
          groups.push([]);
        }
        cell = cellGroup.length;
        cellCurrency.push(currency);
        cellGroup.push(group);
        cellNext.push(first);
        byCustomer[customer] = cell;
      }
      last = cellGroup[cell];
      lastCustomer = customer;
      lastCurrency = currency;
    }
    groups[last].push(record);
  }
  return keys
    .map((key, group) => ({ key, group }))
    .sort((a, b) => compareText(a.key, b.key))
    .map(({ group }) => groups[group]);
}
