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
  CounterBadge,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  ProgressBar,
  Select,
  Subtitle1,
  Subtitle2,
  Tab,
  TabList,
  Title2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { FieldMapping } from "../core/columns/mapColumns";
import { ArDeskError, describeError } from "../core/errors";
import { dayFromIso, isoFromDay, today } from "../core/parse/dates";
import type { Issue } from "../core/validate/types";
import type { TableInfo } from "../workbook/port";
import type { ReadOptions, RefreshOptions, RefreshProgress, RefreshResult, TableChoice, ValidationReport } from "../workbook/refreshAging";
import { breakdownLine, groupIssues, issueCounts, issueLocation, qualityLine, scoreText, severityCount, severityHeading, SEVERITIES } from "./issuesView";
import { columnOptions, mappingOf, mappingRows, sameMapping, setFieldColumn } from "./mappingView";
import { readSettingsInExcel, saveSettingsInExcel } from "../excel/runRefresh";
import type { AgingSettings, SettingsRead } from "../workbook/settings";
import { mergeSuggested } from "./settingsView";
import { kpiLines, lossRateSuggestion, nextProgressView, skippedList, snapshotLine, suggestionText, summaryDetail, summaryHeadline, type ProgressView } from "./summary";

// Views not shown at start load on first use, keeping the pane's first load small (issue #7).
const SettingsView = React.lazy(() => import(/* webpackChunkName: "settings" */ "./SettingsView"));
const RiskView = React.lazy(() => import(/* webpackChunkName: "risk" */ "./RiskView"));

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalM,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: {
    color: tokens.colorBrandForeground1,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  form: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  buttons: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  progress: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  tabs: {
    // Six tabs do not fit a 320 px pane on one line.
    flexWrap: "wrap",
  },
  progressLine: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    columnGap: tokens.spacingHorizontalS,
  },
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
  },
  view: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  score: {
    display: "flex",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalS,
  },
  breakdown: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    color: tokens.colorNeutralForeground2,
  },
  groupHeader: {
    display: "flex",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
  findings: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    padding: 0,
    listStyleType: "none",
  },
  finding: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalXXS,
    width: "100%",
    textAlign: "start",
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightRegular,
  },
  fix: {
    color: tokens.colorNeutralForeground3,
  },
  mappingRow: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.4fr) auto",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
  },
});

/** The pane's actions on the workbook: Office.js ones in Excel (src/excel/runRefresh.ts), fakes in tests. */
export interface PaneActions {
  refresh: (options: RefreshOptions) => Promise<RefreshResult>;
  validate: (options: ReadOptions) => Promise<ValidationReport>;
  describe: (table?: string) => Promise<TableChoice>;
  saveMapping: (table: TableInfo, mapping: FieldMapping) => Promise<void>;
  selectCell: (sheet: string, cell: string) => Promise<void>;
  /** The saved settings; Excel's by default (index.tsx does not pass it). */
  loadSettings?: () => Promise<SettingsRead>;
  /** Saves aging settings, keeping the others; Excel's by default. */
  saveSettings?: (change: AgingSettings) => Promise<void>;
}

/** The refresh the pane runs: the Office.js one in Excel, a fake in tests. */
export type RefreshFn = PaneActions["refresh"];

type View = "refresh" | "issues" | "columns" | "risk" | "settings" | "reminders";
/** Lazy: the template engine (LiquidJS) is loaded only when the Reminders tab is opened. */
const RemindersView = React.lazy(() => import(/* webpackChunkName: "reminders" */ "./RemindersView"));
type Outcome = { kind: "refreshed"; result: RefreshResult } | { kind: "validated"; report: ValidationReport } | null;

export interface AppProps extends PaneActions {
  /** The as-of date the field starts with; today when absent. */
  initialAsOf?: string;
}

/**
 * The AR Desk pane: as-of date, the invoice table (when there are several), "Refresh aging",
 * "Validate" and "Save snapshot", progress with Cancel, and the views: what the refresh did, the
 * issues found, the column mapping, the risk worklist, the settings and the reminders.
 */
export function App(props: AppProps): React.ReactElement {
  const { refresh, validate, describe, saveMapping, selectCell, initialAsOf, loadSettings = readSettingsInExcel, saveSettings = saveSettingsInExcel } = props;
  const styles = useStyles();
  const [asOf, setAsOf] = React.useState(initialAsOf ?? isoFromDay(today()));
  const [progress, setProgress] = React.useState<ProgressView | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const abort = React.useRef<AbortController | null>(null);
  const [cancelling, setCancelling] = React.useState(false);
  const [running, setRunning] = React.useState<"refresh" | "validate" | null>(null);
  const [outcome, setOutcome] = React.useState<Outcome>(null);
  const [error, setError] = React.useState<{ title: string; message: string } | null>(null);
  const [view, setView] = React.useState<View>("refresh");
  const [choice, setChoice] = React.useState<TableChoice | null>(null);
  const [table, setTable] = React.useState<string | undefined>(undefined);
  const asOfDay = dayFromIso(asOf);
  const busy = running !== null;

  const loadChoice = React.useCallback(
    async (name?: string) => {
      try {
        setChoice(await describe(name));
      } catch (e) {
        setChoice({ candidates: [], columns: [], problem: describeError(e) });
      }
    },
    [describe],
  );

  React.useEffect(() => {
    void loadChoice(undefined);
  }, [loadChoice]);

  const pickTable = (name: string) => {
    setTable(name);
    void loadChoice(name);
  };

  const run = async (kind: "refresh" | "validate", snapshot = false) => {
    if (asOfDay === null) return;
    setOutcome(null);
    setError(null);
    setNotice(null);
    setRunning(kind);
    const controller = new AbortController();
    abort.current = controller;
    const { signal } = controller;
    const progressNow = { current: nextProgressView(null, { stage: "finding" }) };
    const onProgress = (step: RefreshProgress) => {
      progressNow.current = nextProgressView(progressNow.current, step);
      setProgress(progressNow.current);
    };
    setProgress(progressNow.current);
    try {
      if (kind === "refresh") {
        const result = await refresh({ asOf: asOfDay, table, onProgress, signal, snapshot });
        setOutcome({ kind: "refreshed", result });
        setView("refresh");
      } else {
        const report = await validate({ asOf: asOfDay, table, onProgress, signal });
        setOutcome({ kind: "validated", report });
        setView("issues");
      }
    } catch (e) {
      setView("refresh");
      if (e instanceof ArDeskError && e.code === "CANCELLED") {
        // The user asked for it: say what state the workbook is in, not an error.
        setNotice(e.message);
      } else {
        setError({ title: kind === "refresh" ? "Refresh failed" : "Validation failed", message: describeError(e) });
        // Several invoice tables, or the table is gone: show what the workbook has now.
        void loadChoice(table);
      }
    } finally {
      abort.current = null;
      setCancelling(false);
      setProgress(null);
      setRunning(null);
    }
  };

  const cancel = () => {
    setCancelling(true);
    abort.current?.abort();
  };

  const onSelectRisk = async (sheet: string, range: string) => {
    try {
      await selectCell(sheet, range);
    } catch (e) {
      setError({ title: "Could not select the customer", message: describeError(e) });
    }
  };

  const onSelect = async (issue: Issue) => {
    try {
      await selectCell(issue.sheet, issue.cell);
    } catch (e) {
      setError({ title: "Could not select the cell", message: describeError(e) });
    }
  };

  const report: ValidationReport | null = outcome ? (outcome.kind === "refreshed" ? outcome.result : outcome.report) : null;
  const candidates = choice?.candidates ?? [];

  return (
    <main className={styles.root} data-tables={choice ? "ready" : "loading"}>
      <header className={styles.header}>
        <Subtitle1 as="h1" className={styles.title}>
          AR Desk
        </Subtitle1>
        <Caption1 className={styles.muted}>Receivables aging from your invoice table. Nothing leaves the workbook.</Caption1>
      </header>

      <section className={styles.form} aria-label="Refresh aging">
        {candidates.length > 1 && (
          <Field label="Invoice table" hint="Several tables look like invoices: pick the one to use.">
            <Dropdown
              placeholder="Pick the invoice table"
              value={table ?? ""}
              selectedOptions={table ? [table] : []}
              disabled={busy}
              onOptionSelect={(_, data) => data.optionValue && pickTable(data.optionValue)}
              data-testid="table-picker"
            >
              {candidates.map((t) => (
                <Option key={t.name} value={t.name} text={t.name}>
                  {`${t.name} (sheet ${t.sheet}, ${t.rowCount.toLocaleString("en-US")} rows)`}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
        <Field
          label="As of"
          hint="Invoices open on this day are aged by the basis and buckets in Settings."
          validationState={asOfDay === null ? "error" : "none"}
          validationMessage={asOfDay === null ? "Enter a date, e.g. 2026-03-31." : undefined}
        >
          <Input type="date" value={asOf} disabled={busy} onChange={(_, data) => setAsOf(data.value)} data-testid="as-of" />
        </Field>
        <div className={styles.buttons}>
          <Button appearance="primary" onClick={() => run("refresh")} disabled={busy || asOfDay === null} data-testid="refresh">
            Refresh aging
          </Button>
          <Button onClick={() => run("validate")} disabled={busy || asOfDay === null} data-testid="validate">
            Validate
          </Button>
          <Button onClick={() => run("refresh", true)} disabled={busy || asOfDay === null} data-testid="save-snapshot" title="Refresh and keep this aging on the AR History sheet, for roll rates">
            Save snapshot
          </Button>
        </div>
      </section>

      {progress && (
        <div className={styles.progress} data-testid="progress">
          <ProgressBar value={progress.value} max={1} thickness="large" aria-label="Progress" />
          <div className={styles.progressLine}>
            <Caption1 role="status" aria-live="polite" data-testid="progress-text">
              {cancelling ? "Cancelling…" : progress.written > 0 ? `${progress.text}: finishing the other sheets` : progress.text}
            </Caption1>
            {/* Once a sheet is in, the run finishes (see runRefreshInExcel): no sheets of two dates. */}
            <Button size="small" onClick={cancel} disabled={cancelling || progress.written > 0} data-testid="cancel">
              Cancel
            </Button>
          </div>
        </div>
      )}

      {notice && (
        <MessageBar intent="info" layout="multiline" data-testid="cancelled">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}

      {error && (
        <MessageBar intent="error" layout="multiline" data-testid="error">
          <MessageBarBody>
            <MessageBarTitle>{error.title}</MessageBarTitle>
            <Body1 as="p" block>
              {error.message}
            </Body1>
          </MessageBarBody>
        </MessageBar>
      )}

      {report && report.warnings.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="settings-warnings">
          <MessageBarBody>
            <MessageBarTitle>Saved settings</MessageBarTitle>
            <ul className={styles.list}>
              {report.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}

      <TabList className={styles.tabs} size="small" selectedValue={view} onTabSelect={(_, data) => setView(data.value as View)} aria-label="Views">
        <Tab value="refresh">Summary</Tab>
        <Tab value="issues" data-testid="tab-issues">
          Issues{report ? ` (${report.issues.length.toLocaleString("en-US")})` : ""}
        </Tab>
        <Tab value="columns" data-testid="tab-columns">
          Columns
        </Tab>
        <Tab value="risk" data-testid="tab-risk">
          Risk
        </Tab>
        <Tab value="settings" data-testid="tab-settings">
          Settings
        </Tab>
        <Tab value="reminders" data-testid="tab-reminders">
          Reminders
        </Tab>
      </TabList>
      {view === "reminders" && (
        <React.Suspense fallback={<Body1 className={styles.muted}>Loading…</Body1>}>
          <RemindersView asOf={asOfDay} table={table} />
        </React.Suspense>
      )}

      {view === "refresh" && outcome?.kind === "refreshed" && (
        <SuccessMessage result={outcome.result} listClassName={styles.list} onShowIssues={() => setView("issues")} />
      )}
      {view === "refresh" && outcome?.kind === "refreshed" && <SnapshotNote result={outcome.result} saveSettings={saveSettings} busy={busy} />}
      {view === "refresh" && outcome?.kind === "validated" && (
        <Body1 className={styles.muted}>Validated: see Issues. Press Refresh aging to age the invoices.</Body1>
      )}
      {view === "refresh" && !outcome && !error && (
        <Body1 className={styles.muted}>Press Refresh aging to write the aging sheets, or Validate to check every cell first.</Body1>
      )}
      {view === "issues" && <IssuesView report={report} onSelect={onSelect} />}
      {view === "risk" &&
        (outcome?.kind === "refreshed" ? (
          <React.Suspense fallback={<Body1 className={styles.muted}>Loading…</Body1>}>
            <RiskView worklist={outcome.result.risk} sheet={outcome.result.riskSheet} onSelect={(range) => onSelectRisk(outcome.result.riskSheet, range)} />
          </React.Suspense>
        ) : (
          <Body1 className={styles.muted}>Press Refresh aging to score every customer and rank who to contact first.</Body1>
        ))}
      {view === "settings" && (
        <React.Suspense fallback={<Body1 className={styles.muted}>Loading…</Body1>}>
          <SettingsView loadSettings={loadSettings} saveSettings={saveSettings} busy={busy} />
        </React.Suspense>
      )}
      {view === "columns" && (
        <ColumnsView
          choice={choice}
          busy={busy}
          onSave={async (t, mapping) => {
            await saveMapping(t, mapping);
            await loadChoice(table);
          }}
        />
      )}
    </main>
  );
}

function SuccessMessage({ result, listClassName, onShowIssues }: { result: RefreshResult; listClassName: string; onShowIssues: () => void }) {
  const { lines, more } = skippedList(result.skipped);
  return (
    <MessageBar intent="success" layout="multiline" data-testid="success">
      <MessageBarBody>
        <MessageBarTitle>AR Aging refreshed</MessageBarTitle>
        <Body1 as="p" block>
          {summaryHeadline(result)}
        </Body1>
        <Body1 as="p" block data-testid="quality-line">
          {qualityLine(result.quality, result.issues)}
        </Body1>
        <Body1 as="p" block>
          {summaryDetail(result)}
        </Body1>
        {result.sections?.length > 0 && <Body1 as="p" block>Key figures:</Body1>}
        {result.sections?.length > 0 && (
          <ul className={listClassName} aria-label="Key figures" data-testid="kpis">
            {kpiLines(result).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        {lines.length > 0 && <Body1 as="p" block>Rows left out of the aging:</Body1>}
        {lines.length > 0 && (
          <ul className={listClassName} aria-label="Skipped rows" data-testid="skipped">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
            {more > 0 && <li>…and {more} more.</li>}
          </ul>
        )}
        {result.issues.length > 0 && (
          <Button size="small" onClick={onShowIssues} data-testid="show-issues">
            Show issues
          </Button>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

/** After a refresh: whether a snapshot was saved, and the loss rates roll rates suggest, with a button to use them. */
function SnapshotNote({ result, saveSettings, busy }: { result: RefreshResult; saveSettings: (change: AgingSettings) => Promise<void>; busy: boolean }) {
  const [status, setStatus] = React.useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [saving, setSaving] = React.useState(false);
  const saved = snapshotLine(result);
  const suggestion = lossRateSuggestion(result);
  if (!saved && !suggestion) return null;
  const use = async () => {
    if (!suggestion) return;
    setSaving(true);
    try {
      const rates = mergeSuggested(
        suggestion.buckets.map((b) => b.current),
        suggestion.buckets.map((b) => b.suggested),
      );
      await saveSettings({ lossRates: rates });
      setStatus({ intent: "success", text: "Loss rates saved in the workbook: the next refresh's allowance uses them." });
    } catch (e) {
      setStatus({ intent: "error", text: describeError(e) });
    } finally {
      setSaving(false);
    }
  };
  return (
    <MessageBar intent="info" layout="multiline" data-testid="snapshot">
      <MessageBarBody>
        {saved && (
          <Body1 as="p" block data-testid="snapshot-saved">
            {saved}
          </Body1>
        )}
        {suggestion ? (
          <>
            <Body1 as="p" block data-testid="suggested-rates">
              Suggested loss rates: {suggestionText(suggestion)}
            </Body1>
            <Button size="small" onClick={use} disabled={busy || saving || status?.intent === "success"} data-testid="use-suggested">
              Use as loss rates
            </Button>
          </>
        ) : (
          <Body1 as="p" block>
            Save a snapshot on another date too: with two or more, AR Desk suggests loss rates from how balances roll from bucket to bucket.
          </Body1>
        )}
        {status && (
          <Body1 as="p" block data-testid="suggested-status">
            {status.text}
          </Body1>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Findings listed per rule; longer lists stop here and point at the issues sheet. */
const FINDINGS_SHOWN = 100;
/** Rule groups with at most this many findings start open. */
const OPEN_UP_TO = 20;

function IssuesView({ report, onSelect }: { report: ValidationReport | null; onSelect: (issue: Issue) => void }) {
  const styles = useStyles();
  if (!report) {
    return <Body1 className={styles.muted}>Press Validate to check every cell of the invoice table.</Body1>;
  }
  const groups = groupIssues(report.issues, report.quality);
  const counts = issueCounts(report.issues);
  return (
    <section className={styles.view} aria-label="Issues" data-testid="issues">
      <div className={styles.score}>
        <Title2 as="h2" data-testid="quality-score">
          {scoreText(report.quality)}
        </Title2>
        <Caption1 className={styles.muted}>data quality</Caption1>
      </div>
      <Body1 data-testid="issue-counts">
        {SEVERITIES.map((s) => severityCount(s, counts[s])).join(" · ")} in {report.invoicesRead.toLocaleString("en-US")} rows of{" "}
        {report.source.table}. All findings are on the &quot;{report.issuesSheet}&quot; sheet.
      </Body1>
      {report.quality.breakdown.length > 0 && (
        <ul className={styles.breakdown} aria-label="Score breakdown" data-testid="breakdown">
          {report.quality.breakdown.map((b) => (
            <li key={b.rule}>
              <Caption1>{breakdownLine(b)}</Caption1>
            </li>
          ))}
        </ul>
      )}
      {groups.length === 0 && <Body1>No issues found: every cell reads cleanly.</Body1>}
      <Accordion multiple collapsible defaultOpenItems={groups.map((g) => g.severity)}>
        {groups.map((group) => (
          <AccordionItem key={group.severity} value={group.severity} data-testid={`severity-${group.severity}`}>
            <AccordionHeader>
              <span className={styles.groupHeader}>
                <Subtitle2>{severityHeading(group.severity)}</Subtitle2>
                <CounterBadge count={group.count} overflowCount={9999} color={group.severity === "error" ? "danger" : "informative"} />
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <Accordion multiple collapsible defaultOpenItems={group.rules.filter((r) => r.issues.length <= OPEN_UP_TO).map((r) => r.rule)}>
                {group.rules.map((rule) => (
                  <AccordionItem key={rule.rule} value={rule.rule} data-testid={`rule-${rule.rule}`}>
                    <AccordionHeader size="small">
                      <span className={styles.groupHeader}>
                        <Body1Strong>{rule.title}</Body1Strong>
                        <Badge appearance="tint" color="informative">
                          {rule.issues.length.toLocaleString("en-US")}
                        </Badge>
                      </span>
                    </AccordionHeader>
                    <AccordionPanel>
                      <ul className={styles.findings}>
                        {rule.issues.slice(0, FINDINGS_SHOWN).map((issue, i) => (
                          <li key={`${issue.sheet}!${issue.cell}#${i}`}>
                            <Button
                              appearance="subtle"
                              className={styles.finding}
                              onClick={() => onSelect(issue)}
                              data-testid="finding"
                              data-sheet={issue.sheet}
                              data-cell={issue.cell}
                              title={`Select ${issueLocation(issue)} in Excel`}
                            >
                              <Body1Strong>{issueLocation(issue)}</Body1Strong>
                              <Body1>{issue.message}</Body1>
                              {issue.fix && <Caption1 className={styles.fix}>{issue.fix}</Caption1>}
                            </Button>
                          </li>
                        ))}
                        {rule.issues.length > FINDINGS_SHOWN && (
                          <li>
                            <Caption1 className={styles.muted}>
                              …and {(rule.issues.length - FINDINGS_SHOWN).toLocaleString("en-US")} more on the &quot;{report.issuesSheet}&quot; sheet.
                            </Caption1>
                          </li>
                        )}
                      </ul>
                    </AccordionPanel>
                  </AccordionItem>
                ))}
              </Accordion>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}

function ColumnsView({ choice, busy, onSave }: { choice: TableChoice | null; busy: boolean; onSave: (table: TableInfo, mapping: FieldMapping) => Promise<void> }) {
  const styles = useStyles();
  const detected = React.useMemo(() => mappingOf(choice?.columns ?? []), [choice]);
  const [mapping, setMapping] = React.useState<FieldMapping>(detected);
  const [saving, setSaving] = React.useState(false);
  const [status, setStatus] = React.useState<{ intent: "success" | "error"; text: string } | null>(null);
  React.useEffect(() => setMapping(detected), [detected]);

  if (!choice) return <Body1 className={styles.muted}>Looking for the invoice table…</Body1>;
  const table = choice.table;
  if (!table) return <Body1 data-testid="columns-problem">{choice.problem ?? "No invoice table found."}</Body1>;
  const rows = mappingRows(choice.columns, mapping, table.headers);
  const options = columnOptions(table.headers);
  const changed = !sameMapping(mapping, detected);

  const save = async () => {
    setSaving(true);
    setStatus(null);
    try {
      await onSave(table, mapping);
      setStatus({ intent: "success", text: "Mapping saved in the workbook: every refresh and validation uses it, for every co-author." });
    } catch (e) {
      setStatus({ intent: "error", text: describeError(e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={styles.view} aria-label="Column mapping" data-testid="columns">
      <Body1>
        Columns of {table.name} on sheet {table.sheet}. Change a field&apos;s column if AR Desk picked the wrong one.
      </Body1>
      {rows.map((row) => (
        <div key={row.field} className={styles.mappingRow} data-testid={`mapping-${row.field}`}>
          <Body1>{row.name}</Body1>
          <Select
            aria-label={`Column for ${row.name}`}
            value={row.column === undefined ? "" : String(row.column)}
            disabled={busy || saving}
            onChange={(_, data) => setMapping((m) => setFieldColumn(m, row.field, data.value === "" ? undefined : Number(data.value)))}
          >
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </Select>
          {row.confidence ? (
            <Badge appearance="tint" color={row.confidence === "High" ? "success" : row.confidence === "Low" ? "warning" : "informative"}>
              {row.confidence}
            </Badge>
          ) : (
            <span />
          )}
        </div>
      ))}
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!changed || busy || saving} onClick={save} data-testid="save-mapping">
          Save mapping
        </Button>
        <Button disabled={!changed || saving} onClick={() => setMapping(detected)}>
          Undo changes
        </Button>
      </div>
      {status && (
        <MessageBar intent={status.intent} layout="multiline" data-testid="mapping-saved">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
