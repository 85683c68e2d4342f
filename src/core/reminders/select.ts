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
  const levels = options.levels ?? DEFAULT_LEVELS;
  const window = courtesyWindow(levels);
  const onHold = new Set([...(options.onHold ?? [])].map(normalName));
  const minimum = options.minimumMinor;
  const minimumFor = typeof minimum === "function" ? minimum : () => minimum;
  // A ledger repeats the same few customer and currency cells: the key of each pair is built
  // once and then found by the cells themselves, rather than built again for every record.
  const keys = new Map<string, Map<string | undefined, string>>();
  const groups = new Map<string, InvoiceRecord[]>();
  for (const record of records) {
    if (!(record.openMinor > 0)) continue; // paid, or a credit
    const daysOverdue = options.asOf - record.dueDate;
    if (daysOverdue < -window) continue; // not due soon enough to mention
    if (record.invoiceDate !== undefined && record.invoiceDate > options.asOf) continue;
    let byCurrency = keys.get(record.customer);
    if (!byCurrency) keys.set(record.customer, (byCurrency = new Map()));
    let key = byCurrency.get(record.currency);
    if (key === undefined) byCurrency.set(record.currency, (key = `${record.customer.trim()}\u0000${(record.currency ?? "").toUpperCase()}`));
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }

  const sentLog = logByCustomer(options.sentLog ?? []);
  const addresses = new Map<string | undefined, ReturnType<typeof parseAddresses>>();
  const addressesIn = (email: string | undefined) => {
    let parsed = addresses.get(email);
    if (!parsed) addresses.set(email, (parsed = parseAddresses(email)));
    return parsed;
  };
  const selection: Selection = { drafts: [], skipped: [], needsContact: [], collections: [] };
  const sortedKeys = [...groups.keys()].sort(compareText);
  for (const key of sortedKeys) {
    const group = groups.get(key)!;
    const customer = group[0].customer.trim();
    const currency = (group[0].currency ?? "").toUpperCase();
    const disputed = group.filter((r) => r.disputed);
    const promised = group.filter((r) => !r.disputed && r.promiseDate !== undefined && r.promiseDate >= options.asOf);
    const eligible = group.filter((r) => !disputed.includes(r) && !promised.includes(r));
    const sum = (rs: readonly { openMinor: number }[]) => rs.reduce((s, r) => s + r.openMinor, 0);
    if (eligible.length === 0) {
      const code: SkipCode = promised.length === 0 ? "disputed" : disputed.length === 0 ? "promised" : "excluded";
      const lastPromise = Math.max(...promised.map((r) => r.promiseDate!));
      const reason =
        code === "disputed" ? "Every open item is disputed." : code === "promised" ? `Promised to pay by ${isoFromDay(lastPromise)}.` : `Every open item is disputed or under a promise to pay (until ${isoFromDay(lastPromise)}).`;
      selection.skipped.push({ customer, currency, code, reason, invoices: group.map((r) => r.invoice), totalMinor: sum(group) });
      continue;
    }
    const oldest = Math.max(...eligible.map((r) => options.asOf - r.dueDate));
    const level = levelFor(oldest, levels);
    if (!level) continue; // nothing reaches a level (e.g. no courtesy level and nothing overdue)
    const listed = eligible
      .map<DraftItem>((r) => ({
        invoice: r.invoice,
        invoiceDate: r.invoiceDate,
        dueDate: r.dueDate,
        daysOverdue: options.asOf - r.dueDate,
        amountMinor: r.amountMinor,
        openMinor: r.openMinor,
        source: r.source,
      }))
      .sort((a, b) => b.daysOverdue - a.daysOverdue || compareText(a.invoice, b.invoice));
    const invoices = listed.map((i) => i.invoice);
    const totalMinor = sum(listed);
    // A customer's rows nearly always repeat one email cell: a cell parsed the same as the row
    // before adds nothing. (Only repeats in a row are dropped: which spelling of an address
    // comes last decides the one used.)
    const emails: ReturnType<typeof parseAddresses>[] = [];
    for (const r of group) {
      const parsed = addressesIn(r.email);
      if (parsed !== emails[emails.length - 1]) emails.push(parsed);
    }
    const draft: ReminderDraft = {
      customer,
      currency,
      to: [...new Map(emails.flatMap((e) => e.valid).map((a) => [a.toLowerCase(), a])).values()],
      invalidEmails: [...new Set(emails.flatMap((e) => e.invalid))],
      contact: group.find((r) => r.contact?.trim())?.contact?.trim(),
      language: group.find((r) => r.language?.trim())?.language?.trim().toLowerCase(),
      level,
      items: listed,
      totalMinor,
      overdueMinor: sum(listed.filter((i) => i.daysOverdue > 0)),
      oldestDaysOverdue: oldest,
      asOf: options.asOf,
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
