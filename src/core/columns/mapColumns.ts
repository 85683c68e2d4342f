import { ABBREVIATIONS, GENERIC, STOP_WORDS, SYNONYMS, type Field } from "./synonyms";

export type { Field } from "./synonyms";

/** One field found in a column, with how sure AR Desk is (1 = the header says exactly that). */
export interface FieldMatch {
  field: Field;
  column: number;
  header: string;
  confidence: number;
}

/** Column index per field. */
export type FieldMapping = Partial<Record<Field, number>>;

/** The least score worth proposing a column for a field. */
const MIN_CONFIDENCE = 0.5;

/**
 * A header reduced to the words that matter: accents, case, punctuation and camelCase gone,
 * abbreviations expanded, filler words dropped.
 * @example normaliseHeader("Doc. Date") // "document date"
 * @example normaliseHeader("invoiceNo") // "invoice number"
 * @example normaliseHeader("Fecha de Vencimiento") // "fecha vencimiento"
 */
export function normaliseHeader(header: string): string {
  const words = String(header)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/\be[\s\-_.]?mail\b/g, "email")
    .replace(/#/g, " # ")
    .split(/[^a-z0-9#]+/)
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word)
    .filter((word) => !STOP_WORDS.has(word));
  return words.join(" ");
}

const NORMALISED_SYNONYMS: [Field, string[][]][] = (Object.keys(SYNONYMS) as Field[]).map((field) => [
  field,
  [...new Set(SYNONYMS[field].map(normaliseHeader))].map((s) => s.split(" ")),
]);

/** How well a normalised header says a synonym: 1 exact, less when generic or when the header says more. */
function similarity(header: string[], synonym: string[]): number {
  const generic = synonym.length === 1 && GENERIC.has(synonym[0]) ? 0.75 : 1;
  if (header.join(" ") === synonym.join(" ")) return generic;
  if (header.join("") === synonym.join("")) return 0.95 * generic;
  // Every word of the synonym appears in the header, which says more ("Invoice Number (ERP)").
  if (synonym.every((word) => header.includes(word))) return 0.85 * generic * (synonym.length / header.length) + 0.1;
  return 0;
}

/** The best score of each field for one header. */
function scoresFor(header: string): [Field, number][] {
  const words = normaliseHeader(header).split(" ").filter(Boolean);
  if (words.length === 0) return [];
  return NORMALISED_SYNONYMS.map(([field, synonyms]) => [field, Math.max(...synonyms.map((s) => similarity(words, s)))]);
}

/**
 * Which column holds each field, by header, with a confidence per match. Each column serves one
 * field and each field one column; the surest matches are taken first.
 * @example mapColumns(["Inv No", "Client", "Montant", "Échéance"]).map(m => m.field) // ["invoice", "customer", "amount", "dueDate"]
 */
export function mapColumns(headers: readonly unknown[]): FieldMatch[] {
  const candidates: FieldMatch[] = [];
  headers.forEach((header, column) => {
    if (typeof header !== "string" && typeof header !== "number") return;
    for (const [field, confidence] of scoresFor(String(header))) {
      if (confidence >= MIN_CONFIDENCE) candidates.push({ field, column, header: String(header), confidence: Math.round(confidence * 100) / 100 });
    }
  });
  candidates.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
  const usedColumns = new Set<number>();
  const matches = new Map<Field, FieldMatch>();
  for (const candidate of candidates) {
    if (usedColumns.has(candidate.column) || matches.has(candidate.field)) continue;
    usedColumns.add(candidate.column);
    matches.set(candidate.field, candidate);
  }
  return [...matches.values()].sort((a, b) => a.column - b.column);
}

/** The mapping (field → column) of a list of matches. */
export function toMapping(matches: readonly FieldMatch[]): FieldMapping {
  return Object.fromEntries(matches.map((m) => [m.field, m.column]));
}

/** Fields a table needs for aging: who owes, what, how much, when due. */
export const AGING_FIELDS: readonly Field[] = ["invoice", "customer", "amount", "dueDate"];

/**
 * Aging fields the mapping lacks. A customer id stands in for the customer name, an open balance
 * for the amount.
 */
export function missingAgingFields(mapping: FieldMapping): Field[] {
  return AGING_FIELDS.filter((field) => {
    if (mapping[field] !== undefined) return false;
    if (field === "customer") return mapping.customerId === undefined;
    if (field === "amount") return mapping.openBalance === undefined;
    return true;
  });
}

/**
 * How much a row of cells looks like an invoice table's header row: the number of aging fields
 * it names with confidence, plus a little for other fields. Used to find the header row under
 * title rows in a plain range.
 */
export function headerRowScore(cells: readonly unknown[]): number {
  const texts = cells.filter((c) => typeof c === "string" && c.trim() !== "");
  if (texts.length < 3 || texts.length < cells.filter((c) => c !== null && c !== "").length * 0.6) return 0;
  const matches = mapColumns(cells).filter((m) => m.confidence >= 0.7);
  const mapping = toMapping(matches);
  const aging = AGING_FIELDS.length - missingAgingFields(mapping).length;
  return aging + 0.1 * (matches.length - aging);
}

export const FIELD_NAMES: Record<Field, string> = {
  invoice: "invoice number",
  customer: "customer",
  customerId: "customer id",
  invoiceDate: "invoice date",
  dueDate: "due date",
  amount: "amount",
  openBalance: "open balance",
  paidAmount: "paid amount",
  paidDate: "paid date",
  currency: "currency",
  email: "email",
  contact: "contact",
  terms: "terms",
  status: "status",
  disputed: "disputed",
  promiseDate: "promise-to-pay date",
  creditLimit: "credit limit",
  notes: "notes",
  type: "document type",
  language: "language",
};
