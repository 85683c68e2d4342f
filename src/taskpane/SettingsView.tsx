/**
 * The Settings tab: aging basis, buckets, loss rates and risk weights, saved in the workbook for
 * every co-author and the command line. Loaded only when the tab is opened (React.lazy in App).
 * The logic is in settingsView.ts; this file only lays it out.
 */
import * as React from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { describeError } from "../core/errors";
import { FACTOR_LABELS, RISK_FACTORS, type RiskFactor } from "../core/risk/score";
import type { AgingBasis } from "../core/types";
import { agingSettingsOf, type AgingSettings, type SettingsRead } from "../workbook/settings";
import { checkForm, defaultForm, editBasis, editBuckets, formFromSettings, settingsFromForm, shareText, type SettingsForm } from "./settingsView";

const useStyles = makeStyles({
  view: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  grid: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) 6rem 3.5rem",
    alignItems: "start",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  label: {
    paddingTop: tokens.spacingVerticalXS,
  },
  number: {
    // Fluent's Input is wide by default; in the narrow pane the grid column decides.
    minWidth: 0,
    width: "100%",
  },
  share: {
    paddingTop: tokens.spacingVerticalXS,
    textAlign: "end",
    color: tokens.colorNeutralForeground2,
  },
  buttons: {
    display: "flex",
    columnGap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
});

export interface SettingsViewProps {
  loadSettings: () => Promise<SettingsRead>;
  saveSettings: (change: AgingSettings) => Promise<void>;
  /** A refresh or validation is running: saving waits. */
  busy: boolean;
}

type Status = { intent: "success" | "error" | "warning" | "info"; text: string } | null;

export default function SettingsView({ loadSettings, saveSettings, busy }: SettingsViewProps): React.ReactElement {
  const styles = useStyles();
  const [form, setForm] = React.useState<SettingsForm | null>(null);
  const [saving, setSaving] = React.useState(false);
  const [status, setStatus] = React.useState<Status>(null);

  React.useEffect(() => {
    let live = true;
    loadSettings()
      .then(({ settings, warnings }) => {
        if (!live) return;
        setForm(formFromSettings(agingSettingsOf(settings)));
        if (warnings.length) setStatus({ intent: "warning", text: warnings.join(" ") });
      })
      .catch((e) => {
        if (!live) return;
        // The defaults still make a usable form; saving will say if the workbook refuses.
        setForm(defaultForm());
        setStatus({ intent: "error", text: describeError(e) });
      });
    return () => {
      live = false;
    };
  }, [loadSettings]);

  if (!form) return <Body1 className={styles.muted}>Reading the saved settings…</Body1>;
  const check = checkForm(form);
  const edit = (next: SettingsForm) => {
    setForm(next);
    setStatus(null);
  };

  const save = async () => {
    const change = settingsFromForm(form);
    if (!change) return;
    setSaving(true);
    setStatus(null);
    try {
      await saveSettings(change);
      setStatus({ intent: "success", text: "Settings saved in the workbook: the next refresh uses them, for every co-author and the command line." });
    } catch (e) {
      setStatus({ intent: "error", text: describeError(e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className={styles.view} aria-label="Settings" data-testid="settings">
      <Field label="Age invoices by">
        <RadioGroup value={form.basis} onChange={(_, data) => edit(editBasis(form, data.value as AgingBasis))} data-testid="basis">
          <Radio value="due" label="Days past the due date" />
          <Radio value="invoice" label="Days since the invoice date" />
        </RadioGroup>
      </Field>

      <Field
        label="Buckets: the last day of each, in days"
        validationState={check.bucketError ? "error" : "none"}
        validationMessage={check.bucketError}
        hint={check.bucketError ? undefined : `Shows as: ${check.labels.join(" · ")}`}
      >
        <Input value={form.buckets} onChange={(_, data) => edit(editBuckets(form, data.value))} data-testid="buckets" />
      </Field>

      <Subtitle2 as="h2">Loss rates for the allowance</Subtitle2>
      <Caption1 className={styles.muted}>The share of each bucket you expect never to collect (provision matrix).</Caption1>
      <div className={styles.grid} data-testid="loss-rates">
        {check.labels.map((label, i) => (
          <React.Fragment key={`${i}:${label}`}>
            <Body1 className={styles.label}>{label}</Body1>
            <Field validationState={check.lossRateErrors[i] ? "error" : "none"} validationMessage={check.lossRateErrors[i]}>
              <Input
                aria-label={`Loss rate for ${label}, percent`}
                className={styles.number}
                value={form.lossRates[i] ?? ""}
                contentAfter="%"
                inputMode="decimal"
                onChange={(_, data) => edit({ ...form, lossRates: form.lossRates.map((r, j) => (j === i ? data.value : r)) })}
              />
            </Field>
            <span />
          </React.Fragment>
        ))}
      </div>

      <Subtitle2 as="h2">Risk score weights</Subtitle2>
      <Caption1 className={styles.muted}>Relative weights: each factor gets the share shown on the right. 0 leaves a factor out.</Caption1>
      <div className={styles.grid} data-testid="risk-weights">
        {RISK_FACTORS.map((factor: RiskFactor) => (
          <React.Fragment key={factor}>
            <Body1 className={styles.label}>{FACTOR_LABELS[factor]}</Body1>
            <Field validationState={check.weightErrors[factor] ? "error" : "none"} validationMessage={check.weightErrors[factor]}>
              <Input
                aria-label={`Weight of ${FACTOR_LABELS[factor]}`}
                className={styles.number}
                value={form.weights[factor]}
                inputMode="decimal"
                onChange={(_, data) => edit({ ...form, weights: { ...form.weights, [factor]: data.value } })}
              />
            </Field>
            <Caption1 className={styles.share} data-testid={`share-${factor}`}>
              {check.shares ? shareText(check.shares[factor]) : "–"}
            </Caption1>
          </React.Fragment>
        ))}
      </div>
      {check.weightsError && (
        <MessageBar intent="error">
          <MessageBarBody>{check.weightsError}</MessageBarBody>
        </MessageBar>
      )}

      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!check.ok || saving || busy} onClick={save} data-testid="save-settings">
          Save settings
        </Button>
        <Button
          disabled={saving}
          onClick={() => {
            setForm(defaultForm());
            setStatus({ intent: "info", text: "The defaults are in the form: Save settings to use them in this workbook." });
          }}
          data-testid="reset-settings"
        >
          Reset to defaults
        </Button>
      </div>
      {status && (
        <MessageBar intent={status.intent} layout="multiline" data-testid="settings-status">
          <MessageBarBody>{status.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
