import { mapColumns, toMapping, type FieldMapping } from "../core/columns/mapColumns";
import { customerKey } from "../core/validate/rules/customerNameVariants";
import { parseRows } from "../core/parse/parseRows";
import type { InvoiceRecord } from "../core/types";
import type { TableData, TableInfo } from "./port";

/** What a customers table adds to the invoices of one customer. */
export interface CustomerDetails {
  email?: string;
  contact?: string;
  language?: string;
  creditLimitMinor?: number;
}

/**
 * True for a customers table: it names customers (by name or id) and some of their details
 * (email, contact, language, credit limit), but holds no invoices.
 */
export function isCustomersTable(table: TableInfo): boolean {
  const mapping: FieldMapping = toMapping(mapColumns(table.headers).filter((m) => m.confidence >= 0.75));
  const names = mapping.customer !== undefined || mapping.customerId !== undefined;
  const details = ["email", "contact", "language", "creditLimit"].some((f) => mapping[f as keyof FieldMapping] !== undefined);
  const invoices = mapping.invoice !== undefined || mapping.dueDate !== undefined || mapping.amount !== undefined;
  return names && details && !invoices;
}

/** Customer details by key: both the customer id and the name (compared without case, punctuation or legal suffix). */
export function customerDirectory(table: TableData): Map<string, CustomerDetails> {
  const mapping = toMapping(mapColumns(table.headers));
  const { rows } = parseRows(table.rows, { mapping, firstDataRow: table.firstDataRow, date1904: table.date1904 });
  const directory = new Map<string, CustomerDetails>();
  for (const row of rows) {
    const details: CustomerDetails = {
      email: row.text.email || undefined,
      contact: row.text.contact || undefined,
      language: row.text.language.toLowerCase() || undefined,
      creditLimitMinor: row.money.creditLimit.value ?? undefined,
    };
    for (const key of [row.text.customerId, row.text.customer]) {
      const normalised = key && customerKey(key);
      if (normalised && !directory.has(normalised)) directory.set(normalised, details);
    }
  }
  return directory;
}

/**
 * Invoices with their customer's details filled in from the customers table where the invoice
 * table left them empty (what the invoice row says wins).
 */
export function joinCustomers(records: readonly InvoiceRecord[], directory: ReadonlyMap<string, CustomerDetails>): InvoiceRecord[] {
  if (directory.size === 0) return [...records];
  return records.map((record) => {
    const details = directory.get(customerKey(record.customer));
    if (!details) return record;
    return {
      ...record,
      email: record.email ?? details.email,
      contact: record.contact ?? details.contact,
      language: record.language ?? details.language,
      creditLimitMinor: record.creditLimitMinor ?? details.creditLimitMinor,
    };
  });
}
