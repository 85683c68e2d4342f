/**
 * The reminders flow on a workbook, shared by the task pane (through src/excel/runReminders.ts)
 * and `ar-desk reminders`: read the ledger, select and check the drafts, write the "AR Reminders"
 * sheet; record a reminder as sent; save the sender and the templates in the settings.
 */
import { ArDeskError, describeError } from "../core/errors";
import { excelSerialFromDay, isoFromDay } from "../core/parse/dates";
import { DEFAULT_TEMPLATES } from "../core/reminders/defaultTemplates";
import { buildEml } from "../core/reminders/eml";
import { minorDigits } from "../core/parse/money";
import { formatMoney } from "../core/reminders/format";
import { DEFAULT_LEVELS, findLevel, validateLevels, type DunningLevel } from "../core/reminders/levels";
import { reminderKey, selectDrafts, type ReminderDraft, type Selection, type SkippedCustomer } from "../core/reminders/select";
import { draftReminders as renderDrafts, templateErrors, type ReminderTemplate, type RenderedReminder, type Sender, type TemplateProblem, type TemplateSet } from "../core/reminders/templates";
import type { DayNumber } from "../core/types";
import { archiveRows, carryUserColumns, type ReadBack } from "./annotations";
import { customersOnHold } from "./customers";
import { carryOverStatus, levelNameNow, planRemindersSheet, reminderRows, REMINDERS_TABLE, rowsFromTable, sentLogFromRows, withLevelsNow, type ReminderRow } from "./plans/remindersPlan";
import { generatedAt, readLedger, renameWarnings, type ReadOptions } from "./refreshAging";
import type { CellValue, WorkbookPort } from "./port";
import { parseSettings, serialiseSettings, type WorkbookSettings } from "./settings";

export interface DraftOptions extends ReadOptions {
  /** Sender details laid over the saved ones (the command line's --sender file). */
  sender?: Sender;
  /** Templates laid over the saved ones (the command line's --templates file). */
  templates?: TemplateSet;
  /** When the sheet is made (default: now). */
  now?: Date;
}

/** The reminder settings as drafting uses them: what the Reminders tab's editors show. */
export interface ReminderSettingsInUse {
  /** The sender used: saved details with any given over them. */
  sender: Sender;
  /** The templates used: defaults, then saved ones, then any given. */
  templates: TemplateSet;
  /** Only the templates the team saved in the workbook (the rest are defaults). */
  savedTemplates: Record<string, Record<string, ReminderTemplate>>;
  levels: readonly DunningLevel[];
  /** True when the levels are the team's own, saved in the workbook (false: the defaults). */
  levelsSaved: boolean;
  /** Who is not chased whatever they owe: the saved minimum (currency units) and hold list. */
  chase: ChaseSettings;
}

export interface DraftResult extends ReminderSettingsInUse {
  asOf: DayNumber;
  source: { table: string; sheet: string };
  selection: Selection;
  /** Drafts filled in without a hole. */
  reminders: RenderedReminder[];
  /** Drafts a template problem would leave a hole in: never drafted, listed as Skipped. */
  held: RenderedReminder[];
  problems: TemplateProblem[];
  /** The rows written to the AR Reminders table. */
  rows: ReminderRow[];
  /** The sheet written (another name when a user's sheet is called "AR Reminders"). */
  sheet: string;
  /** Rows of the invoice table left out because of errors. */
  rowsSkipped: number;
  warnings: string[];
}

/**
 * Templates laid over each other by level and language: a set that has only `first.en` keeps
 * the others' `first.fr`.
 * @example mergeTemplates(DEFAULT_TEMPLATES, { first: { en: mine } }).first.fr === DEFAULT_TEMPLATES.first.fr // true
 */
export function mergeTemplates(...sets: readonly (TemplateSet | undefined)[]): TemplateSet {
  const merged: Record<string, Record<string, ReminderTemplate>> = {};
  for (const set of sets) for (const [level, byLanguage] of Object.entries(set ?? {})) merged[level] = { ...merged[level], ...byLanguage };
  return merged;
}

/** The saved rules on who is not chased: the minimum total in currency units, and customers on hold by name. */
export interface ChaseSettings {
  minimumAmount?: number;
  onHold: string[];
}

/**
 * A minimum in currency units as minor units of a currency: 50 is 5000 cents, 50 yen, 50000 fils.
 * @example minimumMinorFor(50, "JPY") // 50
 */
export function minimumMinorFor(amount: number | undefined, currency: string): number | undefined {
  if (amount === undefined || !(amount > 0)) return undefined;
  return Math.round(amount * 10 ** minorDigits(currency || undefined));
}

/**
 * The skip reasons made specific for the user: which list holds the customer (the customers table
 * says why in its own words) and what the minimum is in the draft's currency.
 */
function explainSkips(skipped: readonly SkippedCustomer[], tableHolds: ReadonlyMap<string, string>, minimumAmount: number | undefined): SkippedCustomer[] {
  const money = (minor: number, currency: string) => formatMoney(minor, currency || undefined, "en-US");
  return skipped.map((s) => {
    if (s.code === "on-hold") {
      const cell = tableHolds.get(s.customer.trim()) ?? [...tableHolds].find(([name]) => name.toLowerCase() === s.customer.trim().toLowerCase())?.[1];
      if (cell === undefined) return { ...s, reason: "On hold: the customer is on the hold list in the Reminders tab." };
      const said = /^(x|yes|y|true|1|oui|ja|s[ií])$/i.test(cell) ? "" : ` ("${cell}")`;
      return { ...s, reason: `On hold in the customers table${said}.` };
    }
    if (s.code === "below-minimum") {
      const minimum = minimumMinorFor(minimumAmount, s.currency) ?? 0;
      return { ...s, reason: `The total ${money(s.totalMinor, s.currency)} is below the minimum to chase, ${money(minimum, s.currency)}.` };
    }
    return s;
  });
}

/** The saved reminder settings, with the sender and templates given over them (the command line's files). */
function settingsInUse(settings: WorkbookSettings, options: Pick<DraftOptions, "sender" | "templates">): ReminderSettingsInUse {
  return {
    sender: { ...settings.sender, ...options.sender },
    templates: mergeTemplates(DEFAULT_TEMPLATES, settings.templates, options.templates),
    savedTemplates: settings.templates ?? {},
    levels: settings.levels ?? DEFAULT_LEVELS,
    levelsSaved: settings.levels !== undefined,
    chase: { minimumAmount: settings.minimumAmount, onHold: settings.onHold ?? [] },
  };
}

/**
 * Who to remind as of the day, and who not and why (a level already marked Sent for the same
 * invoices is not drafted again): reads the ledger, the settings and the "AR Reminders" sheet,
 * writes nothing.
 */
async function chooseReminders(port: WorkbookPort, options: DraftOptions) {
  const { load, settings, warnings, source, date1904 } = await readLedger(port, options);
  const inUse = settingsInUse(settings, options);
  const { levels, chase } = inUse;
  const previousTable = await port.readGeneratedTable(REMINDERS_TABLE);
  const previous = previousTable ? rowsFromTable(previousTable.rows, previousTable.headers, { date1904 }) : [];
  const tableHolds = customersOnHold(load.records);
  const found = selectDrafts(load.records, {
    asOf: options.asOf,
    levels,
    onHold: new Set([...chase.onHold, ...tableHolds.keys()]),
    minimumMinor: (currency) => minimumMinorFor(chase.minimumAmount, currency),
    sentLog: sentLogFromRows(previous, levels, { date1904 }),
  });
  const selection: Selection = { ...found, skipped: explainSkips(found.skipped, tableHolds, chase.minimumAmount) };
  return { inUse, selection, previous, load, warnings, source, date1904 };
}

/**
 * Reads the ledger, selects who to remind as of the day (a level already marked Sent for the same
 * invoices is not drafted again), fills in the templates, holds back any draft with a hole, and
 * writes the "AR Reminders" sheet with what was recorded there carried over.
 */
export async function draftReminders(port: WorkbookPort, options: DraftOptions): Promise<DraftResult> {
  const { inUse, selection, previous, load, warnings, source, date1904 } = await chooseReminders(port, options);
  const { sender, templates, levels } = inUse;
  const { reminders, held, problems } = renderDrafts(selection.drafts, templates, { sender });
  const rows = carryOverStatus(previous, reminderRows(reminders, selection, held, sender.cc ?? []), levels);
  const stamp = generatedAt(options.now ?? new Date());
  const carried = await carryUserColumns(port, planRemindersSheet(rows, { asOf: options.asOf, generatedAt: stamp, date1904 }), levelsNamedNow(levels));
  const written = await port.writeSheet(carried.plan);
  const archivedTo = await archiveRows(port, carried.archived, stamp);
  warnings.push(...renameWarnings([written, ...(archivedTo ? [archivedTo] : [])]));
  return {
    ...inUse,
    asOf: options.asOf,
    source,
    selection,
    reminders,
    held,
    problems,
    rows,
    sheet: written.sheet,
    rowsSkipped: load.skipped.length,
    warnings,
  };
}

export interface ReminderSetupOptions extends Omit<DraftOptions, "asOf" | "now"> {
  /** The day whose reminders the previews use; without one, only the settings are read. */
  asOf?: DayNumber;
}

/** The Reminders tab's editors' starting point: the settings in use and who would be drafted, for previews. */
export interface ReminderSetup extends ReminderSettingsInUse {
  asOf?: DayNumber;
  /** The reminders drafting would make as of the day, not rendered: real customers to preview a template on. */
  drafts: ReminderDraft[];
  /** Why there is no customer to preview on although a day was given (e.g. no invoice table yet). */
  previewNote?: string;
  warnings: string[];
}

/**
 * The reminder settings as drafting would use them, and the drafts it would make as of the day,
 * read without writing anything: the task pane shows its settings editors from this before the
 * first drafting, which writes the "AR Reminders" sheet. A ledger that cannot be read (no invoice
 * table yet) leaves the settings readable: the reason comes back in `previewNote`.
 */
export async function loadReminderSettings(port: WorkbookPort, options: ReminderSetupOptions): Promise<ReminderSetup> {
  const { asOf } = options;
  if (asOf !== undefined) {
    try {
      const { inUse, selection, warnings } = await chooseReminders(port, { ...options, asOf });
      return { ...inUse, asOf, drafts: selection.drafts, warnings };
    } catch (error) {
      // Only what the user can fix in the ledger; a host failure or a cancel is reported as such.
      if (!(error instanceof ArDeskError) || error.code === "CANCELLED") throw error;
      const { settings, warnings } = parseSettings(await port.readSettings());
      return { ...settingsInUse(settings, options), asOf, drafts: [], previewNote: describeError(error), warnings };
    }
  }
  const { settings, warnings } = parseSettings(await port.readSettings());
  return { ...settingsInUse(settings, options), drafts: [], warnings };
}

/** A cell as the text a row of the reminders table reads (see rowsFromTable). */
const cellText = (value: CellValue | undefined) => (value === null || value === undefined || value instanceof Date ? "" : String(value).trim());

/**
 * The "AR Reminders" rows read back with each Level as the level is called now (levelNameNow), as
 * the plan writes it. The user's columns are carried by (Customer, Level, Invoices); without this,
 * renaming a level would move every note typed beside its reminders to the archive.
 */
function levelsNamedNow(levels: readonly DunningLevel[]): Record<string, ReadBack> {
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.toLowerCase();
  return {
    [REMINDERS_TABLE]: {
      alsoRead: ["Level id"],
      rows: (headers, rows) => {
        const level = headers.findIndex((h) => same(h, "Level"));
        const id = headers.findIndex((h) => same(h, "Level id"));
        if (level < 0) return rows;
        return rows.map((row) => row.map((value, i) => (i === level ? levelNameNow({ level: cellText(value), levelId: id < 0 ? "" : cellText(row[id]) }, levels) : value)));
      },
    },
  };
}

/**
 * A reminder as an .eml draft from the sender (when an address is saved) to the customer, copying
 * the sender's cc list. Dated the as-of day at noon UTC, so the same draft gives the same file.
 */
export function reminderEml(reminder: RenderedReminder, sender: Sender): string {
  const from = sender.email ? { email: sender.email, name: sender.name } : undefined;
  const date = new Date(`${isoFromDay(reminder.draft.asOf)}T12:00:00Z`);
  return buildEml({ from, to: reminder.draft.to, cc: sender.cc, subject: reminder.subject, text: reminder.text, html: reminder.html, date });
}

/** Which reminder: the customer, its level (id or name) and the invoices it lists. */
export interface ReminderRef {
  customer: string;
  level: string;
  invoices: readonly string[];
}

export interface MarkSentOptions {
  /** Who sent it, as the user typed their name. */
  by: string;
  /** The day it was sent. */
  on: DayNumber;
  /** The as-of date shown at the top of the sheet. */
  asOf: DayNumber;
  now?: Date;
}

/**
 * Records reminders as sent in the "AR Reminders" sheet (Status Sent, the date, who): the next
 * drafting does not draft that level for those invoices again. Every reminder named must be a
 * row of the sheet; otherwise nothing is written.
 */
export async function markSent(port: WorkbookPort, refs: readonly ReminderRef[], options: MarkSentOptions): Promise<{ sheet: string; rows: ReminderRow[]; warnings: string[] }> {
  const by = options.by.trim();
  if (!by) throw new ArDeskError("BAD_OPTION", "Say who sent the reminder.", "Type your name in Sent by, then mark it as sent.");
  const table = await port.readGeneratedTable(REMINDERS_TABLE);
  if (!table) throw new ArDeskError("TABLE_NOT_FOUND", "This workbook has no AR Reminders sheet yet.", "Press Draft reminders first, then mark the reminder as sent.");
  const { settings } = parseSettings(await port.readSettings());
  const levels = settings.levels ?? DEFAULT_LEVELS;
  // The pane names a level by id, a row by its Level id (or, in an older sheet, its name).
  const keyOf = (customer: string, levelId: string, invoices: readonly string[]) => reminderKey(customer, levelId, invoices);
  // Dates are written in the workbook's date system, as the sheet's other dates are.
  const { date1904 } = table;
  const rows = withLevelsNow(rowsFromTable(table.rows, table.headers, { date1904 }), levels);
  const wanted = new Map(refs.map((r) => [keyOf(r.customer, findLevel(levels, r.level)?.id ?? r.level, r.invoices), r]));
  const found = new Set<string>();
  const updated = rows.map((row) => {
    const key = keyOf(row.customer, row.levelId || row.level, row.invoices.split(","));
    if (!wanted.has(key) || row.status === "Skipped") return row;
    found.add(key);
    return row.status === "Sent" ? row : { ...row, status: "Sent" as const, sentDate: excelSerialFromDay(options.on, date1904), sentBy: by };
  });
  const missing = [...wanted].filter(([key]) => !found.has(key)).map(([, r]) => `${r.customer} (${findLevel(levels, r.level)?.name ?? r.level})`);
  if (missing.length) {
    throw new ArDeskError(
      "TABLE_NOT_FOUND",
      `The "${table.sheet}" sheet has no draft for ${missing.join(", ")}.`,
      "Someone may have drafted again since: press Draft reminders and mark it from the new list.",
    );
  }
  // Marking rows changes no keys, so the user's own columns are carried and nothing is archived.
  const carried = await carryUserColumns(port, planRemindersSheet(updated, { asOf: options.asOf, generatedAt: generatedAt(options.now ?? new Date()), date1904 }), levelsNamedNow(levels));
  const written = await port.writeSheet(carried.plan);
  return { sheet: written.sheet, rows: updated, warnings: renameWarnings([written]) };
}

/**
 * A change to the reminder settings: the sender replaced, one template saved or reset, the
 * dunning levels replaced or reset, the minimum to chase or the hold list replaced.
 */
export interface ReminderSettingsChange {
  sender?: Sender;
  /** A template for a level and language; `template: null` goes back to the default. */
  template?: { level: string; language: string; template: ReminderTemplate | null };
  /** The dunning levels; null goes back to the default levels. */
  levels?: DunningLevel[] | null;
  /** The minimum total to chase in currency units; null (or 0) chases every total. */
  minimumAmount?: number | null;
  /** Customer names not to chase; an empty list holds no one. */
  onHold?: string[];
}

const LANGUAGE = /^[a-z]{2}$/;

/**
 * Saves the sender or a template in the workbook's settings, for every co-author and the command
 * line: read, change, write, so a co-author's other settings are kept. A template with a part
 * that cannot be read, an unknown placeholder or no subject is refused and nothing is saved.
 */
export async function saveReminderSettings(port: WorkbookPort, change: ReminderSettingsChange): Promise<WorkbookSettings> {
  const stored = await port.readSettings();
  const { settings } = parseSettings(stored);
  const next: WorkbookSettings = { ...settings };
  if (change.sender) {
    const clean = Object.fromEntries(
      Object.entries(change.sender)
        .map(([k, v]) => [k, Array.isArray(v) ? v.map((s) => String(s).trim()).filter(Boolean) : typeof v === "string" ? v.trim() : v])
        .filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v !== undefined && v !== "")),
    ) as Sender;
    next.sender = clean;
  }
  if (change.template) {
    const { level, language, template } = change.template;
    const levels = settings.levels ?? DEFAULT_LEVELS;
    if (!levels.some((l) => l.id === level)) throw new ArDeskError("BAD_OPTION", `There is no dunning level "${level}".`, `Pick one of ${levels.map((l) => l.id).join(", ")}.`);
    if (!LANGUAGE.test(language)) throw new ArDeskError("BAD_OPTION", `"${language}" is not a two-letter language code.`, 'Use e.g. "en" or "fr".');
    const templates = { ...settings.templates, [level]: { ...settings.templates?.[level] } };
    if (template === null) {
      delete templates[level][language];
      if (Object.keys(templates[level]).length === 0) delete templates[level];
    } else {
      const errors = templateErrors(template, { level, language });
      if (errors.length) throw new ArDeskError("BAD_OPTION", `The ${level} template (${language}) was not saved: ${errors.map((e) => e.message).join(" ")}`, "Fix it and save again.");
      templates[level][language] = { subject: template.subject, text: template.text, html: template.html };
    }
    next.templates = templates;
  }
  if (change.levels === null) delete next.levels;
  else if (change.levels) {
    const problems = validateLevels(change.levels);
    if (problems.length) throw new ArDeskError("BAD_OPTION", `The dunning levels were not saved: ${problems.join(" ")}`, "Fix the levels and save again.");
    next.levels = change.levels.map((l) => ({ id: l.id, name: l.name.trim(), days: l.days, email: l.email, ...(l.charges ? { charges: l.charges } : {}) }));
  }
  if (change.minimumAmount === null || change.minimumAmount === 0) delete next.minimumAmount;
  else if (change.minimumAmount !== undefined) {
    if (!Number.isFinite(change.minimumAmount) || change.minimumAmount < 0) {
      throw new ArDeskError("BAD_OPTION", `The minimum amount to chase must be a number of 0 or more, not ${String(change.minimumAmount)}.`, "Type an amount such as 50, or leave it empty to chase every total.");
    }
    next.minimumAmount = change.minimumAmount;
  }
  if (change.onHold) {
    const names = [...new Map(change.onHold.map((n) => n.trim()).filter(Boolean).map((n) => [n.toLowerCase(), n])).values()];
    if (names.length) next.onHold = names;
    else delete next.onHold;
  }
  const text = serialiseSettings(next, stored);
  // What is saved must read back as saved: a value over a limit would otherwise vanish with a warning on the next read.
  const { warnings } = parseSettings(text);
  if (warnings.length) throw new ArDeskError("BAD_OPTION", `Not saved: ${warnings.join(" ")}`, "Shorten the text or correct the values, and save again.");
  await port.writeSettings(text);
  return next;
}
