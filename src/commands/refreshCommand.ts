/**
 * The ribbon's "Refresh aging" command, without Office: everything it needs comes in as
 * dependencies, so it is tested with fakes (test/commands/commands.test.ts). commands.ts wires
 * it to Office.js.
 */
import { describeError } from "../core/errors";
import { today as localToday } from "../core/parse/dates";
import type { DayNumber } from "../core/types";
import type { RefreshOptions, RefreshResult } from "../workbook/refreshAging";
import { summaryText } from "../taskpane/summary";

export interface CommandNotice {
  kind: "success" | "error";
  message: string;
}

export interface RefreshCommandDeps {
  /** Runs the pipeline in the workbook (runRefreshInExcel in Excel). */
  refresh: (options: RefreshOptions) => Promise<RefreshResult>;
  /** Shows the outcome; resolves when the notice is gone (or could not be shown). */
  notify: (notice: CommandNotice) => Promise<void> | void;
  /** Tells Office the command has finished (event.completed()). */
  completed: () => void;
  /** The as-of date; today on the user's calendar when absent. */
  today?: () => DayNumber;
  /** Where problems with the notice itself go; console.error when absent. */
  log?: (message: string, error: unknown) => void;
}

/**
 * Refreshes the AR Aging sheet as of today, tells the user what happened, and calls
 * `completed` exactly once, whatever fails on the way.
 * @returns the notice shown
 */
export async function runRefreshCommand(deps: RefreshCommandDeps): Promise<CommandNotice> {
  const log = deps.log ?? ((message: string, error: unknown) => console.error(message, error));
  let notice: CommandNotice;
  try {
    const asOf = (deps.today ?? localToday)();
    const result = await deps.refresh({ asOf });
    notice = { kind: "success", message: summaryText(result) };
  } catch (error) {
    notice = { kind: "error", message: describeError(error) };
  }
  try {
    await deps.notify(notice);
  } catch (error) {
    log("AR Desk: could not show the refresh result", error);
  } finally {
    try {
      deps.completed();
    } catch (error) {
      log("AR Desk: event.completed() failed", error);
    }
  }
  return notice;
}
