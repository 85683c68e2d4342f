import { Liquid } from "liquidjs";
import { compileTemplate, type CompiledRender } from "../../../../src/core/reminders/compiledTemplate";
import { computeCharges, hasCharges, type Charges } from "../../../../src/core/reminders/charges";
import { DEFAULT_TEMPLATES } from "../../../../src/core/reminders/defaultTemplates";
import { escapeHtml, formatDay, formatMoney, formatRate, localeFor } from "../../../../src/core/reminders/format";
import type { ReminderDraft } from "../../../../src/core/reminders/select";

/** The words of one reminder: a subject line, a text body and an HTML body, in Liquid. */
export interface ReminderTemplate {
  subject: string;
  text: string;
  html: string;
}

/** Templates by level id, then by language ("en", "fr"); English is the fallback. */
export type TemplateSet = Readonly<Record<string, Readonly<Record<string, ReminderTemplate>>>>;

/** Who the reminders come from, and how to pay. */
export interface Sender {
  company?: string;
  name?: string;
  email?: string;
  /** Sign-off lines under the closing; defaults to the name and the company. */
  signature?: string;
  /** Bank details or other instructions, as lines of text. */
  paymentInstructions?: string;
  /** A payment page (https://…). */
  paymentLink?: string;
  /** Addresses copied on every reminder (e.g. the team's mailbox). */
  cc?: string[];
}

export interface RenderSettings {
  sender: Sender;
  /** Intl locale per language (defaults: en → en-GB, fr → fr-FR). */
  locales?: Readonly<Record<string, string>>;
}

/** Placeholders a template may use, with what they hold. Those marked "may be empty" are held back for customers lacking them. */
export const PLACEHOLDERS: Readonly<Record<string, string>> = {
  customer_name: "The customer's name",
  contact_name: "The contact person (may be empty)",
  company_name: "Your company's name",
  sender_name: "Your name",
  sender_email: "Your email address (may be empty)",
  signature: "Sign-off lines (default: your name and company)",
  signature_html: "The signature for HTML bodies",
  payment_instructions: "How to pay (may be empty)",
  payment_instructions_html: "How to pay, for HTML bodies",
  payment_link: "A payment page (may be empty)",
  payment_details: "Payment instructions and link together (may be empty)",
  payment_details_html: "Payment instructions and link, for HTML bodies",
  today: "The as-of date, in the template's language",
  level_name: "The dunning level, e.g. First reminder",
  level_id: "The dunning level's id, e.g. first",
  currency: "The currency code (may be empty)",
  total: "Total of the listed items",
  total_overdue: "Total of the overdue items",
  invoice_count: "Number of items listed",
  overdue_count: "Number of overdue items",
  oldest_days_overdue: "Days past due of the oldest overdue item",
  earliest_due_date: "The earliest due date listed",
  due_dates: "The due dates listed, comma-separated",
  invoice_numbers: "The invoice numbers listed, comma-separated",
  invoice_table: "The items as a text table",
  invoice_table_html: "The items as an HTML table",
  invoices: "The items, for loops: number, invoice_date, due_date, days_overdue, amount, open",
  charges_total: "Late fees and interest to date (empty when the level adds none)",
  charges_table: "Charges per invoice as a text table (empty when none)",
  charges_table_html: "Charges per invoice as an HTML table (empty when none)",
  charges_basis: "How charges are computed, e.g. interest at 12.25% a year (empty when none)",
  total_with_charges: "Amount overdue plus charges (empty when none)",
};

/** HTML made by AR Desk from escaped values: passed through the HTML body as it is. */
export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

const SANDBOX = {
  ownPropertyOnly: true, // no prototype or constructor access from templates
  strictVariables: true, // an unknown or empty placeholder is an error, never a silent hole
  strictFilters: true,
  lenientIf: true, // …except in {% if %} and | default, where a missing value is just false
  templates: {}, // include/render/layout look only here: never on the file system
  parseLimit: 200_000,
  renderLimit: 2_000,
  memoryLimit: 20_000_000,
  cache: false,
};
const textEngine = new Liquid(SANDBOX);
const htmlEngine = new Liquid({ ...SANDBOX, outputEscape: (value: unknown) => (value instanceof SafeHtml ? value.html : escapeHtml(value)) });

/** The LiquidJS engine a part is rendered with: the reference its compiled form must match. */
export function templateEngine(part: "subject" | "text" | "html"): Liquid {
  return part === "html" ? htmlEngine : textEngine;
}

interface Labels {
  invoice: string;
  invoiceDate: string;
  dueDate: string;
  daysOverdue: string;
  open: string;
  total: string;
  notDue: string;
  interest: string;
  fee: string;
  charges: string;
  payOnline: string;
  basis: (rate: string, fee: "none" | "fee" | "statutory") => string;
}

const LABELS: Record<string, Labels> = {
  en: {
    invoice: "Invoice",
    invoiceDate: "Invoice date",
    dueDate: "Due date",
    daysOverdue: "Days overdue",
    open: "Amount due",
    total: "Total",
    notDue: "not yet due",
    interest: "Interest",
    fee: "Fee",
    charges: "Charges",
    payOnline: "Pay online:",
    basis: (rate, fee) => [rate ? `interest at ${rate} a year` : "", fee === "statutory" ? "fixed compensation per invoice" : fee === "fee" ? "a late fee per invoice" : ""].filter(Boolean).join(" and "),
  },
  fr: {
    invoice: "Facture",
    invoiceDate: "Date de facture",
    dueDate: "Échéance",
    daysOverdue: "Jours de retard",
    open: "Montant dû",
    total: "Total",
    notDue: "non échue",
    interest: "Intérêts",
    fee: "Indemnité",
    charges: "Pénalités",
    payOnline: "Paiement en ligne :",
    basis: (rate, fee) => [rate ? `intérêts au taux annuel de ${rate}` : "", fee === "statutory" ? "indemnité forfaitaire pour frais de recouvrement par facture" : fee === "fee" ? "frais de retard par facture" : ""].filter(Boolean).join(" et "),
  },
};

/**
 * The template language for a customer's language cell: "fr", "fr-CA", "Français" → "fr";
 * anything else → its first two letters; nothing → "en".
 * @example reminderLanguage("French") // "fr"
 */
export function reminderLanguage(language: string | undefined): string {
  const text = (language ?? "").trim().toLowerCase();
  if (!text) return "en";
  if (/^(fr|fran[cç]ais|french)/.test(text)) return "fr";
  if (/^(en|english|anglais)/.test(text)) return "en";
  return text.slice(0, 2);
}

/** The template for a level in a language, falling back to English; undefined when there is none. */
export function templateFor(templates: TemplateSet, levelId: string, language: string): { template: ReminderTemplate; language: string } | undefined {
  const byLanguage = templates[levelId];
  if (!byLanguage) return undefined;
  if (Object.prototype.hasOwnProperty.call(byLanguage, language)) return { template: byLanguage[language], language };
  if (Object.prototype.hasOwnProperty.call(byLanguage, "en")) return { template: byLanguage.en, language: "en" };
  return undefined;
}

/** Characters as a reader counts them: a surrogate pair is one. */
const width = (text: string) => (SURROGATE.test(text) ? [...text].length : text.length);
const SURROGATE = /[\uD800-\uDFFF]/;

/** Columns as fixed-width text; right-aligned where asked. */
function textTable(header: string[], rows: string[][], right: boolean[]): string {
  const widths = header.map(width);
  for (const row of rows) {
    for (let i = 0; i < widths.length; i++) {
      const w = width(row[i]);
      if (w > widths[i]) widths[i] = w;
    }
  }
  const line = (cells: string[]) => {
    let text = "";
    for (let i = 0; i < cells.length; i++) {
      const pad = " ".repeat(widths[i] - width(cells[i]));
      text += (i > 0 ? "  " : "") + (right[i] ? pad + cells[i] : cells[i] + pad);
    }
    return text.trimEnd();
  };
  let table = `${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`;
  for (const row of rows) table += `\n${line(row)}`;
  return table;
}

const CELL = 'style="padding:4px 8px;border-bottom:1px solid #ddd;text-align:';

/** Columns as an HTML table; every value escaped. */
function htmlTable(header: string[], rows: string[][], right: boolean[], footer?: string[]): SafeHtml {
  const align = right.map((r) => (r ? "right" : "left"));
  const cells = (tag: "th" | "td", values: string[], style = "") => {
    let html = "";
    for (let i = 0; i < values.length; i++) html += `<${tag} ${CELL}${align[i]}${style}">${escapeHtml(values[i])}</${tag}>`;
    return html;
  };
  let html = `<table style="border-collapse:collapse">\n<tr>${cells("th", header)}</tr>\n`;
  for (let i = 0; i < rows.length; i++) html += `${i > 0 ? "\n" : ""}<tr>${cells("td", rows[i])}</tr>`;
  if (footer) html += `\n<tr>${cells("td", footer, ";font-weight:bold")}</tr>`;
  return new SafeHtml(`${html}\n</table>`);
}

const linesToHtml = (text: string) => new SafeHtml(escapeHtml(text).replace(/\r?\n/g, "<br>\n"));

const ITEM_RIGHT = [false, false, false, true, true];

/**
 * What a draft's costly placeholders (dates and money in words, tables of every invoice) are
 * worked out from, and those worked out already: each is made on first read, then kept.
 */
class DraftValues {
  private itemRows?: string[][];
  private totalText?: string;
  private readonly made: unknown[] = [];
  private madeMask = 0;

  constructor(
    readonly draft: ReminderDraft,
    readonly locale: string,
    readonly labels: Labels,
  ) {}

  value(index: number): unknown {
    const bit = 1 << index;
    if (!(this.madeMask & bit)) {
      this.made[index] = COMPUTED[index][1](this);
      this.madeMask |= bit;
    }
    return this.made[index];
  }

  money(minor: number): string {
    return formatMoney(minor, this.draft.currency || undefined, this.locale);
  }

  day(d: number): string {
    return formatDay(d, this.locale);
  }

  /** The listed total, asked for by `total`, both tables' footers and often `total_overdue`. */
  total(): string {
    return (this.totalText ??= this.money(this.draft.totalMinor));
  }

  header(): string[] {
    const { labels } = this;
    return [labels.invoice, labels.invoiceDate, labels.dueDate, labels.daysOverdue, labels.open];
  }

  rows(): string[][] {
    return (this.itemRows ??= this.draft.items.map((item) => [item.invoice, item.invoiceDate === undefined ? "" : this.day(item.invoiceDate), this.day(item.dueDate), item.daysOverdue > 0 ? String(item.daysOverdue) : this.labels.notDue, this.money(item.openMinor)]));
  }

  footer(): string[] {
    return [this.labels.total, "", "", "", this.total()];
  }
}

/** The placeholders worked out on first read, and how. */
const COMPUTED: readonly (readonly [string, (v: DraftValues) => unknown])[] = [
  ["today", (v) => v.day(v.draft.asOf)],
  ["total", (v) => v.total()],
  ["total_overdue", (v) => (v.draft.overdueMinor === v.draft.totalMinor ? v.total() : v.money(v.draft.overdueMinor))],
  ["earliest_due_date", (v) => v.day(v.draft.items.reduce((min, i) => Math.min(min, i.dueDate), Infinity))],
  ["due_dates", (v) => [...new Set([...v.draft.items].sort((a, b) => a.dueDate - b.dueDate).map((i) => v.day(i.dueDate)))].join(", ")],
  ["invoice_numbers", (v) => v.draft.items.map((i) => i.invoice).join(", ")],
  ["invoice_table", (v) => textTable(v.header(), [...v.rows(), v.footer()], ITEM_RIGHT)],
  ["invoice_table_html", (v) => htmlTable(v.header(), v.rows(), ITEM_RIGHT, v.footer())],
  [
    "invoices",
    (v) =>
      v.draft.items.map((item, i) => {
        const [number, invoice_date, due_date, days_overdue, open] = v.rows()[i];
        return { number, invoice_date, due_date, days_overdue, open, amount: v.money(item.amountMinor) };
      }),
  ],
];

/** Where a context keeps its draft's values: not a name a template can reach. */
const DRAFT_VALUES = Symbol("draft values");

/**
 * One getter per computed placeholder, shared by every context, which finds its draft through
 * `this`: a getter made per context would give each context a shape of its own, which costs
 * more to make and to read than most values it holds. A context copied to mark a hole keeps
 * the same draft values, so a value is still worked out once.
 */
const LAZY_NAMES = COMPUTED.map(([name]) => name);
const LAZY_DESCRIPTORS: PropertyDescriptor[] = COMPUTED.map((_, index) => ({
  enumerable: true,
  configurable: true, // a hole found while rendering is replaced by a marker (see renderPart)
  get(this: { [DRAFT_VALUES]: DraftValues }) {
    return this[DRAFT_VALUES].value(index);
  },
}));

/** The sender's part of a context, the same for every draft in a language. */
interface SenderValues {
  company_name: string | undefined;
  sender_name: string | undefined;
  sender_email: string | undefined;
  signature: string | undefined;
  signature_html: SafeHtml | undefined;
  payment_instructions: string | undefined;
  payment_instructions_html: SafeHtml | undefined;
  payment_link: string | undefined;
  payment_details: string | undefined;
  payment_details_html: SafeHtml | undefined;
}

const present = (text: string | undefined) => (text && text.trim() ? text.trim() : undefined);

function senderValues(sender: Sender, labels: Labels): SenderValues {
  const signature = present(sender.signature) ?? (present(sender.name) && [sender.name, sender.company].filter((s) => s && s.trim()).join("\n"));
  const instructions = present(sender.paymentInstructions);
  const link = present(sender.paymentLink);
  const linkHtml = link ? `${escapeHtml(labels.payOnline)} ${/^https?:\/\//i.test(link) ? `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>` : escapeHtml(link)}` : "";
  return {
    company_name: present(sender.company),
    sender_name: present(sender.name),
    sender_email: present(sender.email),
    signature: signature || undefined,
    signature_html: signature ? linesToHtml(signature) : undefined,
    payment_instructions: instructions,
    payment_instructions_html: instructions ? linesToHtml(instructions) : undefined,
    payment_link: link,
    payment_details: instructions || link ? [instructions, link && `${labels.payOnline} ${link}`].filter(Boolean).join("\n") : undefined,
    payment_details_html: instructions || link ? new SafeHtml([instructions && linesToHtml(instructions).html, linkHtml].filter(Boolean).join("<br>\n")) : undefined,
  };
}

const SENDER_FIELDS = ["company", "name", "email", "signature", "paymentInstructions", "paymentLink"] as const;

/**
 * The sender's values by language, for the last sender seen: every draft of a ledger has the
 * same sender. Its fields are compared, not the object, so a sender edited in place is seen.
 */
const senderCache = new Map<string, { fields: (string | undefined)[]; values: SenderValues }>();

function cachedSenderValues(sender: Sender, language: string, labels: Labels): SenderValues {
  const cached = senderCache.get(language);
  if (cached && SENDER_FIELDS.every((field, i) => cached.fields[i] === sender[field])) return cached.values;
  const values = senderValues(sender, labels);
  if (senderCache.size >= 100) senderCache.clear();
  senderCache.set(language, { fields: SENDER_FIELDS.map((field) => sender[field]), values });
  return values;
}

/**
 * The values a template sees for a draft, formatted for a language. Values a customer lacks are
 * left out (undefined). The costly ones (dates and money in words, tables of every invoice) are
 * getters worked out on first use and kept: a template names a few of them, and which ones can
 * be known only while it renders (`{{ [name] }}`).
 */
export function reminderContext(draft: ReminderDraft, language: string, settings: RenderSettings): { context: Record<string, unknown>; charges?: Charges } {
  const locale = localeFor(language, settings.locales);
  const labels = LABELS[language] ?? LABELS.en;
  const draftValues = new DraftValues(draft, locale, labels);
  const money = (minor: number) => draftValues.money(minor);
  let overdueCount = 0;
  for (const item of draft.items) if (item.daysOverdue > 0) overdueCount++;

  const sender = cachedSenderValues(settings.sender, language, labels);
  // Every placeholder is there from the start (undefined when the customer lacks it, which strict
  // rendering reports), made once as what it stays, a value or a getter, the values written out
  // in a literal and the getters added after: every draft's context then has one compact shape.
  // (Properties added in a loop by name, or a value turned into a getter, would make each
  // context a dictionary, several times slower to make and to read.)
  const context: Record<string, unknown> = {
    customer_name: draft.customer,
    contact_name: present(draft.contact),
    company_name: sender.company_name,
    sender_name: sender.sender_name,
    sender_email: sender.sender_email,
    signature: sender.signature,
    signature_html: sender.signature_html,
    payment_instructions: sender.payment_instructions,
    payment_instructions_html: sender.payment_instructions_html,
    payment_link: sender.payment_link,
    payment_details: sender.payment_details,
    payment_details_html: sender.payment_details_html,
    level_name: draft.level.name,
    level_id: draft.level.id,
    currency: present(draft.currency),
    invoice_count: draft.items.length,
    overdue_count: overdueCount,
    oldest_days_overdue: Math.max(0, draft.oldestDaysOverdue),
    charges_total: undefined,
    charges_table: undefined,
    charges_table_html: undefined,
    charges_basis: undefined,
    total_with_charges: undefined,
  };
  for (let i = 0; i < LAZY_NAMES.length; i++) Object.defineProperty(context, LAZY_NAMES[i], LAZY_DESCRIPTORS[i]);
  Object.defineProperty(context, DRAFT_VALUES, { value: draftValues });

  const policy = draft.level.charges;
  let charges: Charges | undefined;
  if (hasCharges(policy)) {
    charges = computeCharges(draft.items.filter((i) => i.daysOverdue > 0), policy, draft.currency || undefined);
    if (charges.totalMinor > 0) {
      const feeKind = policy.statutory ? "statutory" : (policy.lateFeeMinor ?? 0) > 0 || (policy.lateFee ?? 0) > 0 ? "fee" : "none";
      const chargeHeader = [labels.invoice, labels.daysOverdue, labels.open, labels.interest, labels.fee, labels.charges];
      const chargeRight = [false, true, true, true, true, true];
      const chargeRows = charges.items.map((c) => [c.invoice, String(c.daysOverdue), money(c.openMinor), money(c.interestMinor), money(c.feeMinor), money(c.totalMinor)]);
      const chargeFooter = [labels.total, "", money(charges.items.reduce((s, c) => s + c.openMinor, 0)), money(charges.interestMinor), money(charges.feesMinor), money(charges.totalMinor)];
      context.charges_total = money(charges.totalMinor);
      context.charges_basis = labels.basis(charges.rate > 0 ? formatRate(charges.rate, locale) : "", charges.feesMinor > 0 ? feeKind : "none");
      context.charges_table = textTable(chargeHeader, [...chargeRows, chargeFooter], chargeRight);
      context.charges_table_html = htmlTable(chargeHeader, chargeRows, chargeRight, chargeFooter);
      context.total_with_charges = money(draft.overdueMinor + charges.totalMinor);
    }
  }
  return { context, charges };
}

export type TemplateProblemKind = "unknown-placeholder" | "empty-placeholder" | "missing-subject" | "missing-template" | "invalid-template";

/** Something that would leave a hole in a reminder, with the customers it affects. */
export interface TemplateProblem {
  kind: TemplateProblemKind;
  level: string;
  language: string;
  part?: "subject" | "text" | "html";
  placeholder?: string;
  message: string;
  customers: string[];
}

/** A reminder with its words filled in. */
export interface RenderedReminder {
  draft: ReminderDraft;
  /** The template language used (after falling back to English). */
  language: string;
  subject: string;
  text: string;
  html: string;
  charges?: Charges;
  /** Holes found while rendering (shown as [placeholder] in a preview); such a reminder is never drafted. */
  problems: TemplateProblem[];
}

const PARTS = ["subject", "text", "html"] as const;

/**
 * Runs `fn` with error stack traces off. LiquidJS throws and catches an error inside for every
 * placeholder a `default` or `if` finds empty; capturing the stack of each was a large part of
 * drafting a big ledger, and nothing here reads those stacks. Rendering is synchronous, so the
 * limit is back before any other code runs.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

interface Compiled {
  parsed: ReturnType<Liquid["parse"]>;
  /** The template as plain functions, when it keeps to what they mirror of LiquidJS. */
  render?: CompiledRender;
  /** Names used that are not placeholders. */
  unknown: string[];
  /** Why the template cannot be used at all (it names other templates), if so. */
  unusable?: string;
}

/**
 * Templates parsed once and kept: a ledger drafts thousands of reminders from a handful of
 * templates, and parsing and analysing one costs more than rendering it. Parsed templates hold
 * no customer data, so sharing them between drafts is safe; the cache is bounded.
 */
const compiledTemplates = { text: new Map<string, Compiled>(), html: new Map<string, Compiled>() };
const MAX_COMPILED = 500;

function compile(part: (typeof PARTS)[number], source: string): Compiled {
  // Keyed by the source itself, not a key built from it: a template's string is the same
  // object for every draft, and hashes once; a built key would be hashed again on every lookup.
  const cache = part === "html" ? compiledTemplates.html : compiledTemplates.text;
  const known = cache.get(source);
  if (known) return known;
  const engine = part === "html" ? htmlEngine : textEngine;
  const parsed = engine.parse(source); // a syntax error throws, and is not kept
  let compiled: Compiled;
  const isPlaceholder = (name: string) => Object.prototype.hasOwnProperty.call(PLACEHOLDERS, name);
  try {
    const names = engine.globalVariablesSync(parsed);
    compiled = { parsed, render: compileTemplate(parsed, engine), unknown: names.filter((name) => !isPlaceholder(name)) };
  } catch (error) {
    compiled = { parsed, unknown: [], unusable: (error as Error).message.split("\n")[0] };
  }
  if (cache.size >= MAX_COMPILED) cache.clear();
  cache.set(source, compiled);
  return compiled;
}

function renderPart(part: (typeof PARTS)[number], source: string, context: Record<string, unknown>, where: Omit<TemplateProblem, "kind" | "message" | "customers" | "part" | "placeholder">, customer: string): { output: string; problems: TemplateProblem[] } {
  const engine = part === "html" ? htmlEngine : textEngine;
  const problems: TemplateProblem[] = [];
  const problem = (kind: TemplateProblemKind, message: string, placeholder?: string) => problems.push({ kind, ...where, part, placeholder, message, customers: [customer] });
  let compiled: Compiled;
  try {
    compiled = compile(part, source);
  } catch (error) {
    problem("invalid-template", `The ${part} of the ${where.level} template (${where.language}) cannot be read: ${(error as Error).message.split("\n")[0]}.`);
    return { output: "", problems };
  }
  if (compiled.unusable) {
    // include/render/layout name other templates, and there are none: nothing may be read.
    problem("invalid-template", `The ${part} of the ${where.level} template (${where.language}) cannot be used: ${compiled.unusable}.`);
    return { output: "", problems };
  }
  for (const name of compiled.unknown) problem("unknown-placeholder", `{{ ${name} }} is not a placeholder AR Desk knows.`, name);
  // The compiled form answers whenever LiquidJS would succeed at once, with the same text; a
  // hole (or anything it does not mirror) leaves the draft to LiquidJS, which reports and marks it.
  const fast = compiled.render?.(context);
  if (fast !== undefined) return { output: fast, problems };
  const parsed = compiled.parsed;
  // The parts of a draft share its context (LiquidJS keeps a template's own assignments apart);
  // a part that must mark a hole gets a copy first, so the marker stays in that part. Getters
  // are copied as getters, so a value no part reads is never worked out.
  let scope = context;
  const markHole = (name: string) => {
    if (scope === context) scope = Object.defineProperties({}, Object.getOwnPropertyDescriptors(context));
    Object.defineProperty(scope, name, { value: `[${name}]`, writable: true, enumerable: true, configurable: true });
  };
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      return { output: String(withoutStackTraces(() => engine.renderSync(parsed, scope))), problems };
    } catch (error) {
      const message = (error as Error).message ?? "";
      const match = /undefined variable: ([^,\s]+)/.exec(message);
      if (!match) {
        problem("invalid-template", `The ${part} of the ${where.level} template (${where.language}) cannot be filled in: ${message.split("\n")[0]}.`);
        return { output: "", problems };
      }
      const variable = match[1];
      const root = variable.split(/[.[]/)[0];
      const known = Object.prototype.hasOwnProperty.call(PLACEHOLDERS, root);
      if (known && scope[root] === undefined) {
        problem("empty-placeholder", `{{ ${root} }} would be empty.`, root);
        markHole(root);
      } else {
        if (!problems.some((p) => p.placeholder === variable || p.placeholder === root)) problem("unknown-placeholder", `{{ ${variable} }} is not a placeholder AR Desk knows.`, variable);
        if (known || variable !== root) return { output: "", problems };
        markHole(root);
      }
    }
  }
  return { output: "", problems };
}

const TRAILING_BLANK = /[ \t]\n/;

/** Collapses the blank lines and empty paragraphs left by conditional parts. */
function tidy(part: (typeof PARTS)[number], output: string): string {
  if (part === "subject") return output.replace(/[ \t\r\n\f\v\u0085\u2028\u2029]+/g, " ").trim();
  if (part === "text") {
    // Tests first: the replaces rarely change anything, and `[ \t]+\n` scans each run of a
    // table's padding again from every space in it.
    let text = TRAILING_BLANK.test(output) ? output.replace(/[ \t]+\n/g, "\n") : output;
    if (text.includes("\n\n\n")) text = text.replace(/\n{3,}/g, "\n\n");
    return `${text.trim()}\n`;
  }
  return `${output.replace(/<p>\s*<\/p>\n?/g, "").replace(/<div>\s*<\/div>\n?/g, "").trim()}\n`;
}

function renderParts(template: ReminderTemplate, context: Record<string, unknown>, where: { level: string; language: string }, customer: string): { out: Record<string, string>; problems: TemplateProblem[] } {
  const out: Record<string, string> = {};
  const problems: TemplateProblem[] = [];
  for (const part of PARTS) {
    const rendered = renderPart(part, template[part] ?? "", context, where, customer);
    out[part] = tidy(part, rendered.output);
    problems.push(...rendered.problems);
  }
  return { out, problems };
}

/**
 * A draft in words: the template for its level and language (English when the language has
 * none) filled in with the customer's values, money and dates in the language's locale, every
 * workbook value escaped in the HTML body. Holes come back in `problems` and show as
 * [placeholder], for a preview; reminders with problems must not be sent.
 * @example renderReminder(draft, DEFAULT_TEMPLATES, { sender }).subject // "Payment reminder – Acme – €1,234.56 overdue"
 */
export function renderReminder(draft: ReminderDraft, templates: TemplateSet = DEFAULT_TEMPLATES, settings: RenderSettings): RenderedReminder {
  const wanted = reminderLanguage(draft.language);
  const found = templateFor(templates, draft.level.id, wanted);
  const where = { level: draft.level.id, language: found?.language ?? wanted };
  if (!found) {
    const problem: TemplateProblem = { kind: "missing-template", ...where, message: `There is no template for ${draft.level.name} (in ${wanted} or English).`, customers: [draft.customer] };
    return { draft, language: wanted, subject: "", text: "", html: "", problems: [problem] };
  }
  const { context, charges } = reminderContext(draft, found.language, settings);
  const { out, problems } = renderParts(found.template, context, where, draft.customer);
  if (!out.subject && !problems.some((p) => p.part === "subject")) {
    problems.push({ kind: "missing-subject", ...where, part: "subject", message: `The ${draft.level.name} template (${found.language}) has no subject.`, customers: [draft.customer] });
  }
  return { draft, language: found.language, subject: out.subject, text: out.text, html: out.html, charges, problems };
}

/**
 * What is wrong with a template whatever the customer: a part that cannot be read, a placeholder
 * AR Desk does not know, no subject. Holes that depend on a customer's data need the drafts
 * (checkTemplates); these do not, so a template can be refused before it is saved.
 * @example templateErrors({ subject: "Hi {{ custmer }}", text: "x", html: "x" }, { level: "first", language: "en" })[0].placeholder // "custmer"
 */
export function templateErrors(template: ReminderTemplate, where: { level: string; language: string }): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const part of PARTS) {
    const problem = (kind: TemplateProblemKind, message: string, placeholder?: string) => problems.push({ kind, ...where, part, placeholder, message, customers: [] });
    let compiled: Compiled;
    try {
      compiled = compile(part, template[part] ?? "");
    } catch (error) {
      problem("invalid-template", `The ${part} of the ${where.level} template (${where.language}) cannot be read: ${(error as Error).message.split("\n")[0]}.`);
      continue;
    }
    if (compiled.unusable) problem("invalid-template", `The ${part} of the ${where.level} template (${where.language}) cannot be read: ${compiled.unusable}.`);
    for (const name of compiled.unknown) problem("unknown-placeholder", `{{ ${name} }} is not a placeholder AR Desk knows.`, name);
  }
  if (!problems.some((p) => p.part === "subject") && !(template.subject ?? "").trim()) {
    problems.push({ kind: "missing-subject", ...where, part: "subject", message: `The ${where.level} template (${where.language}) has no subject.`, customers: [] });
  }
  return problems;
}

/** Problems of many reminders merged: one per template part and placeholder, with every customer affected. */
export function mergeProblems(problems: readonly TemplateProblem[]): TemplateProblem[] {
  const merged = new Map<string, TemplateProblem>();
  for (const p of problems) {
    const key = [p.kind, p.level, p.language, p.part ?? "", p.placeholder ?? ""].join("\u0000");
    const existing = merged.get(key);
    if (existing) {
      for (const c of p.customers) if (!existing.customers.includes(c)) existing.customers.push(c);
    } else merged.set(key, { ...p, customers: [...p.customers] });
  }
  return [...merged.values()];
}

/**
 * What would leave a hole in the reminders before any is drafted: unknown placeholders, a
 * placeholder empty for some customer, a missing subject or template, with the customers affected.
 * @example checkTemplates(templates, drafts, { sender })[0] // { kind: "empty-placeholder", placeholder: "contact_name", customers: ["Beta"], … }
 */
export function checkTemplates(templates: TemplateSet, drafts: readonly ReminderDraft[], settings: RenderSettings): TemplateProblem[] {
  return mergeProblems(drafts.flatMap((d) => renderReminder(d, templates, settings).problems));
}

/**
 * Every draft in words, except those a template problem would leave a hole in: they are held
 * back and the problems listed with the customers affected.
 */
export function draftReminders(drafts: readonly ReminderDraft[], templates: TemplateSet, settings: RenderSettings): { reminders: RenderedReminder[]; held: RenderedReminder[]; problems: TemplateProblem[] } {
  const rendered = drafts.map((d) => renderReminder(d, templates, settings));
  return {
    reminders: rendered.filter((r) => r.problems.length === 0),
    held: rendered.filter((r) => r.problems.length > 0),
    problems: mergeProblems(rendered.flatMap((r) => r.problems)),
  };
}
