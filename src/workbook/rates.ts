import { normaliseHeader } from "../core/columns/mapColumns";
import { minorDigits } from "../core/parse/money";
import type { InvoiceRecord } from "../core/types";
import type { CellValue, TableData, TableInfo } from "./port";

const RATE_HEADERS = new Set(["rate", "exchange rate", "fx rate", "fx", "conversion rate", "rate to base", "taux", "taux de change", "kurs", "wechselkurs", "tipo de cambio", "tasa de cambio", "tasa"]);
const CURRENCY_HEADERS = new Set(["currency", "currency code", "devise", "wahrung", "moneda", "divisa"]);

function columns(headers: readonly string[]): { currency: number; rate: number } | null {
  const normalised = headers.map((h) => normaliseHeader(h));
  const currency = normalised.findIndex((h) => CURRENCY_HEADERS.has(h));
  const rate = normalised.findIndex((h) => RATE_HEADERS.has(h));
  return currency >= 0 && rate >= 0 ? { currency, rate } : null;
}

/** True for an exchange rates table: a currency column and a rate column. */
export function isRatesTable(table: TableInfo): boolean {
  return columns(table.headers) !== null && table.headers.length <= 6;
}

/**
 * Rates from the table: units of the base currency for one unit of each currency. Rows without
 * a three-letter code or a positive number are skipped.
 */
export function readRates(table: TableData): Map<string, number> {
  const found = columns(table.headers);
  const rates = new Map<string, number>();
  if (!found) return rates;
  for (const row of table.rows) {
    const code = String(row[found.currency] ?? "").trim().toUpperCase();
    const rate = toNumber(row[found.rate]);
    if (/^[A-Z]{3}$/.test(code) && rate !== null && rate > 0) rates.set(code, rate);
  }
  return rates;
}

function toNumber(cell: CellValue): number | null {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : null;
  if (typeof cell === "string" && /^\s*\d+([.,]\d+)?\s*$/.test(cell)) return Number(cell.replace(",", "."));
  return null;
}

/**
 * The records restated in the base currency at the given rates, each amount rounded to the base
 * currency's minor unit. Currencies without a rate are returned separately, not guessed.
 * @example convertRecords(records, new Map([["USD", 0.92]]), "EUR")
 */
export function convertRecords(records: readonly InvoiceRecord[], rates: ReadonlyMap<string, number>, base: string): { records: InvoiceRecord[]; missing: string[] } {
  const baseDigits = minorDigits(base);
  const missing = new Set<string>();
  const converted: InvoiceRecord[] = [];
  for (const record of records) {
    const currency = record.currency ?? "";
    const rate = currency === base ? 1 : rates.get(currency);
    if (rate === undefined) {
      missing.add(currency || "(none)");
      continue;
    }
    const scale = rate * 10 ** (baseDigits - minorDigits(currency || undefined));
    const convert = (minor: number) => Math.round(minor * scale);
    converted.push({
      ...record,
      currency: base,
      amountMinor: convert(record.amountMinor),
      openMinor: convert(record.openMinor),
      payments: record.payments?.map((p) => ({ ...p, minor: convert(p.minor) })),
      paidMinor: record.paidMinor === undefined ? undefined : convert(record.paidMinor),
      undatedPaidMinor: record.undatedPaidMinor === undefined ? undefined : convert(record.undatedPaidMinor),
      creditLimitMinor: record.creditLimitMinor === undefined ? undefined : convert(record.creditLimitMinor),
    });
  }
  return { records: converted, missing: [...missing].sort() };
}
