/**
 * The Settings view's logic, pure (no React, no Office.js): the form's text fields, what is
 * wrong with them in words, the bucket labels they give, and the settings they save. Tested in
 * test/taskpane/settingsView.test.ts.
 */
import { DEFAULT_BUCKET_BOUNDS, makeBuckets } from "../core/aging/buckets";
import { DEFAULT_LOSS_RATES, lossRatesFor } from "../core/metrics/allowance";
import { DEFAULT_WEIGHTS, FACTOR_LABELS, normaliseWeights, RISK_FACTORS, type RiskFactor, type RiskWeights } from "../core/risk/score";
import type { AgingBasis, Bucket } from "../core/types";
import type { AgingSettings } from "../workbook/settings";

/** At most this many bounds, as the saved settings allow (20 bounds → 21 or 22 buckets). */
export const MAX_BOUNDS = 20;

/** What the user sees and types. Numbers stay text so a half-typed value is not lost. */
export interface SettingsForm {
  basis: AgingBasis;
  /** Bucket bounds as typed: "30, 60, 90, 120". */
  buckets: string;
  /** The last bounds that read correctly: the loss rates are shaped to their buckets. */
  bounds: number[];
  /** Loss rate per bucket of `bounds`, in percent, as typed. */
  lossRates: string[];
  /** Relative weight per risk factor, as typed. */
  weights: Record<RiskFactor, string>;
}

/** "3", "1.5", "0.25": a fraction as a percent, at most two decimals, no float noise. */
export function percentText(fraction: number): string {
  return String(Math.round(fraction * 10_000) / 100);
}

/** The form for the saved settings (defaults where nothing is saved). */
export function formFromSettings(saved: AgingSettings): SettingsForm {
  const basis = saved.basis ?? "due";
  const bounds = [...(saved.bucketBounds ?? DEFAULT_BUCKET_BOUNDS)];
  const count = makeBuckets(bounds, basis).length;
  const rates = lossRatesFor(count, saved.lossRates ?? DEFAULT_LOSS_RATES);
  const weights = normaliseWeights(saved.riskWeights ?? {});
  return {
    basis,
    buckets: bounds.join(", "),
    bounds,
    lossRates: rates.map(percentText),
    weights: Object.fromEntries(RISK_FACTORS.map((f) => [f, percentText(weights[f])])) as Record<RiskFactor, string>,
  };
}

/** The form with every setting at its default. */
export function defaultForm(): SettingsForm {
  return formFromSettings({});
}

export type BucketsRead = { bounds: number[]; error?: undefined } | { bounds?: undefined; error: string };

/**
 * Bucket bounds from what the user typed, or what is wrong with it in words.
 * @example readBuckets("30, 60, 90") // { bounds: [30, 60, 90] }
 * @example readBuckets("30, 20").error // "20 comes after 30: list the days in increasing order, each once."
 */
export function readBuckets(text: string): BucketsRead {
  const parts = text.split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0) return { error: "Enter the last day of each bucket, e.g. 30, 60, 90, 120." };
  if (parts.length > MAX_BOUNDS) return { error: `At most ${MAX_BOUNDS} bucket bounds; this has ${parts.length}.` };
  const bounds: number[] = [];
  for (const part of parts) {
    const value = Number(part);
    if (!/^[+-]?\d*\.?\d+$/.test(part) || !Number.isFinite(value)) return { error: `"${part}" is not a number of days.` };
    if (!Number.isInteger(value)) return { error: `${part} is not a whole number of days.` };
    if (value < 1) return { error: `${part}: a bucket ends 1 day past due or later.` };
    const previous = bounds[bounds.length - 1];
    if (previous !== undefined && value <= previous) return { error: `${part} comes after ${previous}: list the days in increasing order, each once.` };
    bounds.push(value);
  }
  return { bounds };
}

/**
 * The bucket labels the settings give, as the aging sheet will show them.
 * @example bucketLabels([30, 60], "due") // ["Current", "1–30", "31–60", "60+"]
 */
export function bucketLabels(bounds: readonly number[], basis: AgingBasis): string[] {
  return makeBuckets(bounds, basis).map((b) => b.label);
}

/** The first day a bucket holds (−∞ for "Current" and the invoice basis' first bucket). */
const firstDay = (b: Bucket) => b.minDays ?? -Infinity;

/**
 * Loss rates moved onto new buckets: each new bucket takes the rate of the old bucket that holds
 * its first day, and the open-ended last bucket keeps the old last bucket's rate (the oldest
 * debt keeps the highest rate, whatever the bounds). Works on text, so what the user typed moves
 * with its bucket.
 * @example reshapeLossRates(["1","3","8","20","40","80"], makeBuckets(), makeBuckets([30, 60, 90])) // ["1","3","8","20","80"]
 */
export function reshapeLossRates(rates: readonly string[], from: readonly Bucket[], to: readonly Bucket[]): string[] {
  const holding = (day: number) => {
    const i = from.findIndex((b) => (b.minDays === null || day >= b.minDays) && (b.maxDays === null || day <= b.maxDays));
    return i < 0 ? 0 : i;
  };
  return to.map((b, i) => (i === to.length - 1 ? rates[from.length - 1] : rates[holding(firstDay(b))]) ?? "0");
}

/** The form with new bucket text; the loss rates follow when the text reads as buckets. */
export function editBuckets(form: SettingsForm, text: string): SettingsForm {
  const read = readBuckets(text);
  if (!read.bounds) return { ...form, buckets: text };
  return { ...form, buckets: text, bounds: read.bounds, lossRates: reshapeLossRates(form.lossRates, makeBuckets(form.bounds, form.basis), makeBuckets(read.bounds, form.basis)) };
}

/** The form with another aging basis; the loss rates follow the buckets it gives. */
export function editBasis(form: SettingsForm, basis: AgingBasis): SettingsForm {
  if (basis === form.basis) return form;
  return { ...form, basis, lossRates: reshapeLossRates(form.lossRates, makeBuckets(form.bounds, form.basis), makeBuckets(form.bounds, basis)) };
}

/**
 * A number typed by the user: "1.5", "1,5", "2 %". Null when it is not one.
 * @example readNumber("1,5%") // 1.5
 */
export function readNumber(text: string): number | null {
  const clean = text.trim().replace(/%$/, "").trim().replace(",", ".");
  if (!/^\d*\.?\d+$/.test(clean)) return null;
  return Number(clean);
}

/** Everything the form says: what it gives and what is wrong, field by field. */
export interface SettingsCheck {
  /** Bucket labels of the last bounds that read (the preview). */
  labels: string[];
  bucketError?: string;
  /** Per bucket of `labels`: what is wrong with its loss rate. */
  lossRateErrors: (string | undefined)[];
  /** Per factor: what is wrong with its weight. */
  weightErrors: Partial<Record<RiskFactor, string>>;
  /** About the weights as a whole (all zero). */
  weightsError?: string;
  /** Each factor's share of the score once the weights are scaled to add up to 100%; null while a weight does not read. */
  shares: Record<RiskFactor, number> | null;
  /** True when nothing is wrong: the form can be saved. */
  ok: boolean;
}

/** Checks every field of the form. */
export function checkForm(form: SettingsForm): SettingsCheck {
  const buckets = readBuckets(form.buckets);
  const labels = bucketLabels(form.bounds, form.basis);
  const lossRateErrors = labels.map((label, i) => {
    const value = readNumber(form.lossRates[i] ?? "");
    return value === null || value > 100 ? `Enter the loss rate for ${label} as a percent from 0 to 100.` : undefined;
  });
  const weightErrors: Partial<Record<RiskFactor, string>> = {};
  const raw: Partial<RiskWeights> = {};
  for (const f of RISK_FACTORS) {
    const value = readNumber(form.weights[f]);
    if (value === null) weightErrors[f] = `Enter a weight of 0 or more for ${FACTOR_LABELS[f]} (0 leaves it out).`;
    else raw[f] = value;
  }
  let shares: Record<RiskFactor, number> | null = null;
  let weightsError: string | undefined;
  if (Object.keys(weightErrors).length === 0) {
    if (RISK_FACTORS.every((f) => raw[f] === 0)) weightsError = "At least one risk weight must be above 0.";
    else shares = normaliseWeights(raw);
  }
  return {
    labels,
    bucketError: buckets.error,
    lossRateErrors,
    weightErrors,
    weightsError,
    shares,
    ok: !buckets.error && lossRateErrors.every((e) => !e) && shares !== null,
  };
}

/** Every aging setting, undefined meaning "back to the default" (withAgingSettings removes it). */
export type SettingsChange = { [K in keyof Required<AgingSettings>]: Required<AgingSettings>[K] | undefined };

const sameNumbers = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) < 1e-9);

/**
 * The settings to save from a form that checks out, or null. A setting equal to its default is
 * left out (undefined), so the workbook follows the defaults.
 */
export function settingsFromForm(form: SettingsForm): SettingsChange | null {
  const check = checkForm(form);
  if (!check.ok || !check.shares) return null;
  const bounds = form.bounds;
  const rates = form.lossRates.slice(0, check.labels.length).map((t) => Math.round((readNumber(t) ?? 0) * 10_000) / 1_000_000);
  const defaultWeights = normaliseWeights(DEFAULT_WEIGHTS);
  const weights = check.shares;
  return {
    basis: form.basis === "due" ? undefined : form.basis,
    bucketBounds: sameNumbers(bounds, DEFAULT_BUCKET_BOUNDS) ? undefined : [...bounds],
    lossRates: sameNumbers(rates, lossRatesFor(check.labels.length)) ? undefined : rates,
    riskWeights: RISK_FACTORS.every((f) => Math.abs(weights[f] - defaultWeights[f]) < 1e-9) ? undefined : { ...weights },
  };
}

/** "25%": a factor's share of the score, whole percent unless small. */
export function shareText(share: number): string {
  const pct = share * 100;
  return `${pct > 0 && pct < 1 ? pct.toFixed(1) : Math.round(pct)}%`;
}

/**
 * Loss rates suggested by roll rates, merged into the current ones: a bucket without a
 * suggestion (no balance to roll from) keeps its current rate.
 * @example mergeSuggested([0.01, 0.03], [0.005, null]) // [0.005, 0.03]
 */
export function mergeSuggested(current: readonly number[], suggested: readonly (number | null)[]): number[] {
  return current.map((rate, i) => suggested[i] ?? rate);
}
