import { dayFromIso } from "../../../src/core/parse/dates";
import type { InvoiceRecord } from "../../../src/core/types";

export const AS_OF = dayFromIso("2026-03-31")!;
export const day = (iso: string) => dayFromIso(iso)!;

/** An open invoice of `open` minor units, due on `due`, issued 30 days before. */
export function invoice(invoice: string, customer: string, due: string, open: number, extra: Partial<InvoiceRecord> = {}): InvoiceRecord {
  return { invoice, customer, dueDate: day(due), invoiceDate: day(due) - 30, amountMinor: open, openMinor: open, currency: "EUR", source: { sheet: "Ledger" }, row: 2, email: "ap@example.com", ...extra };
}

export const SENDER = { company: "Northwind Ltd", name: "Sam Lee", email: "ar@northwind.example", paymentInstructions: "Bank transfer to IBAN GB00 NWBK 1234 5678", paymentLink: "https://pay.northwind.example/acme" };
