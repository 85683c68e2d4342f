/**
 * The Reminders tab: draft the reminders of the as-of day, see what holds some back, and for each
 * draft preview it, copy it, download it as an .eml, open it through a mailto: link and mark it
 * as sent; edit the templates with a live preview on a real customer (or a labelled example when
 * none is due), the dunning levels, who is not chased, and the sender details. The editors show as
 * soon as the tab opens, from a read that writes nothing; only drafting writes the sheet.
 * Loaded lazily by App.tsx, so the template engine (LiquidJS) stays out of the pane's first load.
 * The wording and checks are in remindersView.ts; Excel is reached only through `actions`.
 */
import * as React from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Body1Strong,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { describeError } from "../core/errors";
import { isoFromDay, today } from "../core/parse/dates";
import type { RenderedReminder } from "../core/reminders/templates";
import type { DayNumber } from "../core/types";
import { draftRemindersInExcel, loadReminderSettingsInExcel, markSentInExcel, saveReminderSettingsInExcel } from "../excel/runReminders";
import type { DraftOptions, DraftResult, markSent, MarkSentOptions, ReminderRef, ReminderSettingsChange, ReminderSetup, ReminderSetupOptions } from "../workbook/reminders";
import type { WorkbookSettings } from "../workbook/settings";
import {
  chaseForm,
  chaseFromForm,
  chargeSummary,
  checkEdited,
  draftId,
  draftList,
  draftSummary,
  editorLanguages,
  editorLevels,
  editorText,
  emlDownload,
  EXAMPLE_CUSTOMER,
  exampleDraft,
  levelFieldProblems,
  levelForms,
  levelsFromForms,
  levelsWithoutTemplate,
  mailtoFor,
  newLevelForm,
  previewEdited,
  problemLines,
  reminderRef,
  senderForm,
  senderFromForm,
  senderProblems,
  setupFromDraft,
  skippedLines,
  templateFromText,
  type ChargeChoice,
  type ChaseForm,
  type LevelForm,
  type ProblemLine,
  type SenderForm,
} from "./remindersView";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  buttons: { display: "flex", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXS, flexWrap: "wrap", alignItems: "center" },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: "none" },
  draft: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    columnGap: tokens.spacingHorizontalS,
    width: "100%",
    textAlign: "start",
    fontWeight: tokens.fontWeightRegular,
  },
  problems: { margin: `${tokens.spacingVerticalXS} 0 0 0`, paddingLeft: tokens.spacingHorizontalL },
  card: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  body: {
    margin: 0,
    padding: tokens.spacingHorizontalS,
    whiteSpace: "pre-wrap",
    overflowWrap: "anywhere",
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusSmall,
    maxHeight: "320px",
    overflowY: "auto",
  },
  html: {
    width: "100%",
    height: "320px",
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusSmall,
  },
});

/** The view's actions on the workbook: Office.js ones in Excel, fakes in tests. */
export interface ReminderActions {
  /** Reads the settings and who would be drafted; writes nothing. */
  load: (options: ReminderSetupOptions) => Promise<ReminderSetup>;
  draft: (options: DraftOptions) => Promise<DraftResult>;
  markSent: (refs: readonly ReminderRef[], options: MarkSentOptions) => ReturnType<typeof markSent>;
  saveSettings: (change: ReminderSettingsChange) => Promise<WorkbookSettings>;
}

const EXCEL_ACTIONS: ReminderActions = { load: loadReminderSettingsInExcel, draft: draftRemindersInExcel, markSent: markSentInExcel, saveSettings: saveReminderSettingsInExcel };

export interface RemindersViewProps {
  /** The pane's as-of date; null while the field holds no date. */
  asOf: DayNumber | null;
  /** The invoice table picked in the pane, when there are several. */
  table?: string;
  actions?: ReminderActions;
}

/**
 * "Sent by" is the person at this computer, not a workbook setting every co-author shares, and
 * Office gives an add-in no user name without a sign-in round trip: typed once, kept here.
 */
const SENT_BY_KEY = "ar-desk.sentBy";

function rememberedName(): string {
  try {
    return window.localStorage.getItem(SENT_BY_KEY) ?? "";
  } catch {
    return ""; // storage can be blocked in Office's web view; the field just starts empty
  }
}

function rememberName(name: string): void {
  try {
    window.localStorage.setItem(SENT_BY_KEY, name);
  } catch {
    // not remembered; the user types it again next time
  }
}

/** The Async Clipboard API is often blocked in Office's iframe; the old copy command still works there. */
async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the textarea copy
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}

function downloadFile(fileName: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: "message/rfc822" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The HTML body as a page of its own, light as a mail program shows it whatever Office's theme:
 * the system colours of a light scheme, no colour of ours.
 */
function emailDocument(html: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>:root{color-scheme:light}body{background:Canvas;color:CanvasText;font-family:sans-serif;font-size:14px;margin:8px}</style></head><body>${html}</body></html>`;
}

/** The setup shown, and whether the customers to preview on are still being read. */
type ShownSetup = ReminderSetup & { previewsPending?: boolean };

type Notice = { intent: "success" | "error" | "warning" | "info"; title?: string; text: string; testId?: string };

export default function RemindersView({ asOf, table, actions = EXCEL_ACTIONS }: RemindersViewProps): React.ReactElement {
  const styles = useStyles();
  const [result, setResult] = React.useState<DraftResult | null>(null);
  /** What the settings editors show: read when the tab opens, then from each drafting. */
  const [setup, setSetup] = React.useState<ShownSetup | null>(null);
  const setupRef = React.useRef(setup);
  setupRef.current = setup;
  const [loading, setLoading] = React.useState(false);
  const [running, setRunning] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<Notice | null>(null);
  const [selected, setSelected] = React.useState<string | null>(null);
  const [sent, setSent] = React.useState<ReadonlySet<string>>(new Set());
  // Every read or drafting takes a ticket; an answer that is no longer the latest is dropped, so a
  // slow read started before a save cannot put the old settings back in the editors.
  const latest = React.useRef(0);
  const actionsRef = React.useRef(actions);
  actionsRef.current = actions;

  /** Reads the settings (and who would be drafted, for previews) without writing to the workbook. */
  const load = React.useCallback(
    async (after?: Notice) => {
      const ticket = ++latest.current;
      setLoading(true);
      try {
        // The settings alone come back at once; who would be drafted (for the previews) needs
        // the whole invoice table read, which takes seconds on a large ledger. On first opening,
        // the editors show from the settings meanwhile.
        if (asOf !== null && !setupRef.current) {
          const settings = await actionsRef.current.load({ table });
          if (ticket !== latest.current) return;
          setSetup({ ...settings, previewsPending: true });
        }
        const next = await actionsRef.current.load({ asOf: asOf ?? undefined, table });
        if (ticket !== latest.current) return;
        setSetup(next);
        if (after) setNotice(after);
      } catch (e) {
        if (ticket === latest.current) setNotice({ intent: "error", title: "Could not read the reminder settings", text: describeError(e), testId: "reminders-error" });
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    },
    [asOf, table],
  );

  // When the tab opens, and when the as-of date or the invoice table changes (the previews'
  // customers change with them). React's StrictMode runs this twice on mount in development: the
  // same read again would be a second Excel.run for nothing.
  const requested = React.useRef<string | null>(null);
  React.useEffect(() => {
    const key = JSON.stringify([asOf, table ?? null]);
    if (requested.current === key) return;
    requested.current = key;
    void load();
  }, [load, asOf, table]);

  const draft = async (after?: Notice) => {
    if (asOf === null) return;
    const ticket = ++latest.current;
    setLoading(false);
    setRunning("draft");
    setNotice(null);
    try {
      const next = await actions.draft({ asOf, table });
      setResult(next);
      if (ticket === latest.current) setSetup(setupFromDraft(next));
      setSent(new Set());
      setSelected((current) => (current && next.reminders.some((r) => draftId(r.draft) === current) ? current : next.reminders[0] ? draftId(next.reminders[0].draft) : null));
      if (after) setNotice(after);
    } catch (e) {
      setNotice({ intent: "error", title: "Drafting failed", text: describeError(e), testId: "reminders-error" });
      // A drafting pressed while the tab was still reading took over that read; the editors still
      // need the settings (no invoice table yet is when setting up matters most).
      if (!setup) void load();
    } finally {
      setRunning(null);
    }
  };

  /**
   * Saves a settings change. Once drafts are on screen they are drafted again, so the list never
   * disagrees with what is saved; before any drafting the settings are only read back, because
   * setting things up must not write the "AR Reminders" sheet the user has not asked for yet.
   */
  const save = async (what: string, change: ReminderSettingsChange, done: string): Promise<boolean> => {
    setRunning(what);
    setNotice(null);
    try {
      await actions.saveSettings(change);
    } catch (e) {
      setNotice({ intent: "error", title: "Not saved", text: describeError(e), testId: "reminders-error" });
      setRunning(null);
      return false;
    }
    if (result && asOf !== null) {
      await draft({ intent: "success", text: `${done}; drafts updated.`, testId: "reminders-saved" });
    } else {
      await load({ intent: "success", text: `${done}. Nothing was drafted: press Draft reminders when you are ready.`, testId: "reminders-saved" });
      setRunning(null);
    }
    return true;
  };

  const reminder = result?.reminders.find((r) => draftId(r.draft) === selected) ?? null;
  const busy = running !== null;

  return (
    <section className={styles.view} aria-label="Reminders" data-testid="reminders" data-previews={setup ? (setup.previewsPending ? "pending" : "ready") : undefined}>
      <Body1>Draft the reminder each overdue customer should get as of {asOf === null ? "the as-of date" : isoFromDay(asOf)}, from the templates kept in this workbook.</Body1>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || asOf === null} onClick={() => draft()} data-testid="draft-reminders">
          Draft reminders
        </Button>
        {running ? (
          <Spinner size="tiny" label={running === "draft" ? "Drafting…" : "Saving…"} />
        ) : (
          loading && (!setup || setup.previewsPending) && <Spinner size="tiny" label={setup ? "Reading the invoice table for the previews…" : "Reading the reminder settings…"} />
        )}
      </div>

      {notice && (
        <MessageBar intent={notice.intent} layout="multiline" data-testid={notice.testId}>
          <MessageBarBody>
            {notice.title && <MessageBarTitle>{notice.title}</MessageBarTitle>}
            {notice.text}
          </MessageBarBody>
        </MessageBar>
      )}

      {!result && setup && setup.warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="settings-warnings">
          <MessageBarBody>
            <ul className={styles.problems}>
              {setup.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}

      {!result && (
        <Body1 className={styles.muted}>
          Drafting writes the &quot;AR Reminders&quot; sheet (a mail-merge source). Nothing is sent from here. You can set up the sender, templates and levels below first.
        </Body1>
      )}

      {result && (
        <>
          <Body1 data-testid="draft-summary">{draftSummary(result)}</Body1>
          {result.warnings.length > 0 && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>
                <ul className={styles.problems}>
                  {result.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              </MessageBarBody>
            </MessageBar>
          )}
          {result.problems.length > 0 && (
            <MessageBar intent="warning" layout="multiline" data-testid="reminder-problems">
              <MessageBarBody>
                <MessageBarTitle>Held back: a template would leave a hole</MessageBarTitle>
                <ProblemList lines={problemLines(result.problems, result.levels)} className={styles.problems} />
                {!result.sender.name && !result.sender.signature && <Body1 block>Enter your sender details below: every reminder is signed with them.</Body1>}
              </MessageBarBody>
            </MessageBar>
          )}

          {result.reminders.length > 0 && (
            <ul className={styles.list} aria-label="Drafts" data-testid="drafts">
              {draftList(result.reminders).map((item) => (
                <li key={item.id}>
                  <Button
                    appearance={item.id === selected ? "secondary" : "subtle"}
                    aria-pressed={item.id === selected}
                    className={styles.draft}
                    onClick={() => setSelected(item.id)}
                    data-testid="draft"
                    data-customer={item.customer}
                  >
                    <span>
                      <Body1Strong>{item.customer}</Body1Strong> <Caption1>{item.level}</Caption1>
                    </span>
                    <span>
                      {sent.has(item.id) && (
                        <Badge appearance="tint" color="success">
                          Sent
                        </Badge>
                      )}{" "}
                      <Body1>{item.total}</Body1>
                    </span>
                  </Button>
                </li>
              ))}
            </ul>
          )}

          {result.selection.skipped.length > 0 && (
            <details data-testid="not-chased">
              <summary>
                <Body1Strong>Not chased ({result.selection.skipped.length})</Body1Strong>
              </summary>
              <ul className={styles.problems}>
                {skippedLines(result.selection).map((line) => (
                  <li key={`${line.customer}|${line.total}|${line.level}`} data-testid="skipped" data-customer={line.customer}>
                    <Body1Strong>{line.customer}</Body1Strong> <Caption1>{[line.level, line.total].filter(Boolean).join(" · ")}</Caption1>
                    <Body1 block>{line.reason}</Body1>
                  </li>
                ))}
              </ul>
            </details>
          )}

          {reminder && (
            <DraftDetail
              key={draftId(reminder.draft)}
              reminder={reminder}
              result={result}
              sent={sent.has(draftId(reminder.draft))}
              busy={busy}
              onNotice={setNotice}
              onMark={async (by) => {
                setRunning("mark");
                setNotice(null);
                try {
                  await actions.markSent([reminderRef(reminder)], { by, on: today(), asOf: result.asOf });
                  setSent((s) => new Set(s).add(draftId(reminder.draft)));
                  setNotice({ intent: "success", text: `${reminder.draft.customer}: ${reminder.draft.level.name} marked as sent by ${by} in "${result.sheet}". It will not be drafted again for these invoices.`, testId: "marked-sent" });
                } catch (e) {
                  setNotice({ intent: "error", title: "Not marked as sent", text: describeError(e), testId: "reminders-error" });
                } finally {
                  setRunning(null);
                }
              }}
            />
          )}
        </>
      )}

      {setup && (
        // Open on the sender while none is saved: every reminder is signed with it.
        <Accordion collapsible multiple defaultOpenItems={!setup.sender.name && !setup.sender.signature ? ["sender"] : []}>
          <AccordionItem value="templates" data-testid="templates-section">
            <AccordionHeader>Templates</AccordionHeader>
            <AccordionPanel>
              <TemplateEditor
                setup={setup}
                busy={busy}
                onSave={(level, language, template, done) => save("template", { template: { level, language, template } }, done)}
              />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="levels" data-testid="levels-section">
            <AccordionHeader>Dunning levels</AccordionHeader>
            <AccordionPanel>
              <LevelsEditor
                setup={setup}
                busy={busy}
                onSave={(levels) => save("levels", { levels }, levels ? "Dunning levels saved in the workbook for every co-author" : "Dunning levels are back to the defaults")}
              />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="chase" data-testid="chase-section">
            <AccordionHeader>Minimum and customers on hold</AccordionHeader>
            <AccordionPanel>
              <ChaseEditor setup={setup} busy={busy} onSave={(change) => save("chase", change, "Minimum and customers on hold saved in the workbook for every co-author")} />
            </AccordionPanel>
          </AccordionItem>
          <AccordionItem value="sender" data-testid="sender-section">
            <AccordionHeader>Sender details</AccordionHeader>
            <AccordionPanel>
              <SenderEditor setup={setup} busy={busy} onSave={(form) => save("sender", { sender: senderFromForm(form) }, "Sender details saved in the workbook for every co-author")} />
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      )}
    </section>
  );
}

function ProblemList({ lines, className }: { lines: readonly ProblemLine[]; className: string }) {
  return (
    <ul className={className}>
      {lines.map((line) => (
        <li key={`${line.where}|${line.message}`} data-testid="problem">
          {line.message} <Caption1>({line.where})</Caption1>
          {line.customers && <Body1 block>For: {line.customers}</Body1>}
        </li>
      ))}
    </ul>
  );
}

function DraftDetail(props: { reminder: RenderedReminder; result: DraftResult; sent: boolean; busy: boolean; onNotice: (n: Notice) => void; onMark: (by: string) => Promise<void> }) {
  const { reminder, result, sent, busy, onNotice, onMark } = props;
  const styles = useStyles();
  const [sentBy, setSentBy] = React.useState(rememberedName);
  const mail = mailtoFor(reminder, result.sender);
  const cc = result.sender.cc ?? [];

  const copy = async (what: string, text: string) => {
    const ok = await copyText(text);
    onNotice(ok ? { intent: "success", text: `${what} copied.`, testId: "copied" } : { intent: "warning", text: `Could not copy the ${what.toLowerCase()}: select it below and press Ctrl+C.` });
  };

  return (
    <article className={styles.card} aria-label={`Reminder to ${reminder.draft.customer}`} data-testid="reminder-preview">
      <Subtitle2 as="h3">{reminder.draft.customer}</Subtitle2>
      <Caption1>
        {reminder.draft.level.name} · To {reminder.draft.to.join(", ")}
        {cc.length ? ` · Cc ${cc.join(", ")}` : ""}
      </Caption1>
      <Body1Strong data-testid="preview-subject">{reminder.subject}</Body1Strong>
      <pre className={styles.body} data-testid="preview-text">
        {reminder.text}
      </pre>
      <details>
        <summary>
          <Caption1>HTML version</Caption1>
        </summary>
        {/* Values in the HTML are escaped by the engine; the empty sandbox also forbids scripts, forms and navigation. */}
        <iframe className={styles.html} sandbox="" srcDoc={emailDocument(reminder.html)} title={`HTML body of the reminder to ${reminder.draft.customer}`} data-testid="preview-html" />
      </details>
      <div className={styles.buttons}>
        <Button size="small" onClick={() => copy("Subject", reminder.subject)}>
          Copy subject
        </Button>
        <Button size="small" onClick={() => copy("Body", reminder.text)}>
          Copy body
        </Button>
        <Button
          size="small"
          onClick={() => {
            const { fileName, content } = emlDownload(reminder, result.sender);
            downloadFile(fileName, content);
          }}
          data-testid="download-eml"
        >
          Download .eml
        </Button>
        {"href" in mail ? (
          <Button size="small" as="a" href={mail.href} data-testid="mailto">
            Open in mail app
          </Button>
        ) : (
          <Caption1 className={styles.muted} data-testid="mailto-too-long">
            {mail.reason}
          </Caption1>
        )}
      </div>
      <div className={styles.buttons}>
        <Field label="Sent by" hint="Kept on this computer for next time.">
          <Input value={sentBy} onChange={(_, data) => setSentBy(data.value)} disabled={sent} data-testid="sent-by" />
        </Field>
        <Button
          appearance="primary"
          disabled={busy || sent || !sentBy.trim()}
          onClick={() => {
            rememberName(sentBy.trim());
            void onMark(sentBy.trim());
          }}
          data-testid="mark-sent"
        >
          {sent ? "Sent" : "Mark as sent"}
        </Button>
      </div>
    </article>
  );
}

function TemplateEditor(props: { setup: ShownSetup; busy: boolean; onSave: (level: string, language: string, template: ReturnType<typeof templateFromText> | null, done: string) => Promise<boolean> }) {
  const { setup, busy, onSave } = props;
  const styles = useStyles();
  const levels = editorLevels(setup.levels);
  const languages = editorLanguages(setup.templates);
  const drafts = setup.drafts;
  const [level, setLevel] = React.useState(drafts[0]?.level.id ?? levels[0]?.id ?? "first");
  const [language, setLanguage] = React.useState("en");
  const start = editorText(setup.templates, setup.savedTemplates, level, language);
  const [subject, setSubject] = React.useState(start.subject);
  const [text, setText] = React.useState(start.text);
  const [customer, setCustomer] = React.useState(drafts[0] ? drafts[0].customer : "");
  const [refusal, setRefusal] = React.useState<string | null>(null);

  // A new level or language (or a save that changed the templates) starts from what is stored.
  React.useEffect(() => {
    setSubject(start.subject);
    setText(start.text);
  }, [level, language, start.subject, start.text]);

  const edited = React.useMemo(() => templateFromText(subject, text), [subject, text]);
  React.useEffect(() => setRefusal(null), [edited, level, language]);
  const deferred = React.useDeferredValue(edited);
  // Holes are looked for in real customers' reminders only: an example's made-up values prove nothing.
  const lines = React.useMemo(
    () => problemLines(checkEdited(deferred, { templates: setup.templates, drafts, sender: setup.sender, level, language }), setup.levels),
    [deferred, setup, drafts, level, language],
  );
  const real = drafts.find((d) => d.customer === customer) ?? drafts[0];
  const editedLevel = levels.find((l) => l.id === level);
  const example = React.useMemo(() => (real || !editedLevel ? undefined : exampleDraft(editedLevel, setup.asOf ?? today())), [real, editedLevel, setup.asOf]);
  const sample = real ?? example;
  const preview = React.useMemo(
    () => (sample ? previewEdited(sample, deferred, { templates: setup.templates, levels: setup.levels, sender: setup.sender, level, language }) : null),
    [sample, deferred, setup, level, language],
  );
  const changed = subject !== start.subject || text !== start.text;
  const levelName = levels.find((l) => l.id === level)?.name ?? level;

  const saveTemplate = async () => {
    const blocking = lines.filter((l) => l.blocking);
    if (blocking.length) {
      // Said beside the button, where the user is looking, with the customers who would get the holes.
      setRefusal(blocking.map((l) => `${l.message} (${l.where})${l.customers ? ` For: ${l.customers}.` : ""}`).join(" "));
      return;
    }
    await onSave(level, language, edited, `${levelName} (${language}) saved in the workbook for every co-author`);
  };

  return (
    <div className={styles.view} data-testid="template-editor">
      <div className={styles.buttons}>
        <Field label="Level">
          <Select value={level} onChange={(_, data) => setLevel(data.value)} data-testid="template-level">
            {levels.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Language">
          <Select value={language} onChange={(_, data) => setLanguage(data.value)} data-testid="template-language">
            {languages.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </Select>
        </Field>
        {start.custom ? (
          <Badge appearance="tint" color="brand">
            Saved in this workbook
          </Badge>
        ) : (
          <Badge appearance="tint" color="informative">
            Default
          </Badge>
        )}
      </div>
      <Field label="Subject">
        <Input value={subject} onChange={(_, data) => setSubject(data.value)} data-testid="template-subject" />
      </Field>
      <Field label="Body" hint="Placeholders in {{ }} are filled per customer; a blank line starts a paragraph of the HTML version.">
        <Textarea value={text} onChange={(_, data) => setText(data.value)} rows={14} resize="vertical" data-testid="template-body" />
      </Field>
      {lines.length > 0 ? (
        <MessageBar intent={lines.some((l) => l.blocking) ? "error" : "warning"} layout="multiline" data-testid="template-problems">
          <MessageBarBody>
            <MessageBarTitle>{lines.some((l) => l.blocking) ? "This template cannot be saved" : "Held back for some customers"}</MessageBarTitle>
            <ProblemList lines={lines} className={styles.problems} />
          </MessageBarBody>
        </MessageBar>
      ) : (
        <Caption1 className={styles.muted}>No problem found for the customers at this level.</Caption1>
      )}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || !changed} onClick={saveTemplate} data-testid="save-template">
          Save to workbook
        </Button>
        <Button disabled={busy || !start.custom} onClick={() => onSave(level, language, null, `${levelName} (${language}) is back to the default`)} data-testid="reset-template">
          Reset to default
        </Button>
        <Button disabled={busy || !changed} onClick={() => {
            setSubject(start.subject);
            setText(start.text);
          }}
        >
          Undo changes
        </Button>
      </div>
      {refusal && (
        <MessageBar intent="error" layout="multiline" data-testid="template-refused">
          <MessageBarBody>
            <MessageBarTitle>Template not saved</MessageBarTitle>
            {refusal}
          </MessageBarBody>
        </MessageBar>
      )}
      {drafts.length > 0 ? (
        <Field label="Preview on">
          <Select value={real?.customer ?? ""} onChange={(_, data) => setCustomer(data.value)} data-testid="template-customer">
            {drafts.map((d) => (
              <option key={draftId(d)} value={d.customer}>
                {d.customer}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        example && (
          <Caption1 className={styles.muted} data-testid="template-example">
            Previewed on an example: &quot;{EXAMPLE_CUSTOMER}&quot; and its invoices are made up, not from this workbook, because {exampleReason(setup)}.
          </Caption1>
        )
      )}
      {preview ? (
        <div className={styles.card} data-testid="template-preview" data-example={example ? "true" : undefined}>
          {example && (
            <Badge appearance="tint" color="warning">
              Example, not a real customer
            </Badge>
          )}
          <Body1Strong>{preview.subject}</Body1Strong>
          <pre className={styles.body}>{preview.text}</pre>
        </div>
      ) : (
        <Caption1 className={styles.muted}>Pick a level that sends an email to preview its template.</Caption1>
      )}
    </div>
  );
}

/** Why the template preview uses the example customer rather than a real one. */
function exampleReason(setup: ShownSetup): string {
  if (setup.previewsPending) return "the invoice table is still being read for a real customer to preview on";
  if (setup.previewNote) return `no customer could be read (${setup.previewNote})`;
  if (setup.asOf === undefined) return "the as-of date is empty";
  return `no customer in this workbook is due a reminder as of ${isoFromDay(setup.asOf)}`;
}

const SENDER_FIELDS: { key: keyof SenderForm; label: string; hint?: string; multiline?: boolean }[] = [
  { key: "company", label: "Company" },
  { key: "name", label: "Your name" },
  { key: "email", label: "Your email", hint: "The From of the .eml drafts." },
  { key: "signature", label: "Signature", hint: "Lines under the closing; default: your name and company.", multiline: true },
  { key: "paymentInstructions", label: "Payment instructions", hint: "Bank details or how to pay.", multiline: true },
  { key: "paymentLink", label: "Payment link", hint: "A page where customers pay online, starting with https." },
  { key: "cc", label: "Cc on every reminder", hint: "Addresses separated by ;" },
];

function SenderEditor({ setup, busy, onSave }: { setup: ReminderSetup; busy: boolean; onSave: (form: SenderForm) => Promise<boolean> }) {
  const styles = useStyles();
  // By content: reading the settings again (a new as-of date) must not wipe what is being typed.
  const savedText = JSON.stringify(senderForm(setup.sender));
  const saved = React.useMemo(() => JSON.parse(savedText) as SenderForm, [savedText]);
  const [form, setForm] = React.useState<SenderForm>(saved);
  const [tried, setTried] = React.useState(false);
  React.useEffect(() => setForm(saved), [saved]);
  const problems = senderProblems(form);
  const changed = JSON.stringify(form) !== JSON.stringify(saved);

  return (
    <div className={styles.view} data-testid="sender-form">
      {SENDER_FIELDS.map((f) => (
        <Field key={f.key} label={f.label} hint={f.hint} validationState={tried && problems[f.key] ? "error" : "none"} validationMessage={tried ? problems[f.key] : undefined}>
          {f.multiline ? (
            <Textarea value={form[f.key]} onChange={(_, data) => setForm((s) => ({ ...s, [f.key]: data.value }))} rows={3} data-testid={`sender-${f.key}`} />
          ) : (
            <Input value={form[f.key]} onChange={(_, data) => setForm((s) => ({ ...s, [f.key]: data.value }))} data-testid={`sender-${f.key}`} />
          )}
        </Field>
      ))}
      <div className={styles.buttons}>
        <Button
          appearance="primary"
          disabled={busy || !changed}
          onClick={() => {
            setTried(true);
            if (Object.keys(problems).length === 0) void onSave(form);
          }}
          data-testid="save-sender"
        >
          Save sender details
        </Button>
        <Caption1 className={styles.muted}>Stored in the workbook, shared with every co-author.</Caption1>
      </div>
    </div>
  );
}

const CHARGE_CHOICES: { value: ChargeChoice; label: string }[] = [
  { value: "none", label: "No charges" },
  { value: "contract", label: "Late fee and/or interest" },
  { value: "uk", label: "Statutory, UK (base rate + 8%, £40/£70/£100)" },
  { value: "eu", label: "Statutory, EU (reference rate + 8 points, €40)" },
];

function LevelsEditor(props: { setup: ReminderSetup; busy: boolean; onSave: (levels: ReturnType<typeof levelsFromForms>["levels"]) => Promise<boolean> }) {
  const { setup, busy, onSave } = props;
  const styles = useStyles();
  const savedText = JSON.stringify(levelForms(setup.levels));
  const saved = React.useMemo(() => JSON.parse(savedText) as LevelForm[], [savedText]);
  const [forms, setForms] = React.useState<LevelForm[]>(saved);
  // A save (or a co-author's change picked up by drafting) shows what the workbook now holds;
  // drafting again or saving the sender with the same levels keeps edits not yet saved.
  React.useEffect(() => setForms(saved), [saved]);
  const checked = React.useMemo(() => levelsFromForms(forms), [forms]);
  const changed = JSON.stringify(forms) !== JSON.stringify(saved);
  const untemplated = checked.levels ? levelsWithoutTemplate(checked.levels, setup.templates) : [];
  const edit = (i: number, change: Partial<LevelForm>) => setForms((all) => all.map((f, j) => (j === i ? { ...f, ...change } : f)));

  return (
    <div className={styles.view} data-testid="levels-editor">
      <Caption1 className={styles.muted}>
        A customer reaches a level when its oldest overdue invoice is that many days past due; a negative number is a courtesy reminder before the due date. Charges are computed per invoice and shown in the email.
      </Caption1>
      {forms.map((form, i) => {
        const problems = levelFieldProblems(form);
        const summary = chargeSummary(form);
        return (
          <div key={form.id} className={styles.card} data-testid="level-row" data-level={form.id}>
            <div className={styles.buttons}>
              <Field label="Name" validationState={problems.name ? "error" : "none"} validationMessage={problems.name}>
                <Input value={form.name} onChange={(_, data) => edit(i, { name: data.value })} data-testid="level-name" />
              </Field>
              <Field label="Days past due" validationState={problems.days ? "error" : "none"} validationMessage={problems.days}>
                <Input value={form.days} onChange={(_, data) => edit(i, { days: data.value })} inputMode="numeric" data-testid="level-days" />
              </Field>
            </div>
            <div className={styles.buttons}>
              <Checkbox checked={!form.email} onChange={(_, data) => edit(i, { email: !data.checked })} label="Internal task on the worklist (no email)" data-testid="level-task" />
              {form.email && (
                <Field label="Charges">
                  <Select value={form.charges} onChange={(_, data) => edit(i, { charges: data.value as ChargeChoice })} data-testid="level-charges">
                    {CHARGE_CHOICES.map((c) => (
                      <option key={c.value} value={c.value}>
                        {c.label}
                      </option>
                    ))}
                  </Select>
                </Field>
              )}
            </div>
            {form.email && form.charges === "contract" && (
              <div className={styles.buttons}>
                <Field label="Late fee per invoice" hint="In each invoice's currency." validationState={problems.lateFee ? "error" : "none"} validationMessage={problems.lateFee}>
                  <Input value={form.lateFee} onChange={(_, data) => edit(i, { lateFee: data.value })} inputMode="decimal" data-testid="level-fee" />
                </Field>
                <Field label="Interest, % a year" validationState={problems.interest ? "error" : "none"} validationMessage={problems.interest}>
                  <Input value={form.interest} onChange={(_, data) => edit(i, { interest: data.value })} inputMode="decimal" data-testid="level-interest" />
                </Field>
              </div>
            )}
            {form.email && (form.charges === "uk" || form.charges === "eu") && (
              <Field
                label={form.charges === "uk" ? "Bank of England base rate, %" : "ECB reference rate, %"}
                hint="The rate in force for the half-year; 8 points are added."
                validationState={problems.referenceRate ? "error" : "none"}
                validationMessage={problems.referenceRate}
              >
                <Input value={form.referenceRate} onChange={(_, data) => edit(i, { referenceRate: data.value })} inputMode="decimal" data-testid="level-rate" />
              </Field>
            )}
            {summary && <Caption1 data-testid="level-charge-summary">{summary}</Caption1>}
            <div className={styles.buttons}>
              <Button size="small" disabled={forms.length === 1} onClick={() => setForms((all) => all.filter((_, j) => j !== i))} data-testid="remove-level">
                Remove level
              </Button>
            </div>
          </div>
        );
      })}
      {checked.problems.length > 0 && (
        <MessageBar intent="error" layout="multiline" data-testid="level-problems">
          <MessageBarBody>
            <MessageBarTitle>These levels cannot be saved yet</MessageBarTitle>
            <ul className={styles.problems}>
              {checked.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {untemplated.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="level-no-template">
          <MessageBarBody>
            No template yet for {untemplated.map((l) => l.name).join(", ")}: after saving, write one under Templates, or its reminders are held back.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.buttons}>
        <Button onClick={() => setForms((all) => [...all, newLevelForm(all)])} disabled={busy} data-testid="add-level">
          Add level
        </Button>
        <Button appearance="primary" disabled={busy || !changed || !checked.levels} onClick={() => void onSave(checked.levels)} data-testid="save-levels">
          Save levels
        </Button>
        <Button disabled={busy || !setup.levelsSaved} onClick={() => void onSave(null)} data-testid="reset-levels">
          Reset to defaults
        </Button>
        <Button disabled={busy || !changed} onClick={() => setForms(saved)}>
          Undo changes
        </Button>
      </div>
    </div>
  );
}

function ChaseEditor(props: { setup: ReminderSetup; busy: boolean; onSave: (change: { minimumAmount: number | null; onHold: string[] }) => Promise<boolean> }) {
  const { setup, busy, onSave } = props;
  const styles = useStyles();
  const savedText = JSON.stringify(chaseForm(setup.chase));
  const saved = React.useMemo(() => JSON.parse(savedText) as ChaseForm, [savedText]);
  const [form, setForm] = React.useState<ChaseForm>(saved);
  React.useEffect(() => setForm(saved), [saved]);
  const parsed = chaseFromForm(form);
  const problem = "problem" in parsed ? parsed.problem : undefined;
  const changed = JSON.stringify(form) !== JSON.stringify(saved);

  return (
    <div className={styles.view} data-testid="chase-form">
      <Field
        label="Minimum total to chase"
        hint="In each reminder's currency (50 is €50.00, or ¥50). Empty: every total is chased."
        validationState={problem ? "error" : "none"}
        validationMessage={problem}
      >
        <Input value={form.minimumAmount} onChange={(_, data) => setForm((f) => ({ ...f, minimumAmount: data.value }))} inputMode="decimal" data-testid="chase-minimum" />
      </Field>
      <Field label="Customers on hold" hint="One name per line. An On hold column in your customers table (yes, x, 1) holds customers too.">
        <Textarea value={form.onHold} onChange={(_, data) => setForm((f) => ({ ...f, onHold: data.value }))} rows={4} resize="vertical" data-testid="chase-onhold" />
      </Field>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={busy || !changed || !!problem} onClick={() => !("problem" in parsed) && void onSave(parsed)} data-testid="save-chase">
          Save
        </Button>
        <Caption1 className={styles.muted}>Stored in the workbook, shared with every co-author.</Caption1>
      </div>
    </div>
  );
}
