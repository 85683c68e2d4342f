/** The invoice fields AR Desk reads from a table. */
export type InvoiceField = "invoice" | "customer" | "invoiceDate" | "dueDate" | "amount" | "openBalance" | "currency";

/** Fields a table must have for aging; `amount` may be stood in for by `openBalance`. */
export const REQUIRED_FIELDS: readonly InvoiceField[] = ["invoice", "customer", "amount", "dueDate"];

/** Column index per field found. */
export type ColumnMapping = Partial<Record<InvoiceField, number>>;

/** Normalised header synonyms per field, most specific first. */
const SYNONYMS: Record<InvoiceField, string[]> = {
  invoice: ["invoice number", "invoice no", "invoice num", "invoice id", "invoice #", "invoice", "inv no", "inv number", "inv #", "document number", "doc no", "number"],
  customer: ["customer name", "customer", "client name", "client", "debtor", "account name", "customer id", "bill to"],
  invoiceDate: ["invoice date", "inv date", "document date", "doc date", "issue date", "date issued", "date"],
  dueDate: ["due date", "date due", "due", "payment due", "due on"],
  amount: ["invoice amount", "invoice total", "amount", "total", "gross amount", "value"],
  openBalance: ["open balance", "open amount", "balance due", "amount due", "outstanding", "balance", "remaining"],
  currency: ["currency", "curr", "ccy", "currency code"],
};

/**
 * A header as compared with synonyms: lower case, accents and punctuation gone, camelCase split.
 * @example normaliseHeader("invoiceNumber") // "invoice number"
 */
export function normaliseHeader(header: string): string {
  return header
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9#]+/g, " ")
    .trim();
}

/**
 * Which column holds each invoice field, by header. Each column serves one field at most;
 * an exact synonym wins over a header that merely starts with one.
 * @example detectColumns(["Invoice #", "Customer", "Amount", "Due Date"]) // { invoice: 0, customer: 1, amount: 2, dueDate: 3 }
 */
export function detectColumns(headers: readonly string[]): ColumnMapping {
  const normalised = headers.map((h) => normaliseHeader(String(h ?? "")));
  const mapping: ColumnMapping = {};
  const used = new Set<number>();
  const fields = Object.keys(SYNONYMS) as InvoiceField[];
  for (const exact of [true, false]) {
    for (const field of fields) {
      if (mapping[field] !== undefined) continue;
      for (const synonym of SYNONYMS[field]) {
        const index = normalised.findIndex(
          (h, i) => !used.has(i) && (exact ? h === synonym : h.startsWith(`${synonym} `)),
        );
        if (index >= 0) {
          mapping[field] = index;
          used.add(index);
          break;
        }
      }
    }
  }
  return mapping;
}

/** Required fields the mapping lacks (an open balance column stands in for the amount). */
export function missingFields(mapping: ColumnMapping): InvoiceField[] {
  return REQUIRED_FIELDS.filter(
    (field) => mapping[field] === undefined && !(field === "amount" && mapping.openBalance !== undefined),
  );
}

export const FIELD_LABELS: Record<InvoiceField, string> = {
  invoice: "invoice number",
  customer: "customer",
  invoiceDate: "invoice date",
  dueDate: "due date",
  amount: "amount",
  openBalance: "open balance",
  currency: "currency",
};
