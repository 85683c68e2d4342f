import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Subtitle1,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { describeError } from "../core/errors";
import { dayFromIso, isoFromDay, today } from "../core/parse/dates";
import type { RefreshOptions, RefreshProgress, RefreshResult } from "../workbook/refreshAging";
import { progressValue, skippedList, stageText, summaryDetail, summaryHeadline } from "./summary";

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
  progress: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalXS,
  },
  list: {
    margin: `${tokens.spacingVerticalXS} 0 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
  },
});

/** The refresh the pane runs: the Office.js one in Excel, a fake in tests. */
export type RefreshFn = (options: RefreshOptions) => Promise<RefreshResult>;

type Outcome = { kind: "success"; result: RefreshResult } | { kind: "error"; message: string } | null;

export interface AppProps {
  refresh: RefreshFn;
  /** The as-of date the field starts with; today when absent. */
  initialAsOf?: string;
}

/** The AR Desk pane: as-of date, "Refresh aging", progress, and what happened. */
export function App({ refresh, initialAsOf }: AppProps): React.ReactElement {
  const styles = useStyles();
  const [asOf, setAsOf] = React.useState(initialAsOf ?? isoFromDay(today()));
  const [progress, setProgress] = React.useState<RefreshProgress | null>(null);
  const [outcome, setOutcome] = React.useState<Outcome>(null);
  const running = progress !== null;
  const asOfDay = dayFromIso(asOf);

  const onRefresh = async () => {
    if (asOfDay === null) return;
    setOutcome(null);
    setProgress({ stage: "finding" });
    try {
      const result = await refresh({ asOf: asOfDay, onProgress: setProgress });
      setOutcome({ kind: "success", result });
    } catch (error) {
      setOutcome({ kind: "error", message: describeError(error) });
    } finally {
      setProgress(null);
    }
  };

  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Subtitle1 as="h1" className={styles.title}>
          AR Desk
        </Subtitle1>
        <Caption1 className={styles.muted}>Receivables aging from your invoice table. Nothing leaves the workbook.</Caption1>
      </header>

      <section className={styles.form} aria-label="Refresh aging">
        <Field
          label="As of"
          hint="Invoices open on this day are aged by days past due."
          validationState={asOfDay === null ? "error" : "none"}
          validationMessage={asOfDay === null ? "Enter a date, e.g. 2026-03-31." : undefined}
        >
          <Input
            type="date"
            value={asOf}
            disabled={running}
            onChange={(_, data) => setAsOf(data.value)}
            data-testid="as-of"
          />
        </Field>
        <Button appearance="primary" onClick={onRefresh} disabled={running || asOfDay === null} data-testid="refresh">
          Refresh aging
        </Button>
      </section>

      {progress && (
        <div className={styles.progress} role="status" aria-live="polite" data-testid="progress">
          <ProgressBar value={progressValue(progress)} max={1} thickness="large" />
          <Caption1>{stageText(progress)}</Caption1>
        </div>
      )}

      {outcome?.kind === "success" && <SuccessMessage result={outcome.result} listClassName={styles.list} />}

      {outcome?.kind === "error" && (
        <MessageBar intent="error" layout="multiline" data-testid="error">
          <MessageBarBody>
            <MessageBarTitle>Refresh failed</MessageBarTitle>
            <Body1 as="p" block>
              {outcome.message}
            </Body1>
          </MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}

function SuccessMessage({ result, listClassName }: { result: RefreshResult; listClassName: string }) {
  const { lines, more } = skippedList(result.skipped);
  return (
    <MessageBar intent="success" layout="multiline" data-testid="success">
      <MessageBarBody>
        <MessageBarTitle>AR Aging refreshed</MessageBarTitle>
        <Body1 as="p" block>
          {summaryHeadline(result)}
        </Body1>
        <Body1 as="p" block>
          {summaryDetail(result)}
        </Body1>
        {lines.length > 0 && (
          <ul className={listClassName} aria-label="Skipped rows" data-testid="skipped">
            {lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
            {more > 0 && <li>…and {more} more.</li>}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
