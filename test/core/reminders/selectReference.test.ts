import fc from "fast-check";
import { compareText } from "../../../src/core/compareText";
import { isoFromDay } from "../../../src/core/parse/dates";
import { parseAddresses } from "../../../src/core/reminders/addresses";
import { courtesyWindow, DEFAULT_LEVELS, findLevel, levelFor, type DunningLevel } from "../../../src/core/reminders/levels";
import { selectDrafts, type DraftItem, type ReminderDraft, type Selection, type SelectOptions, type SentLogEntry, type SkipCode } from "../../../src/core/reminders/select";
import type { InvoiceRecord } from "../../../src/core/types";
import { AS_OF } from "./fixtures";

// The selection as first written (grouped through a Map of Maps, filtered three times per
// customer, a level looked up per customer), kept to check the faster one against: the same
// drafts, skips and order, field for field.
const normalName = (name: string) => name.trim().toLowerCase();

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

function referenceSelect(records: readonly InvoiceRecord[], options: SelectOptions): Selection {
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
        row: r.row,
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

/** Every field as text, in key order, undefined and -0 told apart: equal text, equal selection. */
function bits(selection: Selection): string {
  return JSON.stringify(selection, (_, v: unknown) => (v === undefined ? "#undefined" : typeof v === "number" && Object.is(v, -0) ? "#-0" : v));
}

const record = fc.record({
  customer: fc.constantFrom("Acme", "acme", " Acme ", "Beta", "Émile SA", "émile sa", "b", "10"),
  currency: fc.constantFrom(undefined, "", "EUR", "eur", "USD"),
  invoice: fc.constantFrom("A-1", "a-1", "A-2", "B-10", "B-9", "C"),
  dueOffset: fc.integer({ min: -10, max: 200 }),
  issuedOffset: fc.option(fc.integer({ min: -40, max: 5 })),
  open: fc.oneof(fc.integer({ min: -100, max: 5000 }), fc.constant(0)),
  disputed: fc.boolean(),
  promiseOffset: fc.option(fc.integer({ min: -5, max: 5 })),
  email: fc.constantFrom(undefined, "", "ap@acme.com", "AP@acme.com", "ap@acme.com; jane@acme.com", "not an address", "Jane <jane@x.org>, bad"),
  contact: fc.constantFrom(undefined, "", "  ", "Jane", " Bob "),
  language: fc.constantFrom(undefined, "", " FR ", "en"),
});

const LEVELS: DunningLevel[] = [
  { id: "first", name: "First", days: 5, email: true },
  { id: "late", name: "Late", days: 40, email: true },
  { id: "coll", name: "Coll", days: 120, email: false },
];

describe("selectDrafts against the straightforward reference", () => {
  it("selects the same drafts, skips and order on random ledgers", () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.integer({ min: 0, max: 3 }), (rows, variant) => {
        const records = rows.map(
          (r, i): InvoiceRecord => ({
            invoice: r.invoice,
            customer: r.customer,
            currency: r.currency,
            dueDate: AS_OF - r.dueOffset,
            invoiceDate: r.issuedOffset === null ? undefined : AS_OF + r.issuedOffset,
            amountMinor: Math.abs(r.open),
            openMinor: r.open,
            disputed: r.disputed || undefined,
            promiseDate: r.promiseOffset === null ? undefined : AS_OF + r.promiseOffset,
            email: r.email,
            contact: r.contact,
            language: r.language,
            source: { sheet: "Ledger" },
            row: i + 2,
          }),
        );
        const options: SelectOptions = [
          { asOf: AS_OF },
          { asOf: AS_OF, levels: LEVELS, minimumMinor: 1000 },
          { asOf: AS_OF, onHold: new Set(["ACME "]), minimumMinor: (currency: string) => (currency === "EUR" ? 500 : undefined) },
          { asOf: AS_OF, sentLog: [{ customer: " acme", level: "third reminder", invoices: ["A-1", "A-2"], sentDate: "2026-03-01" }, { customer: "Beta", level: "first", invoices: [] }] },
        ][variant];
        expect(bits(selectDrafts(records, options))).toBe(bits(referenceSelect(records, options)));
      }),
      { numRuns: 400 },
    );
  });

  it("orders one customer's many items the same, ties by invoice number in row order", () => {
    const item = fc.record({ invoice: fc.constantFrom("A-1", "a-1", "A-2", "B-10", "B-9", "C", "c", ""), dueOffset: fc.integer({ min: -3, max: 6 }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 150 }), (rows) => {
        const records = rows.map((r, i): InvoiceRecord => ({ invoice: r.invoice, customer: "Acme", currency: "EUR", dueDate: AS_OF - r.dueOffset, amountMinor: 100 + i, openMinor: 100 + i, email: "ap@acme.com", source: { sheet: "Ledger" }, row: i + 2 }));
        expect(bits(selectDrafts(records, { asOf: AS_OF }))).toBe(bits(referenceSelect(records, { asOf: AS_OF })));
      }),
      { numRuns: 200 },
    );
  });
});
