import { SYNONYMS, type Field } from "../core/columns/synonyms";
import type { FieldMapping } from "../core/columns/mapColumns";
import type { DateOrder } from "../core/parse/textDates";
import type { AgingBasis } from "../core/types";
import type { TableInfo } from "./port";

/**
 * AR Desk's settings, kept in the workbook so every co-author (and the command line) uses the
 * same ones. A shared workbook is untrusted input: everything read back is checked, and what
 * does not fit is dropped with a warning instead of breaking the run.
 */
export interface WorkbookSettings {
  /** Column mapping chosen by the user, per table (by lower-case table name), field → header text. */
  mappings: Record<string, Partial<Record<Field, string>>>;
  /** Day/month order for text dates when a column cannot tell. */
  dateOrder?: DateOrder;
  /** Aging basis: days past the due date (default) or since the invoice date. */
  basis?: AgingBasis;
  /** Upper bounds of the aging buckets in days (default 30, 60, 90, 120). */
  bucketBounds?: number[];
  /** Loss rate per bucket for the allowance (0–1), default from DESIGN.md. */
  lossRates?: number[];
  /** Currency to convert every amount to, with the workbook's rates table (optional). */
  baseCurrency?: string;
}

export const DEFAULT_SETTINGS: WorkbookSettings = { mappings: {} };

export interface SettingsRead {
  settings: WorkbookSettings;
  /** What was wrong with the stored settings, for a visible warning. */
  warnings: string[];
}

const FIELDS = new Set(Object.keys(SYNONYMS));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Settings from their stored JSON text, checked field by field. Missing or malformed parts fall
 * back to defaults, each with a warning the user sees.
 */
export function parseSettings(text: string | null): SettingsRead {
  if (text === null || text.trim() === "") return { settings: structuredClone(DEFAULT_SETTINGS), warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { settings: structuredClone(DEFAULT_SETTINGS), warnings: ["AR Desk's saved settings in this workbook are damaged; the defaults are used. Saving settings again repairs them."] };
  }
  const warnings: string[] = [];
  const settings: WorkbookSettings = structuredClone(DEFAULT_SETTINGS);
  if (!isRecord(raw)) return { settings, warnings: ["AR Desk's saved settings are not in the expected form; the defaults are used."] };
  if (raw.mappings !== undefined) {
    if (!isRecord(raw.mappings)) warnings.push("The saved column mapping is not in the expected form and was ignored.");
    else {
      for (const [table, mapping] of Object.entries(raw.mappings)) {
        if (!isRecord(mapping)) {
          warnings.push(`The saved column mapping for table "${table}" was ignored: it is not in the expected form.`);
          continue;
        }
        const clean: Partial<Record<Field, string>> = {};
        for (const [field, header] of Object.entries(mapping)) {
          if (FIELDS.has(field) && typeof header === "string") clean[field as Field] = header;
          else warnings.push(`The saved column mapping for table "${table}" had an unknown entry "${field}", ignored.`);
        }
        settings.mappings[table.toLowerCase()] = clean;
      }
    }
  }
  if (raw.dateOrder !== undefined) {
    if (raw.dateOrder === "dmy" || raw.dateOrder === "mdy") settings.dateOrder = raw.dateOrder;
    else warnings.push(`The saved date order "${String(raw.dateOrder)}" is not dmy or mdy; dates are read day first when a column cannot tell.`);
  }
  if (raw.basis !== undefined) {
    if (raw.basis === "due" || raw.basis === "invoice") settings.basis = raw.basis;
    else warnings.push(`The saved aging basis "${String(raw.basis)}" is not "due" or "invoice"; aging by due date.`);
  }
  if (raw.bucketBounds !== undefined) {
    const bounds = raw.bucketBounds;
    if (Array.isArray(bounds) && bounds.length > 0 && bounds.length <= 20 && bounds.every((b, i) => Number.isInteger(b) && b >= 1 && (i === 0 || b > bounds[i - 1]))) {
      settings.bucketBounds = bounds as number[];
    } else warnings.push("The saved aging buckets are not increasing whole numbers of days; the default buckets are used.");
  }
  if (raw.lossRates !== undefined) {
    const rates = raw.lossRates;
    if (Array.isArray(rates) && rates.length > 0 && rates.every((r) => typeof r === "number" && r >= 0 && r <= 1)) settings.lossRates = rates as number[];
    else warnings.push("The saved loss rates are not numbers between 0 and 1; the default rates are used.");
  }
  if (raw.baseCurrency !== undefined) {
    if (typeof raw.baseCurrency === "string" && /^[A-Za-z]{3}$/.test(raw.baseCurrency)) settings.baseCurrency = raw.baseCurrency.toUpperCase();
    else warnings.push(`The saved base currency "${String(raw.baseCurrency)}" is not a three-letter code; amounts are not converted.`);
  }
  return { settings, warnings };
}

/** The stored JSON text of settings. */
export function serialiseSettings(settings: WorkbookSettings): string {
  return JSON.stringify(settings);
}

/**
 * The user's saved mapping for a table, as column indexes of its current headers. A saved
 * header that is no longer in the table is dropped (the column was renamed or removed), and
 * detection fills the gap.
 */
export function savedMapping(settings: WorkbookSettings, table: Pick<TableInfo, "name" | "headers">): { mapping?: FieldMapping; stale: string[] } {
  const saved = settings.mappings[table.name.toLowerCase()];
  if (!saved) return { stale: [] };
  const mapping: FieldMapping = {};
  const stale: string[] = [];
  for (const [field, header] of Object.entries(saved) as [Field, string][]) {
    const index = table.headers.findIndex((h) => h === header);
    if (index >= 0) mapping[field] = index;
    else stale.push(header);
  }
  return { mapping, stale };
}

/** Settings with the user's mapping for a table saved by header text. */
export function withMapping(settings: WorkbookSettings, table: Pick<TableInfo, "name" | "headers">, mapping: FieldMapping): WorkbookSettings {
  const byHeader: Partial<Record<Field, string>> = {};
  for (const [field, index] of Object.entries(mapping) as [Field, number][]) {
    if (index !== undefined && table.headers[index] !== undefined) byHeader[field] = table.headers[index];
  }
  return { ...settings, mappings: { ...settings.mappings, [table.name.toLowerCase()]: byHeader } };
}

/** Cell text is limited to 32,767 characters; long settings are stored over several cells. */
export const SETTINGS_CHUNK = 30_000;

/** The settings text split into cell-sized pieces. */
export function settingsChunks(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0; i < text.length; i += SETTINGS_CHUNK) chunks.push(text.slice(i, i + SETTINGS_CHUNK));
  return chunks.length ? chunks : [""];
}
