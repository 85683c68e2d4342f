/**
 * The reminders actions in Excel, each one `Excel.run` around the shared flow in
 * src/workbook/reminders.ts (the command line runs the same flow on files).
 */
import {
  draftReminders,
  loadReminderSettings,
  markSent,
  saveReminderSettings,
  type DraftOptions,
  type DraftResult,
  type MarkSentOptions,
  type ReminderRef,
  type ReminderSettingsChange,
  type ReminderSetup,
  type ReminderSetupOptions,
} from "../workbook/reminders";
import type { WorkbookSettings } from "../workbook/settings";
import { ExcelWorkbookPort } from "./excelPort";

/**
 * Opening the Reminders tab: the saved reminder settings and who would be drafted (for the
 * template previews), read in one Excel.run that writes nothing.
 */
export async function loadReminderSettingsInExcel(options: ReminderSetupOptions): Promise<ReminderSetup> {
  return Excel.run((context) => loadReminderSettings(new ExcelWorkbookPort(context), options));
}

/** Draft: read the ledger, check the templates, render the reminders and write the "AR Reminders" sheet. */
export async function draftRemindersInExcel(options: DraftOptions): Promise<DraftResult> {
  return Excel.run((context) => draftReminders(new ExcelWorkbookPort(context), options));
}

/** Mark as sent: Status, date and sender recorded in the "AR Reminders" sheet. */
export async function markSentInExcel(refs: readonly ReminderRef[], options: MarkSentOptions): ReturnType<typeof markSent> {
  return Excel.run((context) => markSent(new ExcelWorkbookPort(context), refs, options));
}

/** Saves the sender details or a template in the workbook's settings, for every co-author. */
export async function saveReminderSettingsInExcel(change: ReminderSettingsChange): Promise<WorkbookSettings> {
  return Excel.run((context) => saveReminderSettings(new ExcelWorkbookPort(context), change));
}
