import { minorDigits } from "../parse/money";

/** Statutory late-payment regimes: the UK's Late Payment of Commercial Debts Act, the EU's Late Payment Directive. */
export type StatutoryRegime = "uk" | "eu";

/**
 * Charges a level adds to overdue invoices. Rates are fractions a year (0.08 is 8 %).
 * With `statutory`, the statutory rate (reference rate + 8 points) and fixed compensation replace
 * `annualRate` and `lateFeeMinor`.
 */
export interface ChargePolicy {
  /** A fixed late fee per overdue invoice, in the invoice currency's minor units. */
  lateFeeMinor?: number;
  /**
   * A fixed late fee per overdue invoice in currency units (25 is €25.00, or ¥25), what the pane
   * saves: one level serves every currency of the workbook, each with its own minor digits.
   * Taken instead of `lateFeeMinor` when both are set.
   */
  lateFee?: number;
  /** Contractual simple interest, a fraction a year. */
  annualRate?: number;
  /** Statutory interest and compensation; `referenceRate` is the central bank's base/reference rate (a fraction, editable). */
  statutory?: { regime: StatutoryRegime; referenceRate: number };
}

/** One overdue item charges are computed on. */
export interface ChargeableItem {
  invoice: string;
  daysOverdue: number;
  openMinor: number;
}

export interface InvoiceCharge extends ChargeableItem {
  /** Annual rate applied (a fraction). */
  rate: number;
  interestMinor: number;
  feeMinor: number;
  totalMinor: number;
}

export interface Charges {
  items: InvoiceCharge[];
  rate: number;
  interestMinor: number;
  feesMinor: number;
  totalMinor: number;
  /** Things the reader should know, e.g. fixed compensation left out for a currency it is not set in. */
  notes: string[];
}

/** The statutory points added to the reference rate, in both regimes. */
export const STATUTORY_POINTS = 0.08;

/**
 * The statutory annual rate: the reference (base) rate plus 8 points.
 * @example statutoryRate("uk", 0.0425) // 0.1225
 */
export function statutoryRate(_regime: StatutoryRegime, referenceRate: number): number {
  return Math.round((referenceRate + STATUTORY_POINTS) * 1e8) / 1e8;
}

/**
 * Fixed compensation per invoice, in the regime's currency minor units: UK £40 below £1,000,
 * £70 below £10,000, £100 from £10,000; EU €40.
 * @example statutoryCompensationMinor("uk", 250_000) // 7000 (£70 on £2,500)
 */
export function statutoryCompensationMinor(regime: StatutoryRegime, openMinor: number): number {
  if (regime === "eu") return 4000;
  if (openMinor < 100_000) return 4000;
  if (openMinor < 1_000_000) return 7000;
  return 10000;
}

const REGIME_CURRENCY: Record<StatutoryRegime, string> = { uk: "GBP", eu: "EUR" };

/**
 * Simple interest on a balance, rounded half up to whole minor units, computed exactly:
 * open × rate × days ÷ 365.
 * @example simpleInterestMinor(100_000, 0.1225, 30) // 1007 (£1,000 at 12.25 % for 30 days = £10.07)
 */
export function simpleInterestMinor(openMinor: number, rate: number, days: number): number {
  if (openMinor <= 0 || days <= 0 || rate <= 0) return 0;
  const ppb = BigInt(Math.round(rate * 1e9));
  const numerator = BigInt(Math.round(openMinor)) * ppb * BigInt(Math.round(days));
  const denominator = 365n * 1_000_000_000n;
  return Number((numerator * 2n + denominator) / (2n * denominator));
}

/**
 * The late fees and interest on each overdue item (items not yet due carry none).
 * @example computeCharges([{ invoice: "A", daysOverdue: 30, openMinor: 100_000 }], { statutory: { regime: "uk", referenceRate: 0.0425 } }, "GBP").totalMinor
 * // 5007 (interest £10.07 + compensation £40)
 */
export function computeCharges(items: readonly ChargeableItem[], policy: ChargePolicy, currency?: string): Charges {
  const notes: string[] = [];
  let rate = policy.annualRate ?? 0;
  const fixedFee = policy.lateFee !== undefined ? Math.round(policy.lateFee * 10 ** minorDigits(currency)) : (policy.lateFeeMinor ?? 0);
  let fee = (_open: number) => fixedFee;
  if (policy.statutory) {
    const { regime, referenceRate } = policy.statutory;
    rate = statutoryRate(regime, referenceRate);
    const wanted = REGIME_CURRENCY[regime];
    if (currency && currency.toUpperCase() !== wanted) {
      fee = () => 0;
      notes.push(`Fixed compensation is set in ${wanted}; it is left out for amounts in ${currency.toUpperCase()}.`);
    } else {
      // Thresholds and amounts are in pounds / euros: scale to the currency's minor units (2 for GBP and EUR).
      const scale = 10 ** (minorDigits(wanted) - 2);
      fee = (open) => statutoryCompensationMinor(regime, open / scale) * scale;
    }
  }
  const charged: InvoiceCharge[] = items
    .filter((item) => item.daysOverdue > 0 && item.openMinor > 0)
    .map((item) => {
      const interestMinor = simpleInterestMinor(item.openMinor, rate, item.daysOverdue);
      const feeMinor = fee(item.openMinor);
      return { ...item, rate, interestMinor, feeMinor, totalMinor: interestMinor + feeMinor };
    });
  const interestMinor = charged.reduce((s, c) => s + c.interestMinor, 0);
  const feesMinor = charged.reduce((s, c) => s + c.feeMinor, 0);
  return { items: charged, rate, interestMinor, feesMinor, totalMinor: interestMinor + feesMinor, notes };
}

/** True when the policy adds anything at all. */
export function hasCharges(policy: ChargePolicy | undefined): policy is ChargePolicy {
  return !!policy && (!!policy.statutory || (policy.annualRate ?? 0) > 0 || (policy.lateFeeMinor ?? 0) > 0 || (policy.lateFee ?? 0) > 0);
}
