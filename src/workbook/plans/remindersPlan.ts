import { dayFromDate, dayFromExcelSerial, excelSerialFromDay, isoFromDay } from "../../core/parse/dates";
import { minorDigits, unitsFromMinor } from "../../core/parse/money";
import { findLevel, type DunningLevel } from "../../core/reminders/levels";
import { reminderKey, type Selection, type SentLogEntry } from "../../core/reminders/select";
import type { RenderedReminder } from "../../core/reminders/templates";
import type { DayNumber } from "../../core/types";
import type { CellValue } from "../port";
import { DATE_FORMAT, type DateSystem, type PlanCell, type SheetPlan } from "../sheetPlan";

export const REMINDERS_SHEET = "AR Reminders";
export const REMINDERS_TABLE = "ARReminders";
export const REMINDER_COLUMNS = ["Customer", "To", "Cc", "Level", "Subject", "Body", "Total", "Currency", "Invoices", "Status", "Sent date", "Sent by", "Note"] as const;

/** Excel keeps at most 32,767 characters in a cell. */
const CELL_LIMIT = 32_000;

export type ReminderStatus = "Draft" | "Sent" | "Skipped";

/** One row of the ARReminders table (a mail-merge source and the log of what was sent). */
export interface ReminderRow {
  customer: string;
  to: string;
  cc: string;
  level: string;
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

const rowKey = (row: ReminderRow) => reminderKey(row.customer, row.level, splitInvoices(row.invoices));

/**
 * The new rows with what the user recorded carried over by (customer, level, invoices): a row
 * marked Sent stays Sent with its date and sender. Sent rows no longer produced are kept at the
 * end, so the sheet remains the log of what was sent across refreshes.
 * @example carryOverStatus([{ …, status: "Sent", sentDate: 46112 }], [{ …same key, status: "Skipped" }])[0].status // "Sent"
 */
export function carryOverStatus(previousRows: readonly ReminderRow[], newRows: readonly ReminderRow[]): ReminderRow[] {
  const sent = new Map(previousRows.filter((r) => r.status === "Sent").map((r) => [rowKey(r), r]));
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
      level: findLevel(levels, r.level)?.id ?? r.level,
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
  const body: PlanCell[][] = rows.map((r) => [r.customer, r.to, r.cc, r.level, r.subject, r.body, r.total, r.currency, r.invoices, r.status, r.sentDate, r.sentBy, r.note]);
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
    columnWidths: [28, 30, 20, 20, 44, 60, 14, 10, 24, 10, 12, 16, 50],
    freezeRows: 7,
  };
}
