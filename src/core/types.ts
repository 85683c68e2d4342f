/**
 * Shared shapes of the functional core. Everything here is plain data: no I/O, no Office.js.
 *
 * Dates are calendar days counted from 1970-01-01 (a "day number"), never Date objects, so no
 * machine time zone can shift an invoice across midnight and aging is integer subtraction.
 * Money is an integer count of the currency's minor units (cents; yen have none).
 */

/** Calendar day as days since 1970-01-01 (UTC). 2026-01-01 is 20454. */
export type DayNumber = number;

/**
 * The sheet and table records were read from, for messages that point at a cell. One object is
 * shared by every record of a table (each record has its own row): a million records would
 * otherwise carry a million more objects for the garbage collector to copy.
 */
export interface SourceRef {
  readonly sheet: string;
  /** Table or range name, when the source is an Excel table. */
  readonly table?: string;
}

/** One invoice (or credit note) read from the user's table. */
export interface InvoiceRecord {
  invoice: string;
  customer: string;
  invoiceDate?: DayNumber;
  dueDate: DayNumber;
  /** Invoice total in minor units. */
  amountMinor: number;
  /** Balance still owed as of the as-of date, in minor units. */
  openMinor: number;
  /** ISO 4217 code when the table says; undefined means the workbook's single currency. */
  currency?: string;
  source: SourceRef;
  /** 1-based worksheet row of the record on the source's sheet. */
  row: number;
  /** Day the invoice was settled, when the table says. */
  paidDate?: DayNumber;
  /**
   * The part of the amount paid on `paidDate` (the invoice table's amount less its balance, when
   * the table gives a paid date). Kept as a number rather than a one-payment list: a ledger of a
   * million invoices would otherwise make two million more objects.
   */
  paidMinor?: number;
  /**
   * Further payments (and credits applied) with their dates: from a payments table, which then
   * stands in for the invoice table's own paid part. With them and `paidMinor` the balance can
   * be known on any day.
   */
  payments?: Payment[];
  /** Paid part whose date is unknown (a balance column without a paid date): paid by the as-of date, but when is not known. */
  undatedPaidMinor?: number;
  /** Contested by the customer: kept in aging, never chased. */
  disputed?: boolean;
  /** Day the customer promised to pay. */
  promiseDate?: DayNumber;
  /** A credit note (negative amount or a credit type), shown on its own line and netted per customer. */
  isCredit?: boolean;
  email?: string;
  contact?: string;
  terms?: string;
  notes?: string;
  /** The customer's language for reminders (e.g. "en", "fr"), from a customers table. */
  language?: string;
  /** The customer's credit limit in minor units, from the invoice or customers table. */
  creditLimitMinor?: number;
}

/** A payment applied to an invoice. */
export interface Payment {
  day: DayNumber;
  /** Minor units paid; negative for a reversal. */
  minor: number;
}

/** Whether aging counts days past the due date (the default) or days since the invoice date. */
export type AgingBasis = "due" | "invoice";

/** An aging bucket: days past due from `minDays` to `maxDays`, both inclusive; null is unbounded. */
export interface Bucket {
  label: string;
  minDays: number | null;
  maxDays: number | null;
}
