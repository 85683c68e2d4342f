/**
 * Range.text in the fake Excel host (a stand-in for Excel written for tests, NOT Excel): a cell's
 * value as its number format shows it, in the workbook's date system. Enough of Excel's format
 * codes for dates and times to be honest about the year, month and day a serial shows, and
 * numbers shown simply; README.md says what is and is not rendered. Written from Excel's
 * documented format codes, independently of src/, so that the adapter is checked against it.
 */
import type { Scalar } from "./state";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
/** Last serial each system can show as a date (9999-12-31). */
const LAST_SERIAL = { 1900: 2_958_465, 1904: 2_957_003 };
/** What the fake shows for a number no date can show (negative, past 9999): Excel fills the cell with #. */
export const INVALID_DATE_TEXT = "########";

type Token =
  | { kind: "literal"; text: string }
  | { kind: "date"; code: string }
  | { kind: "ampm"; code: string }
  | { kind: "elapsed"; unit: "h" | "m" | "s"; width: number }
  | { kind: "digit"; code: string }
  | { kind: "general" }
  | { kind: "text" };

/** Splits a format at its section separators (";" outside quotes, brackets and escapes). */
function sections(format: string): string[] {
  const out: string[] = [];
  let current = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end + 1;
      current += format.slice(i, stop);
      i = stop - 1;
    } else if (ch === "\\" || ch === "_" || ch === "*") {
      current += format.slice(i, i + 2);
      i++;
    } else if (ch === "[") {
      const end = format.indexOf("]", i);
      const stop = end < 0 ? format.length : end + 1;
      current += format.slice(i, stop);
      i = stop - 1;
    } else if (ch === ";") {
      out.push(current);
      current = "";
    } else current += ch;
  }
  out.push(current);
  return out;
}

/** Runs of one letter, case-insensitively (yyyy, mm, dd). */
function run(section: string, at: number): string {
  const lower = section[at].toLowerCase();
  let end = at + 1;
  while (end < section.length && section[end].toLowerCase() === lower) end++;
  return section.slice(at, end);
}

function tokenize(section: string): Token[] {
  const tokens: Token[] = [];
  const literal = (text: string) => tokens.push({ kind: "literal", text });
  for (let i = 0; i < section.length; ) {
    const ch = section[i];
    const lower = ch.toLowerCase();
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      literal(section.slice(i + 1, end < 0 ? section.length : end));
      i = end < 0 ? section.length : end + 1;
    } else if (ch === "\\") {
      literal(section[i + 1] ?? "");
      i += 2;
    } else if (ch === "_") {
      // Space the width of the next character: a space in text.
      literal(" ");
      i += 2;
    } else if (ch === "*") {
      // Repeat the next character to fill the cell: no width here, so nothing.
      i += 2;
    } else if (ch === "[") {
      const end = section.indexOf("]", i);
      const inside = section.slice(i + 1, end < 0 ? section.length : end);
      i = end < 0 ? section.length : end + 1;
      const elapsed = /^(h+|m+|s+)$/i.exec(inside);
      const currency = /^\$([^-]*)(?:-.*)?$/.exec(inside);
      if (elapsed) tokens.push({ kind: "elapsed", unit: elapsed[1][0].toLowerCase() as "h" | "m" | "s", width: elapsed[1].length });
      else if (currency) literal(currency[1]);
      // Colours ([Red]) and conditions ([>100]) change no text here.
    } else if (section.slice(i, i + 7).toLowerCase() === "general") {
      tokens.push({ kind: "general" });
      i += 7;
    } else if (section.slice(i, i + 5).toLowerCase() === "am/pm") {
      tokens.push({ kind: "ampm", code: section.slice(i, i + 5) });
      i += 5;
    } else if (section.slice(i, i + 3).toLowerCase() === "a/p") {
      tokens.push({ kind: "ampm", code: section.slice(i, i + 3) });
      i += 3;
    } else if ("ymdhs".includes(lower)) {
      const code = run(section, i);
      tokens.push({ kind: "date", code: code.toLowerCase() });
      i += code.length;
    } else if ("0#?.,%".includes(ch)) {
      tokens.push({ kind: "digit", code: ch });
      i++;
    } else if (ch === "@") {
      tokens.push({ kind: "text" });
      i++;
    } else {
      literal(ch);
      i++;
    }
  }
  return tokens;
}

/** "m"/"mm" right after hours or right before seconds means minutes (Excel's rule). */
function markMinutes(tokens: Token[]): Token[] {
  const dateCodes = tokens.map((t, i) => ({ t, i })).filter(({ t }) => t.kind === "date" || t.kind === "elapsed");
  return tokens.map((t, i) => {
    if (t.kind !== "date" || t.code[0] !== "m" || t.code.length > 2) return t;
    const at = dateCodes.findIndex((d) => d.i === i);
    const before = dateCodes[at - 1]?.t;
    const after = dateCodes[at + 1]?.t;
    const isHour = (x?: Token) => (x?.kind === "date" && x.code[0] === "h") || (x?.kind === "elapsed" && x.unit === "h");
    const isSecond = (x?: Token) => (x?.kind === "date" && x.code[0] === "s") || (x?.kind === "elapsed" && x.unit === "s");
    return isHour(before) || isSecond(after) ? { kind: "date", code: t.code.replace(/m/g, "n") } : t;
  });
}

interface Moment {
  year: number;
  month: number;
  day: number;
  /** 0 is Sunday. */
  weekday: number;
  seconds: number;
  totalSeconds: number;
}

/** The calendar moment a serial means, as Excel counts it; null where no date can show it. */
function momentOf(serial: number, date1904: boolean): Moment | null {
  const totalSeconds = Math.round(serial * 86_400);
  const days = Math.floor(totalSeconds / 86_400);
  if (totalSeconds < 0 || days > LAST_SERIAL[date1904 ? 1904 : 1900]) return null;
  const seconds = totalSeconds - days * 86_400;
  if (date1904) {
    const d = new Date(Date.UTC(1904, 0, 1 + days));
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: d.getUTCDay(), seconds, totalSeconds };
  }
  // Excel's 1900 calendar: day 0 is "1900-01-00", day 60 the 29 February 1900 that never was, and
  // weekdays count from 1 = Sunday 1900-01-01 (right from March 1900 on).
  const weekday = (((days - 1) % 7) + 7) % 7;
  if (days === 0) return { year: 1900, month: 1, day: 0, weekday, seconds, totalSeconds };
  if (days === 60) return { year: 1900, month: 2, day: 29, weekday, seconds, totalSeconds };
  const d = new Date(Date.UTC(1899, 11, days < 60 ? 31 + days : 30 + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday, seconds, totalSeconds };
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function renderDate(tokens: Token[], serial: number, date1904: boolean): string {
  const m = momentOf(serial, date1904);
  if (!m) return INVALID_DATE_TEXT;
  const twelveHour = tokens.some((t) => t.kind === "ampm");
  const hours = Math.floor(m.seconds / 3600);
  const minutes = Math.floor((m.seconds % 3600) / 60);
  const secs = m.seconds % 60;
  return tokens
    .map((t) => {
      switch (t.kind) {
        case "literal":
          return t.text;
        case "ampm": {
          const pm = hours >= 12;
          const [am, pmText] = t.code.split("/");
          return pm ? pmText : am;
        }
        case "elapsed": {
          const value = t.unit === "h" ? Math.floor(m.totalSeconds / 3600) : t.unit === "m" ? Math.floor(m.totalSeconds / 60) : m.totalSeconds;
          return pad(value, t.width);
        }
        case "date": {
          const n = t.code.length;
          switch (t.code[0]) {
            case "y":
              return n <= 2 ? pad(m.year % 100, 2) : pad(m.year, 4);
            case "m":
              return n === 1 ? String(m.month) : n === 2 ? pad(m.month, 2) : n === 3 ? MONTHS[m.month - 1].slice(0, 3) : n === 5 ? MONTHS[m.month - 1][0] : MONTHS[m.month - 1];
            case "d":
              return n === 1 ? String(m.day) : n === 2 ? pad(m.day, 2) : n === 3 ? WEEKDAYS[m.weekday].slice(0, 3) : WEEKDAYS[m.weekday];
            case "h": {
              const h = twelveHour ? ((hours + 11) % 12) + 1 : hours;
              return n === 1 ? String(h) : pad(h, 2);
            }
            case "n":
              return n === 1 ? String(minutes) : pad(minutes, 2);
            case "s":
              return n === 1 ? String(secs) : pad(secs, 2);
          }
          return "";
        }
        case "digit":
          // "." and "," separate as any literal; 0 after seconds (fractions of a second) is not rendered.
          return t.code === "." || t.code === "," ? t.code : "";
        default:
          return "";
      }
    })
    .join("");
}

/** A number as General shows it, simply: its shortest text, 15 significant digits at most. */
export function generalText(value: number): string {
  return String(Number(value.toPrecision(15)));
}

/** Numbers with 0 # ? placeholders: decimals, thousands separators, scaling by , and %. */
function renderNumber(tokens: Token[], value: number): string {
  const digits = tokens.filter((t) => t.kind === "digit").map((t) => (t as { code: string }).code).join("");
  const point = digits.indexOf(".");
  const integer = point < 0 ? digits : digits.slice(0, point);
  const fraction = point < 0 ? "" : digits.slice(point + 1);
  const percents = (digits.match(/%/g) ?? []).length;
  // Commas after the last placeholder scale by 1000 each; one between placeholders groups thousands.
  const trailing = /,+$/.exec(integer.replace(/%/g, ""))?.[0].length ?? 0;
  const grouped = /[0#?],+[0#?]/.test(integer);
  const decimals = (fraction.match(/[0#?]/g) ?? []).length;
  const minInteger = (integer.match(/0/g) ?? []).length;
  const scaled = (value * 100 ** percents) / 1000 ** (point < 0 ? trailing : 0);
  let [whole, part = ""] = scaled.toFixed(decimals).split(".");
  // Optional decimals (#) drop trailing zeros down to the required ones (0).
  const required = (fraction.match(/0/g) ?? []).length;
  while (part.length > required && part.endsWith("0")) part = part.slice(0, -1);
  if (whole === "0" && minInteger === 0) whole = "";
  whole = whole.padStart(minInteger, "0");
  if (grouped) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const number = whole + (part || fraction.includes("0") ? `.${part}` : fraction ? "." : "");
  let placed = false;
  return tokens
    .map((t) => {
      if (t.kind === "literal") return t.text;
      if (t.kind === "general") return generalText(value);
      if (t.kind !== "digit") return "";
      if (t.code === "%") return "%";
      if (placed) return "";
      placed = true;
      return number;
    })
    .join("");
}

/**
 * The text Excel shows for a cell: its value under its number format, dates in the workbook's
 * system (`date1904`). Text, booleans and blanks show as they are.
 * @example cellText(45292, "dd/mm/yyyy", false) // "01/01/2024"
 */
export function cellText(value: Scalar, format: string, date1904: boolean): string {
  if (value === "") return "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  const parts = sections(format || "General");
  if (typeof value === "string") {
    const textSection = parts[3] ?? (parts.length === 1 && parts[0].includes("@") ? parts[0] : undefined);
    if (textSection === undefined) return value;
    return tokenize(textSection)
      .map((t) => (t.kind === "literal" ? t.text : t.kind === "text" ? value : ""))
      .join("");
  }
  if (!Number.isFinite(value)) return String(value);
  // Which section: positive (and zero) first, negative second (shown without its sign), zero third.
  let section = parts[0];
  let shown = value;
  if (value < 0 && parts.length >= 2) {
    section = parts[1];
    shown = -value;
  } else if (value === 0 && parts.length >= 3) section = parts[2];
  const tokens = markMinutes(tokenize(section));
  if (tokens.some((t) => t.kind === "date" || t.kind === "ampm" || t.kind === "elapsed")) return renderDate(tokens, shown, date1904);
  if (tokens.length === 1 && tokens[0].kind === "general") return generalText(shown);
  if (!tokens.some((t) => t.kind === "digit" || t.kind === "general")) {
    // A section of literals only ("-" for zero, say) shows just them.
    return tokens.map((t) => (t.kind === "literal" ? t.text : "")).join("");
  }
  // Scientific notation (0.00E+00) is not rendered: such a number shows as General does.
  if (tokens.some((t, i) => t.kind === "literal" && /^e$/i.test(t.text) && tokens[i + 1]?.kind === "literal" && /^[+-]$/.test((tokens[i + 1] as { text: string }).text))) return generalText(value);
  const text = renderNumber(tokens, Math.abs(shown));
  return shown < 0 ? `-${text}` : text;
}
