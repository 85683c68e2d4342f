import { z } from "zod";
import { SYNONYMS, type Field } from "../core/columns/synonyms";
import type { FieldMapping } from "../core/columns/mapColumns";
import type { DateOrder } from "../core/parse/textDates";
import type { AgingBasis } from "../core/types";
import { normaliseWeights, RISK_FACTORS, type RiskWeights } from "../core/risk/score";
import { validateLevels, type DunningLevel } from "../core/reminders/levels";
import type { ReminderTemplate, Sender } from "../core/reminders/templates";
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
  /** Weights of the risk score's factors (normalised to sum to 1). */
  riskWeights?: Partial<RiskWeights>;
  /** Who reminders come from and how to pay (company details). */
  sender?: Sender;
  /** Reminder templates the team edited, by level then language (the defaults fill the rest). */
  templates?: Record<string, Record<string, ReminderTemplate>>;
  /** Dunning levels, when the team changed them. */
  levels?: DunningLevel[];
  /** Customers whose reminder totals less than this, in currency units of each draft's currency, are not chased. */
  minimumAmount?: number;
  /** Customers not to chase, by name, besides those the customers table marks on hold. */
  onHold?: string[];
}

export const DEFAULT_SETTINGS: WorkbookSettings = { mappings: {} };

export interface SettingsRead {
  settings: WorkbookSettings;
  /** What was wrong with the stored settings, for a visible warning. */
  warnings: string[];
}

const FIELD_NAMES = Object.keys(SYNONYMS) as [Field, ...Field[]];
/** One table's mapping: field name → header text. */
const TABLE_MAPPING = z.record(z.string(), z.string());

/**
 * A level's charges: a money amount and rates that computeCharges can use (a damaged one would
 * otherwise put NaN or a negative fee into a customer's email).
 */
const CHARGES = z
  .object({
    lateFeeMinor: z.number().int().min(0).max(1e12).optional(),
    lateFee: z.number().finite().min(0).max(1e12).optional(),
    annualRate: z.number().finite().min(0).max(10).optional(),
    statutory: z.object({ regime: z.enum(["uk", "eu"]), referenceRate: z.number().finite().min(-0.1).max(1) }).strip().optional(),
  })
  .strip();

/**
 * One schema per setting, so a damaged setting falls back alone while the others are kept,
 * each with a warning that names it.
 */
const PARTS = {
  mappings: {
    schema: z.record(z.string(), z.unknown()),
    warning: "The saved column mapping is not in the expected form and was ignored.",
  },
  dateOrder: { schema: z.enum(["dmy", "mdy"]), warning: "The saved date order is not dmy or mdy; dates are read day first when a column cannot tell." },
  basis: { schema: z.enum(["due", "invoice"]), warning: 'The saved aging basis is not "due" or "invoice"; aging by due date.' },
  bucketBounds: {
    schema: z
      .array(z.number().int().min(1))
      .min(1)
      .max(20)
      .refine((b) => b.every((v, i) => i === 0 || v > b[i - 1])),
    warning: "The saved aging buckets are not increasing whole numbers of days; the default buckets are used.",
  },
  lossRates: { schema: z.array(z.number().min(0).max(1)).min(1).max(21), warning: "The saved loss rates are not numbers between 0 and 1; the default rates are used." },
  riskWeights: {
    schema: z
      .record(z.enum(RISK_FACTORS as unknown as [string, ...string[]]), z.number().min(0).finite())
      .refine((weights) => {
        try {
          normaliseWeights(weights as Partial<RiskWeights>);
          return true;
        } catch {
          return false;
        }
      }),
    warning: "The saved risk weights are not non-negative numbers for known factors; the default weights are used.",
  },
  sender: {
    schema: z
      .object({
        company: z.string().max(500),
        name: z.string().max(500),
        email: z.string().max(320),
        signature: z.string().max(5000),
        paymentInstructions: z.string().max(5000),
        paymentLink: z.string().max(2000),
        cc: z.array(z.string().max(320)).max(20),
      })
      .partial()
      .strip(),
    warning: "The saved company and sender details are not in the expected form; reminders need them entered again.",
  },
  templates: {
    schema: z.record(z.string(), z.record(z.string(), z.object({ subject: z.string().max(1000), text: z.string().max(50_000), html: z.string().max(100_000) }).strip())),
    warning: "The saved reminder templates are not in the expected form; the default templates are used.",
  },
  levels: {
    schema: z
      .array(z.object({ id: z.string(), name: z.string().max(200), days: z.number().int().min(-365).max(3650), email: z.boolean(), charges: CHARGES.optional() }).passthrough())
      .refine((levels) => validateLevels(levels as DunningLevel[]).length === 0),
    warning: "The saved dunning levels are not valid; the default levels are used.",
  },
  minimumAmount: { schema: z.number().finite().min(0).max(1e12), warning: "The saved minimum amount to chase is not a number of 0 or more; every total is chased." },
  onHold: {
    schema: z.array(z.string().max(500)).max(5000),
    warning: "The saved list of customers on hold is not a list of names; only the customers table's On hold column is used.",
  },
  baseCurrency: { schema: z.string().regex(/^[A-Za-z]{3}$/).transform((c) => c.toUpperCase()), warning: "The saved base currency is not a three-letter code; amounts are not converted." },
} as const;

/**
 * Settings from their stored JSON text, checked setting by setting against its schema. Missing
 * or malformed parts fall back to defaults, each with a warning the user sees; unknown fields
 * in a saved column mapping are dropped.
 */
export function parseSettings(text: string | null): SettingsRead {
  const settings: WorkbookSettings = structuredClone(DEFAULT_SETTINGS);
  if (text === null || text.trim() === "") return { settings, warnings: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { settings, warnings: ["AR Desk's saved settings in this workbook are damaged; the defaults are used. Saving settings again repairs them."] };
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { settings, warnings: ["AR Desk's saved settings are not in the expected form; the defaults are used."] };
  }
  const warnings: string[] = [];
  const stored = raw as Record<string, unknown>;
  const target = settings as unknown as Record<string, unknown>;
  for (const [key, part] of Object.entries(PARTS)) {
    if (stored[key] === undefined) continue;
    const parsed = part.schema.safeParse(stored[key]);
    if (parsed.success) target[key] = parsed.data;
    else warnings.push(part.warning);
  }
  const mappings: WorkbookSettings["mappings"] = {};
  for (const [table, mapping] of Object.entries(settings.mappings as Record<string, unknown>)) {
    const parsed = TABLE_MAPPING.safeParse(mapping);
    if (!parsed.success) {
      warnings.push(`The saved column mapping for table "${table}" was ignored: it is not in the expected form.`);
      continue;
    }
    const clean: Partial<Record<Field, string>> = {};
    for (const [field, header] of Object.entries(parsed.data)) {
      if ((FIELD_NAMES as string[]).includes(field)) clean[field as Field] = header;
      else warnings.push(`The saved column mapping for table "${table}" had an unknown entry "${field}", ignored.`);
    }
    mappings[table.toLowerCase()] = clean;
  }
  settings.mappings = mappings;
  return { settings, warnings };
}

/** The stored JSON text of settings. */
export function serialiseSettings(settings: WorkbookSettings, stored: string | null = null): string {
  // Keys this version does not know stay as stored: a co-author on a newer version loses nothing.
  const unknown = Object.fromEntries(Object.entries(storedObject(stored)).filter(([key]) => !(key in PARTS)));
  return JSON.stringify({ ...unknown, ...settings });
}

/** The stored settings as a plain object; {} when there are none or they cannot be read. */
function storedObject(stored: string | null): Record<string, unknown> {
  try {
    const parsed: unknown = stored ? JSON.parse(stored) : {};
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    // Damaged: nothing in it can be read, so nothing is lost by starting over.
    return {};
  }
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

/** The settings the pane's Settings view edits; an absent key means "the default". */
export interface AgingSettings {
  basis?: AgingBasis;
  bucketBounds?: number[];
  lossRates?: number[];
  riskWeights?: Partial<RiskWeights>;
}

const AGING_KEYS = ["basis", "bucketBounds", "lossRates", "riskWeights"] as const;

/**
 * The stored settings text with the aging settings named in `change` replaced (a key present
 * with the value undefined is removed, so the default applies again). Everything else is kept
 * exactly as stored, even keys this version does not know, so a co-author on a newer version
 * loses nothing. Damaged text starts over: parseSettings ignores it anyway.
 * @example withAgingSettings('{"mappings":{}}', { basis: "invoice" }) // '{"mappings":{},"basis":"invoice"}'
 */
export function withAgingSettings(stored: string | null, change: AgingSettings): string {
  const next: Record<string, unknown> = { mappings: {}, ...storedObject(stored) };
  for (const key of AGING_KEYS) {
    if (!(key in change)) continue;
    if (change[key] === undefined) delete next[key];
    else next[key] = change[key];
  }
  return JSON.stringify(next);
}

/** The aging settings in effect: the saved ones (already checked by parseSettings). */
export function agingSettingsOf(settings: WorkbookSettings): AgingSettings {
  const { basis, bucketBounds, lossRates, riskWeights } = settings;
  return { basis, bucketBounds, lossRates, riskWeights };
}
