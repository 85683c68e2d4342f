import type { CustomerFeatures } from "../../../src/core/risk/features";
import type { InvoiceRecord } from "../../../src/core/types";

/** 2026-03-31: 20454 (2026-01-01) + 31 + 28 + 30. */
export const AS_OF = 20543;

let row = 2;

/** An invoice due `dueOffset` days from AS_OF; open unless `paidOffset` (days from AS_OF) is given. */
export function inv(customer: string, invoice: string, dueOffset: number, amountMinor: number, extra: Partial<InvoiceRecord> & { paidOffset?: number } = {}): InvoiceRecord {
  const { paidOffset, ...rest } = extra;
  const paidDate = paidOffset === undefined ? undefined : AS_OF + paidOffset;
  const paid = paidDate !== undefined && paidDate <= AS_OF;
  return {
    invoice,
    customer,
    invoiceDate: AS_OF + dueOffset - 30,
    dueDate: AS_OF + dueOffset,
    amountMinor,
    openMinor: paid ? 0 : amountMinor,
    paidDate,
    source: { sheet: "Ledger", table: "Invoices" },
    row: row++,
    ...rest,
  };
}

/** Features of a customer with nothing open and no history, to be overridden field by field. */
export function blankFeatures(customer: string, extra: Partial<CustomerFeatures> = {}): CustomerFeatures {
  return {
    customer,
    currency: "",
    asOf: AS_OF,
    openMinor: 0,
    openInvoices: 0,
    overdueMinor: 0,
    overdueShare: 0,
    avgDaysPastDue: 0,
    oldestOverdueDays: 0,
    over90Share: 0,
    settledCount: 0,
    avgDaysLate: null,
    paidLateShare: null,
    paidLateCount: 0,
    recentAvgDaysLate: null,
    olderAvgDaysLate: null,
    trendDays: null,
    openLateCount: 0,
    history: [],
    disputedCount: 0,
    disputedMinor: 0,
    disputedShare: 0,
    brokenPromises: 0,
    promisedMinor: 0,
    creditLimitMinor: null,
    creditUse: null,
    overLimit: false,
    arShare: 0,
    ...extra,
  };
}
