import { isEmailAddress } from "./addresses";

/** A mailbox: an address and an optional display name. */
export interface Mailbox {
  email: string;
  name?: string;
}

/** What goes into an .eml draft. */
export interface EmlMessage {
  from?: Mailbox;
  to: readonly string[];
  cc?: readonly string[];
  subject: string;
  text: string;
  html: string;
  /** The Date header (the as-of day at noon UTC is a good, reproducible choice). */
  date: Date;
}

const CRLF = "\r\n";

const utf8 = (text: string) => new TextEncoder().encode(text);
const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/**
 * Base64 of UTF-8 bytes, written out here because the .eml is built in the task pane too, where
 * Node's Buffer does not exist (and btoa only takes Latin-1).
 * @example base64Utf8("Café") // "Q2Fmw6k="
 */
export function base64Utf8(text: string): string {
  const bytes = utf8(text);
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const [a, b, c] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64[(n >> 18) & 63] + BASE64[(n >> 12) & 63] + (b === undefined ? "=" : BASE64[(n >> 6) & 63]) + (c === undefined ? "=" : BASE64[n & 63]);
  }
  return out;
}

/** Header text with every control character (CR, LF, tab, NUL, Unicode line separators) made a space. */
export function headerSafe(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * Header text as RFC 2047 encoded-words (UTF-8, base64) when it is not plain ASCII, folded so
 * no line passes 76 characters; plain ASCII is returned as it is.
 * @example encodeHeaderText("Relance – Café") // "=?UTF-8?B?UmVsYW5jZSDigJMgQ2Fmw6k=?="
 */
export function encodeHeaderText(text: string): string {
  const safe = headerSafe(text);
  if (/^[\x20-\x7e]*$/.test(safe) && !/=\?/.test(safe)) return safe;
  const words: string[] = [];
  let chunk = "";
  for (const ch of safe) {
    // 39 bytes of UTF-8 → 52 base64 characters: with "=?UTF-8?B?", "?=" and "Subject: " a line stays under 78.
    if (utf8(chunk + ch).length > 39) {
      words.push(chunk);
      chunk = "";
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${base64Utf8(w)}?=`).join(`${CRLF} `);
}

function mailbox(box: Mailbox): string | null {
  const email = headerSafe(box.email);
  if (!isEmailAddress(email)) return null;
  const name = box.name ? headerSafe(box.name) : "";
  if (!name) return email;
  const display = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/(["\\])/g, "\\$1")}"` : encodeHeaderText(name);
  return `${display} <${email}>`;
}

/** Only valid addresses ever reach a header; anything else is dropped. */
function addressList(addresses: readonly string[]): string {
  return addresses.map(headerSafe).filter(isEmailAddress).join(`,${CRLF} `);
}

const base64Lines = (text: string) => (base64Utf8(text).match(/.{1,76}/g) ?? []).join(CRLF);
const crlf = (text: string) => text.replace(/\r\n|\r|\n/g, CRLF);

/** The RFC 5322 date of a moment, in UTC: "Tue, 31 Mar 2026 12:00:00 +0000". */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, "+0000");
}

/** A boundary that cannot occur in base64 content ("_" and "=" are not base64 body characters together). */
function boundaryFor(message: EmlMessage): string {
  let hash = 0x811c9dc5;
  for (const ch of message.subject + message.text) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return `=_ardesk_${hash.toString(16).padStart(8, "0")}`;
}

/**
 * A draft email as an RFC 5322 message: UTF-8, `X-Unsent: 1` so Outlook opens it as a draft to
 * send, a text and an HTML part (base64), CRLF line endings. Data never breaks a header: control
 * characters become spaces, non-ASCII becomes encoded-words, and only valid addresses are kept.
 * @example buildEml({ to: ["ap@acme.com"], subject: "Reminder", text: "Hi", html: "<p>Hi</p>", date: new Date() })
 */
export function buildEml(message: EmlMessage): string {
  const boundary = boundaryFor(message);
  const headers: string[] = [];
  const from = message.from && mailbox(message.from);
  if (from) headers.push(`From: ${from}`);
  const to = addressList(message.to);
  if (to) headers.push(`To: ${to}`);
  const cc = addressList(message.cc ?? []);
  if (cc) headers.push(`Cc: ${cc}`);
  headers.push(
    `Subject: ${encodeHeaderText(message.subject)}`,
    `Date: ${rfc5322Date(message.date)}`,
    "MIME-Version: 1.0",
    "X-Unsent: 1",
    `Content-Type: multipart/alternative; boundary="${boundary}"`,
  );
  const part = (type: string, body: string) => [`--${boundary}`, `Content-Type: ${type}; charset=UTF-8`, "Content-Transfer-Encoding: base64", "", base64Lines(crlf(body))].join(CRLF);
  const html = /<html[\s>]/i.test(message.html) ? message.html : `<!DOCTYPE html>\n<html><head><meta charset="utf-8"></head><body>\n${message.html}</body></html>\n`;
  return [...headers, "", "This is a multi-part message in MIME format.", part("text/plain", message.text), part("text/html", html), `--${boundary}--`, ""].join(CRLF);
}

/**
 * A file name for a reminder's .eml that is safe on Windows, macOS and Linux.
 * @example emlFileName("Acme / Ltd: <EU>", "first") // "Acme-Ltd-EU-first.eml"
 */
export function emlFileName(customer: string, level: string, currency = ""): string {
  const slug = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60);
  const base = [slug(customer) || "customer", currency && slug(currency), slug(level) || "reminder"].filter(Boolean).join("-");
  return `${/^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base) ? `_${base}` : base}.eml`;
}
