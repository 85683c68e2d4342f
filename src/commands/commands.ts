/**
 * Function file of the ribbon: "Refresh aging" (FunctionName refreshAging in manifest.xml) runs
 * the same pipeline as the pane, as of today, and shows the outcome in a small dialog
 * (dialog.html): a success closes itself after a few seconds, a failure stays until closed.
 * Excel has no notification API for function commands, so a dialog is the honest minimum.
 */
import { runRefreshInExcel } from "../excel/runRefresh";
import { runRefreshCommand, type CommandNotice } from "./refreshCommand";

/** How long a success notice stays up. */
const SUCCESS_MS = 4_000;
/** A failure notice closes itself after this long, well inside a function command's time limit. */
const ERROR_MS = 120_000;
/** Longest message put in the dialog's URL (URLs in dialogs are limited in length). */
const MAX_MESSAGE = 1_200;

/** The dialog page's URL, next to this function file. */
export function dialogUrl(notice: CommandNotice, base: string = window.location.href): string {
  const message = notice.message.length > MAX_MESSAGE ? `${notice.message.slice(0, MAX_MESSAGE - 1)}…` : notice.message;
  const url = new URL("dialog.html", base);
  url.searchParams.set("kind", notice.kind);
  url.searchParams.set("message", message);
  return url.toString();
}

/** Shows the notice in an Office dialog; resolves when the dialog is closed (by the user or the timer). */
function showNotice(notice: CommandNotice): Promise<void> {
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(
      dialogUrl(notice),
      { height: notice.kind === "error" ? 40 : 25, width: 30, displayInIframe: true },
      (opened) => {
        if (opened.status !== Office.AsyncResultStatus.Succeeded) {
          console.error("AR Desk: could not open the status dialog", opened.error);
          resolve();
          return;
        }
        const dialog = opened.value;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          try {
            dialog.close();
          } finally {
            finish();
          }
        }, notice.kind === "success" ? SUCCESS_MS : ERROR_MS);
        // The user closed the dialog (12006) or it failed to load: the command is over either way.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, finish);
      },
    );
  });
}

/** The ExecuteFunction handler. */
export function refreshAging(event: Office.AddinCommands.Event): Promise<CommandNotice> {
  return runRefreshCommand({
    refresh: runRefreshInExcel,
    notify: showNotice,
    completed: () => event.completed(),
  });
}

Office.onReady(() => {
  // Office.actions.associate is the current way to bind a FunctionName; older Excel builds look
  // the function up on the global object, so register it there too.
  if (Office.actions?.associate) Office.actions.associate("refreshAging", refreshAging);
  (globalThis as unknown as { refreshAging?: typeof refreshAging }).refreshAging = refreshAging;
});
