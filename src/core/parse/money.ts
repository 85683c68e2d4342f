/** ISO 4217 currencies whose amounts have no minor unit. */
const ZERO_DECIMAL = new Set([
  "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV",
  "XAF", "XOF", "XPF",
]);
/** ISO 4217 currencies with three decimals. */
const THREE_DECIMAL = new Set(["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"]);

/**
 * How many decimals the currency's minor unit has (2 when the currency is unknown or unset).
 * @example minorDigits("JPY") // 0
 */
export function minorDigits(currency?: string): number {
  if (!currency) return 2;
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

/**
 * A number of currency units as integer minor units, rounded half away from zero the way Excel
 * shows it: Excel keeps 15 significant digits, so 1.005 typed in a cell is 1.01, not the
 * 1.00 that binary floating point would give.
 * Returns null for values that are not finite or too large to count exactly.
 * @example minorFromNumber(1234.565) // 123457
 */
export function minorFromNumber(value: number, digits = 2): number | null {
  if (!Number.isFinite(value)) return null;
  const factor = 10 ** digits;
  const magnitude = Math.abs(value);
  if (magnitude * factor >= Number.MAX_SAFE_INTEGER) return null;
  // Fast path for the usual case, an amount with no more decimals than the currency has: the
  // scaled value is a whole number but for binary noise far below half a minor unit.
  const scaled = value * factor;
  const whole = Math.round(scaled);
  if (Math.abs(scaled - whole) < 1e-6 && magnitude < 1e11) return whole === 0 ? 0 : whole;
  const text = magnitude.toPrecision(15);
  let minor: number;
  if (text.includes("e")) {
    // Only tiny magnitudes reach here (large ones were refused above): far below one minor unit.
    minor = Math.round(magnitude * factor);
  } else {
    const [whole, fraction = ""] = text.split(".");
    const kept = (fraction + "0".repeat(digits + 1)).slice(0, digits);
    const next = Number((fraction + "0".repeat(digits + 1))[digits]);
    minor = Number(whole) * factor + (digits > 0 ? Number(kept) : 0) + (next >= 5 ? 1 : 0);
  }
  return value < 0 && minor !== 0 ? -minor : minor;
}

/**
 * Minor units back to currency units, for writing into cells and JSON.
 * @example unitsFromMinor(123457) // 1234.57
 */
export function unitsFromMinor(minor: number, digits = 2): number {
  return minor / 10 ** digits;
}
