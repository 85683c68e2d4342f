import { mapColumns, normaliseHeader, toMapping, type FieldMapping } from "../core/columns/mapColumns";
import { customerKey } from "../core/validate/rules/customerNameVariants";
import { parseRows } from "../core/parse/parseRows";
import type { InvoiceRecord } from "../core/types";
import type { CellValue, TableData, TableInfo } from "./port";

/** What a customers table adds to the invoices of one customer. */
export interface CustomerDetails {
  email?: string;
  contact?: string;
  language?: string;
  creditLimitMinor?: number;
  /** The customer's cell in the On hold column, when it puts the customer on hold ("x", "Yes", "Hold until June"). */
  onHold?: string;
}

/**
 * An invoice joined with its customer's hold. The hold belongs to the customer, not the invoice,
 * so it is carried beside the record rather than added to every record's shape.
 */
export type CustomerRecord = InvoiceRecord & { customerOnHold?: string };

/**
 * Headers of a column saying the customer is not to be chased, in English, French, German and
 * Spanish; compared after normaliseHeader, as the other columns are.
 */
const HOLD_HEADERS = [
  "On hold", "Hold", "Credit hold", "Account on hold", "Blocked", "Dunning block", "Do not chase", "Do not dun",
  "Bloqué", "Client bloqué", "Blocage", "Blocage relance", "En suspens",
  "Gesperrt", "Sperre", "Kunde gesperrt", "Mahnsperre", "Kreditsperre", "Liefersperre",
  "Bloqueado", "Cliente bloqueado", "Bloqueo", "En espera", "Retenido",
];
const HOLD_WORDS = new Set(HOLD_HEADERS.map(normaliseHeader));

/**
 * The column of a customers table that says a customer is on hold, or −1.
 * @example holdColumn(["Customer", "Email", "Credit hold"]) // 2
 */
export function holdColumn(headers: readonly string[]): number {
  return headers.findIndex((h) => HOLD_WORDS.has(normaliseHeader(String(h ?? ""))));
}

/** Cell text that says "not on hold"; anything else that is not blank puts the customer on hold. */
const NOT_HELD = new Set(["", "no", "n", "false", "0", "-", "non", "nein", "falsch", "faux", "falso", "none", "aucun", "keine", "ninguno", "off"]);

/**
 * The hold a cell of the On hold column puts on a customer, or undefined when it puts none:
 * yes / true / 1 / x (and oui, ja, sí) hold, as does any other note ("Hold until June"), since a
 * team that wrote something there did not mean "chase them"; blank, no, false and 0 do not.
 * @example holdOf("x") // "x"
 * @example holdOf("No") // undefined
 */
export function holdOf(cell: CellValue | undefined): string | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === "boolean") return cell ? "TRUE" : undefined;
  if (typeof cell === "number") return cell === 0 ? undefined : String(cell);
  if (cell instanceof Date) return undefined;
  const text = cell.trim();
  return NOT_HELD.has(text.toLowerCase()) ? undefined : text;
}

/**
 * True for a customers table: it names customers (by name or id) and some of their details
 * (email, contact, language, credit limit), but holds no invoices.
 */
export function isCustomersTable(table: TableInfo): boolean {
  const mapping: FieldMapping = toMapping(mapColumns(table.headers).filter((m) => m.confidence >= 0.75));
  const names = mapping.customer !== undefined || mapping.customerId !== undefined;
  const details = ["email", "contact", "language", "creditLimit"].some((f) => mapping[f as keyof FieldMapping] !== undefined) || holdColumn(table.headers) >= 0;
  const invoices = mapping.invoice !== undefined || mapping.dueDate !== undefined || mapping.amount !== undefined;
  return names && details && !invoices;
}

/** Customer details by key: both the customer id and the name (compared without case, punctuation or legal suffix). */
export function customerDirectory(table: TableData): Map<string, CustomerDetails> {
  const mapping = toMapping(mapColumns(table.headers));
  const { rows } = parseRows(table.rows, { mapping, firstDataRow: table.firstDataRow, date1904: table.date1904 });
  const hold = holdColumn(table.headers);
  const directory = new Map<string, CustomerDetails>();
  for (const row of rows) {
    const details: CustomerDetails = {
      email: row.text.email || undefined,
      contact: row.text.contact || undefined,
      language: row.text.language.toLowerCase() || undefined,
      creditLimitMinor: row.money.creditLimit.value ?? undefined,
    };
    const onHold = hold >= 0 ? holdOf(row.raw[hold]) : undefined;
    if (onHold !== undefined) details.onHold = onHold;
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
export function joinCustomers(records: readonly InvoiceRecord[], directory: ReadonlyMap<string, CustomerDetails>): CustomerRecord[] {
  if (directory.size === 0) return [...records];
  return records.map((record) => {
    const details = directory.get(customerKey(record.customer));
    if (!details) return record;
    const joined: CustomerRecord = {
      ...record,
      email: record.email ?? details.email,
      contact: record.contact ?? details.contact,
      language: record.language ?? details.language,
      creditLimitMinor: record.creditLimitMinor ?? details.creditLimitMinor,
    };
    // Only held customers' records get the key, so the others keep the shape every record has.
    if (details.onHold !== undefined) joined.customerOnHold = details.onHold;
    return joined;
  });
}

/**
 * The customers the customers table puts on hold, by the name their invoices use, with what
 * its On hold cell says.
 */
export function customersOnHold(records: readonly CustomerRecord[]): Map<string, string> {
  const held = new Map<string, string>();
  for (const record of records) if (record.customerOnHold !== undefined && !held.has(record.customer.trim())) held.set(record.customer.trim(), record.customerOnHold);
  return held;
}
