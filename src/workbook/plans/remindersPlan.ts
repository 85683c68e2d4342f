import { dayFromDate, dayFromExcelSerial, excelSerialFromDay, isoFromDay } from "../../core/parse/dates";
import { minorDigits, unitsFromMinor } from "../../core/parse/money";
import { DEFAULT_LEVELS, findLevel, type DunningLevel } from "../../core/reminders/levels";
import { reminderKey, type Selection, type SentLogEntry } from "../../core/reminders/select";
import type { RenderedReminder } from "../../core/reminders/templates";
import type { DayNumber } from "../../core/types";
import type { CellValue } from "../port";
import { DATE_FORMAT, type DateSystem, type PlanCell, type SheetPlan } from "../sheetPlan";

export const REMINDERS_SHEET = "AR Reminders";
export const REMINDERS_TABLE = "ARReminders";
/**
 * "Level id" comes last: the sent log is matched on it, so renaming a level in the Reminders tab
 * does not draft a reminder already sent again, and sheets written before it existed (which end
 * at Note) still read column for column.
 */
export const REMINDER_COLUMNS = ["Customer", "To", "Cc", "Level", "Subject", "Body", "Total", "Currency", "Invoices", "Status", "Sent date", "Sent by", "Note", "Level id"] as const;

/** Excel keeps at most 32,767 characters in a cell. */
const CELL_LIMIT = 32_000;

export type ReminderStatus = "Draft" | "Sent" | "Skipped";

/** One row of the ARReminders table (a mail-merge source and the log of what was sent). */
export interface ReminderRow {
  customer: string;
  to: string;
  cc: string;
  /** The level's name, as the user reads it. */
  level: string;
  /** The level's id (DunningLevel.id), what AR Desk matches on; "" when the row names no level or an old sheet did not record it. */
  levelId: string;
  subject: string;
  body: string;
  /** In currency units. */
  total: number | null;
  currency: string;
  /** Invoice numbers, comma-separated. */
  invoices: string;
  status: ReminderStatus;
  /** An Excel date serial in the workbook's date system, or text as typed. */
  sentDate: number | string | null;
  sentBy: string;
  note: string;
}

const units = (minor: number, currency: string) => unitsFromMinor(minor, minorDigits(currency || undefined));
const joinInvoices = (invoices: readonly string[]) => invoices.join(", ");
const splitInvoices = (text: string) => text.split(",").map((s) => s.trim()).filter(Boolean);

/** The rows for this run: a Draft per reminder, a Skipped row (with the reason) per customer not drafted. */
export function reminderRows(reminders: readonly RenderedReminder[], selection: Selection, held: readonly RenderedReminder[] = [], cc: readonly string[] = []): ReminderRow[] {
  const base = (customer: string, level: DunningLevel | undefined, invoices: string[], totalMinor: number, currency: string) => ({
    customer,
    cc: cc.join("; "),
    level: level?.name ?? "",
    levelId: level?.id ?? "",
    total: units(totalMinor, currency),
    currency,
    invoices: joinInvoices(invoices),
    sentDate: null,
    sentBy: "",
  });
  const rows: ReminderRow[] = [];
  for (const r of reminders) {
    const body = r.text.length > CELL_LIMIT ? `${r.text.slice(0, CELL_LIMIT)}…` : r.text;
    rows.push({
      ...base(r.draft.customer, r.draft.level, r.draft.items.map((i) => i.invoice), r.draft.totalMinor, r.draft.currency),
      to: r.draft.to.join("; "),
      subject: r.subject,
      body,
      status: "Draft",
      note: body === r.text ? (r.charges?.notes.join(" ") ?? "") : "The body is longer than a cell holds: use the .eml file.",
    });
  }
  const skippedRow = (customer: string, level: DunningLevel | undefined, invoices: string[], totalMinor: number, currency: string, note: string, to = ""): ReminderRow => ({
    ...base(customer, level, invoices, totalMinor, currency),
    to,
    subject: "",
    body: "",
    status: "Skipped",
    note,
  });
  for (const r of held) {
    const d = r.draft;
    rows.push(skippedRow(d.customer, d.level, d.items.map((i) => i.invoice), d.totalMinor, d.currency, `Held back: ${r.problems.map((p) => p.message).join(" ")}`, d.to.join("; ")));
  }
  for (const d of selection.needsContact) {
    rows.push(skippedRow(d.customer, d.level, d.items.map((i) => i.invoice), d.totalMinor, d.currency, `Needs contact: no valid email address${d.invalidEmails.length ? ` (not an address: ${d.invalidEmails.join(", ")})` : ""}.`));
  }
  for (const d of selection.collections) {
    rows.push(skippedRow(d.customer, d.level, d.items.map((i) => i.invoice), d.totalMinor, d.currency, `${d.level.name}: an internal task, no email (oldest item ${d.oldestDaysOverdue} days past due).`));
  }
  for (const s of selection.skipped) rows.push(skippedRow(s.customer, s.level, s.invoices, s.totalMinor, s.currency, s.reason));
  return rows;
}

const text = (value: CellValue | undefined) => (value === null || value === undefined ? "" : value instanceof Date ? isoFromDay(dayFromDate(value) ?? 0) : String(value).trim());

function sentDateCell(value: CellValue | undefined, dates: DateSystem): number | string | null {
  if (value instanceof Date) {
    const day = dayFromDate(value);
    return day === null ? null : excelSerialFromDay(day, dates.date1904);
  }
  if (typeof value === "number" || (typeof value === "string" && value.trim())) return value;
  return null;
}

/**
 * Rows read back from the ARReminders table. With its headers, columns are found by name, so a
 * column the user inserted or moved does not shift Status or Sent date; without, REMINDER_COLUMNS order.
 * A sent date handed over as a Date (files) becomes a serial of the workbook's date system.
 */
export function rowsFromTable(cells: readonly (readonly CellValue[])[], headers?: readonly string[], dates: DateSystem = {}): ReminderRow[] {
  const wanted = headers?.map((h) => String(h ?? "").trim().toLowerCase());
  const index = REMINDER_COLUMNS.map((name, i) => {
    if (!wanted) return i;
    return wanted.indexOf(name.toLowerCase());
  });
  const at = (row: readonly CellValue[], column: (typeof REMINDER_COLUMNS)[number]) => {
    const i = index[REMINDER_COLUMNS.indexOf(column)];
    return i < 0 ? undefined : row[i];
  };
  return cells.map((row) => {
    const status = text(at(row, "Status")).toLowerCase();
    const total = at(row, "Total");
    return {
      customer: text(at(row, "Customer")),
      to: text(at(row, "To")),
      cc: text(at(row, "Cc")),
      level: text(at(row, "Level")),
      levelId: text(at(row, "Level id")),
      subject: text(at(row, "Subject")),
      body: text(at(row, "Body")),
      total: typeof total === "number" ? total : null,
      currency: text(at(row, "Currency")),
      invoices: text(at(row, "Invoices")),
      status: status === "sent" ? "Sent" : status === "skipped" ? "Skipped" : "Draft",
      sentDate: sentDateCell(at(row, "Sent date"), dates),
      sentBy: text(at(row, "Sent by")),
      note: text(at(row, "Note")),
    };
  });
}

/**
 * The id of the level a row is at: its Level id; for a row of a sheet written before that
 * column, the level of that name. Such a sheet names a renamed level by its old name, so a
 * default level's name still leads to its id while a level with that id is in use.
 * @example levelIdOf({ level: "First reminder", levelId: "" }, [{ id: "first", name: "Friendly reminder", days: 1, email: true }]) // "first"
 */
export function levelIdOf(row: Pick<ReminderRow, "level" | "levelId">, levels: readonly DunningLevel[]): string {
  const id = row.levelId.trim().toLowerCase();
  if (id) return levels.find((l) => l.id.toLowerCase() === id)?.id ?? row.levelId.trim();
  const named = findLevel(levels, row.level);
  if (named) return named.id;
  const name = row.level.trim().toLowerCase();
  const byDefault = name ? DEFAULT_LEVELS.find((l) => l.name.toLowerCase() === name) : undefined;
  return byDefault && levels.some((l) => l.id === byDefault.id) ? byDefault.id : "";
}

/**
 * The level as it is called now, for a row's Level cell: a renamed level's rows show the new
 * name, so the sheet reads one way and a row keeps its key (and the user's notes beside it) however
 * often the level is renamed. A level no longer in use keeps the name written.
 */
export function levelNameNow(row: Pick<ReminderRow, "level" | "levelId">, levels: readonly DunningLevel[]): string {
  const id = levelIdOf(row, levels);
  return (id && levels.find((l) => l.id === id)?.name) || row.level;
}

/** Rows read back from the sheet with their level id filled in and their level named as it is now (see levelIdOf). */
export function withLevelsNow(rows: readonly ReminderRow[], levels: readonly DunningLevel[]): ReminderRow[] {
  return rows.map((row) => ({ ...row, levelId: levelIdOf(row, levels), level: levelNameNow(row, levels) }));
}

// By level id where the row has one: a level's name can change between two draftings.
const rowKey = (row: ReminderRow) => reminderKey(row.customer, row.levelId || row.level, splitInvoices(row.invoices));

/**
 * The new rows with what the user recorded carried over by (customer, level id, invoices): a row
 * marked Sent stays Sent with its date and sender. Sent rows no longer produced are kept at the
 * end, so the sheet remains the log of what was sent across refreshes. The previous rows' levels
 * are resolved against `levels` (see levelIdOf), so a row of an older sheet, or of a level renamed
 * since, still meets its reminder.
 * @example carryOverStatus([{ …, status: "Sent", sentDate: 46112 }], [{ …same key, status: "Skipped" }], levels)[0].status // "Sent"
 */
export function carryOverStatus(previousRows: readonly ReminderRow[], newRows: readonly ReminderRow[], levels: readonly DunningLevel[]): ReminderRow[] {
  const sent = new Map(withLevelsNow(previousRows.filter((r) => r.status === "Sent"), levels).map((r) => [rowKey(r), r]));
  const used = new Set<string>();
  const rows = newRows.map((row) => {
    const key = rowKey(row);
    const previous = sent.get(key);
    if (!previous) return row;
    used.add(key);
    return { ...row, subject: row.subject || previous.subject, body: row.body || previous.body, to: row.to || previous.to, status: "Sent" as const, sentDate: previous.sentDate, sentBy: previous.sentBy, note: previous.note };
  });
  for (const [key, previous] of sent) if (!used.has(key)) rows.push(previous);
  return rows;
}

/**
 * The sent log kept in the sheet: every row marked Sent, with its level resolved to an id when
 * known and its sent date as ISO text (a serial read in the workbook's date system).
 */
export function sentLogFromRows(rows: readonly ReminderRow[], levels: readonly DunningLevel[], dates: DateSystem = {}): SentLogEntry[] {
  const sentOn = (serial: number) => {
    const day = dayFromExcelSerial(serial, dates.date1904);
    return day === null ? undefined : isoFromDay(day);
  };
  return rows
    .filter((r) => r.status === "Sent")
    .map((r) => ({
      customer: r.customer,
      level: levelIdOf(r, levels) || r.level,
      invoices: splitInvoices(r.invoices),
      sentDate: typeof r.sentDate === "number" ? sentOn(r.sentDate) : r.sentDate ?? undefined,
    }));
}

/**
 * The "AR Reminders" sheet: a title, the as-of date and a note, then the ARReminders table with
 * one row per reminder (Draft), per customer not drafted (Skipped, with the reason in Note), and
 * the reminders already sent (Sent). Usable as a mail-merge source: To, Subject and Body.
 */
export function planRemindersSheet(rows: readonly ReminderRow[], context: { asOf: DayNumber; generatedAt: string } & DateSystem): SheetPlan {
  const body: PlanCell[][] = rows.map((r) => [r.customer, r.to, r.cc, r.level, r.subject, r.body, r.total, r.currency, r.invoices, r.status, r.sentDate, r.sentBy, r.note, r.levelId]);
  const drafts = rows.filter((r) => r.status === "Draft").length;
  return {
    name: REMINDERS_SHEET,
    kind: "reminders",
    blocks: [
      { at: "A1", values: [["AR Reminders"]], style: "title" },
      { at: "A2", values: [["As of"], ["Generated"]], style: "label" },
      { at: "B2", values: [[excelSerialFromDay(context.asOf, context.date1904)]], numberFormat: DATE_FORMAT },
      { at: "B3", values: [[context.generatedAt]] },
      {
        at: "A5",
        values: [[`${drafts} draft${drafts === 1 ? "" : "s"}. When you send one, set its Status to Sent (with the date and your name): it is kept on refresh and not drafted again.`]],
        style: "note",
      },
    ],
    tables: [
      {
        name: REMINDERS_TABLE,
        at: "A7",
        headers: [...REMINDER_COLUMNS],
        rows: body,
        columnFormats: REMINDER_COLUMNS.map((c) => (c === "Total" ? "#,##0.00" : c === "Sent date" ? DATE_FORMAT : null)),
        style: "TableStyleMedium2",
      },
    ],
    columnWidths: [28, 30, 20, 20, 44, 60, 14, 10, 24, 10, 12, 16, 50, 12],
    freezeRows: 7,
  };
}
