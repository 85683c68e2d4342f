/**
 * The Reminders view's logic, pure (no React, no Office.js): the drafts as a list, template
 * problems with the customers affected, the .eml and mailto: of a draft, the template editor's
 * preview and checks, and the sender form. Tested in test/taskpane/remindersView.test.ts.
 */
import { isEmailAddress, parseAddresses } from "../core/reminders/addresses";
import { fromParagraphs } from "../core/reminders/defaultTemplates";
import { emlFileName } from "../core/reminders/eml";
import { statutoryRate, type ChargePolicy } from "../core/reminders/charges";
import { formatMoney, formatRate } from "../core/reminders/format";
import { findLevel, validateLevels, type DunningLevel } from "../core/reminders/levels";
import { mailtoLink, MAILTO_LIMIT } from "../core/reminders/mailto";
import type { ReminderDraft } from "../core/reminders/select";
import type { DayNumber } from "../core/types";
import {
  checkTemplates,
  reminderLanguage,
  renderReminder,
  templateErrors,
  templateFor,
  type ReminderTemplate,
  type RenderedReminder,
  type Sender,
  type TemplateProblem,
  type TemplateSet,
} from "../core/reminders/templates";
import { mergeTemplates, reminderEml, type ChaseSettings, type DraftResult, type ReminderRef, type ReminderSetup } from "../workbook/reminders";
import { plural } from "./summary";

/** A stable id for a draft in the list: customer, currency and level. */
export function draftId(draft: Pick<ReminderDraft, "customer" | "currency" | "level">): string {
  return [draft.customer, draft.currency, draft.level.id].join("\u0000");
}

/**
 * Money as the pane shows it: grouped, with the currency's decimals and code.
 * @example moneyText(123450, "EUR") // "€1,234.50"
 */
export function moneyText(minor: number, currency: string): string {
  return formatMoney(minor, currency || undefined, "en-US");
}

export interface DraftListItem {
  id: string;
  customer: string;
  level: string;
  total: string;
  to: string;
}

/** The drafts, one line each: customer, level, total, addressee. */
export function draftList(reminders: readonly RenderedReminder[]): DraftListItem[] {
  return reminders.map(({ draft }) => ({ id: draftId(draft), customer: draft.customer, level: draft.level.name, total: moneyText(draft.totalMinor, draft.currency), to: draft.to.join(", ") }));
}

/** What the reminder sheet and the next drafting know this reminder by. */
export function reminderRef(reminder: RenderedReminder): ReminderRef {
  const { draft } = reminder;
  return { customer: draft.customer, level: draft.level.id, invoices: draft.items.map((i) => i.invoice) };
}

/**
 * One sentence on what the drafting found.
 * @example "2 drafts. 1 held back by a template problem. 1 needs a contact (no email): Cobalt."
 */
export function draftSummary(result: Pick<DraftResult, "reminders" | "held" | "selection" | "rowsSkipped" | "sheet">): string {
  const { reminders, held, selection } = result;
  const parts = [`${plural(reminders.length, "draft")}, listed on the "${result.sheet}" sheet.`];
  if (held.length) parts.push(`${plural(held.length, "customer")} held back by a template problem.`);
  if (selection.needsContact.length) parts.push(`${selection.needsContact.length} need${selection.needsContact.length === 1 ? "s" : ""} a contact (no email): ${selection.needsContact.map((d) => d.customer).join(", ")}.`);
  if (selection.collections.length) parts.push(`${plural(selection.collections.length, "customer")} for collections: ${selection.collections.map((d) => d.customer).join(", ")}.`);
  const sent = selection.skipped.filter((s) => s.code === "already-sent");
  if (sent.length) parts.push(`${plural(sent.length, "reminder")} already sent: ${sent.map((s) => s.customer).join(", ")}.`);
  const other = selection.skipped.length - sent.length;
  if (other) parts.push(`${plural(other, "customer")} not chased (disputed, promised, on hold or below the minimum), listed below with the reason.`);
  if (result.rowsSkipped) parts.push(`${plural(result.rowsSkipped, "row")} with errors left out: press Validate.`);
  return parts.join(" ");
}

/** Customers named in a problem before "and N more". */
export const CUSTOMERS_SHOWN = 10;

export interface ProblemLine {
  message: string;
  /** Which template and part: "First reminder (en), subject". */
  where: string;
  /** "Acme, Beta and 3 more", or "" when no customer is concerned yet. */
  customers: string;
  /** True when the template itself is wrong (not a customer's missing value): it cannot be saved. */
  blocking: boolean;
}

const BLOCKING: ReadonlySet<TemplateProblem["kind"]> = new Set(["unknown-placeholder", "invalid-template", "missing-subject", "missing-template"]);
const PART_NAMES: Record<"text" | "html", string> = { text: "text body", html: "HTML body" };

/**
 * Template problems as lines for the pane, each with the customers it affects. The same problem
 * in the text and the HTML body is one line: the editor makes both from the same words.
 */
export function problemLines(problems: readonly TemplateProblem[], levels: readonly DunningLevel[]): ProblemLine[] {
  const merged = new Map<string, { problem: TemplateProblem; parts: string[]; customers: string[] }>();
  for (const p of problems) {
    const key = [p.kind, p.level, p.language, p.placeholder ?? "", p.message].join("\u0000");
    const entry = merged.get(key) ?? { problem: p, parts: [], customers: [] };
    if (p.part && !entry.parts.includes(p.part)) entry.parts.push(p.part);
    for (const c of p.customers) if (!entry.customers.includes(c)) entry.customers.push(c);
    merged.set(key, entry);
  }
  return [...merged.values()].map(({ problem, parts, customers }) => {
    const names = customers.slice(0, CUSTOMERS_SHOWN).join(", ");
    const more = customers.length - CUSTOMERS_SHOWN;
    const bodies = parts.includes("text") && parts.includes("html") ? ["text and HTML bodies"] : parts.filter((p) => p !== "subject").map((p) => PART_NAMES[p as "text" | "html"]);
    const where = [...(parts.includes("subject") ? ["subject"] : []), ...bodies].join(", ");
    return {
      message: problem.message,
      where: `${findLevel(levels, problem.level)?.name ?? problem.level} (${problem.language})${where ? `, ${where}` : ""}`,
      customers: more > 0 ? `${names} and ${more} more` : names,
      blocking: BLOCKING.has(problem.kind),
    };
  });
}

/** A draft as an .eml file to download: its name and its text. */
export function emlDownload(reminder: RenderedReminder, sender: Sender): { fileName: string; content: string } {
  const { draft } = reminder;
  return { fileName: emlFileName(draft.customer, draft.level.id, draft.currency), content: reminderEml(reminder, sender) };
}

/** The mailto: link of a draft, or why there is none. */
export function mailtoFor(reminder: RenderedReminder, sender: Sender): { href: string } | { reason: string } {
  const href = mailtoLink({ to: reminder.draft.to, cc: sender.cc, subject: reminder.subject, body: reminder.text });
  if (href) return { href };
  return { reason: `Too long for a mail link (over ${MAILTO_LIMIT.toLocaleString("en-US")} characters): download the .eml instead.` };
}

/** Languages offered in the template editor: the defaults' and any the team added. */
export function editorLanguages(templates: TemplateSet): string[] {
  const found = new Set(["en", "fr"]);
  for (const byLanguage of Object.values(templates)) for (const language of Object.keys(byLanguage)) found.add(language);
  return [...found].sort();
}

/** Levels that send an email: those a template exists for. */
export function editorLevels(levels: readonly DunningLevel[]): DunningLevel[] {
  return levels.filter((l) => l.email);
}

/**
 * A template from what the editor shows, a subject and a text body: the HTML body is made from
 * the text, paragraph by paragraph (blank lines), as the defaults are, so both parts say the same.
 * @example templateFromText("Hi", "Dear {{ contact_name }},\n\n{{ invoice_table }}").html // "<p>Dear {{ contact_name }},</p>\n<div>{{ invoice_table_html }}</div>"
 */
export function templateFromText(subject: string, text: string): ReminderTemplate {
  const paragraphs = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ""))
    .filter((p) => p.trim() !== "");
  return fromParagraphs(subject, paragraphs);
}

export interface EditorText {
  subject: string;
  text: string;
  /** True when the team saved its own version (Reset to default removes it). */
  custom: boolean;
}

/** What the editor starts from for a level and language: the saved template, else the default (English when the language has none). */
export function editorText(templates: TemplateSet, saved: DraftResult["savedTemplates"], level: string, language: string): EditorText {
  const found = templateFor(templates, level, language);
  return { subject: found?.template.subject ?? "", text: found?.template.text ?? "", custom: Boolean(saved[level]?.[language]) };
}

/** The customers whose reminder at this level would use the template of this language. */
export function customersUsing(drafts: readonly ReminderDraft[], templates: TemplateSet, level: string, language: string): ReminderDraft[] {
  return drafts.filter((d) => d.level.id === level && (templateFor(templates, level, reminderLanguage(d.language))?.language ?? reminderLanguage(d.language)) === language);
}

/**
 * The edited template checked before it is saved: what is wrong with it whatever the customer
 * (blocking), and the holes it would leave for the customers who would get it.
 */
export function checkEdited(edited: ReminderTemplate, context: { templates: TemplateSet; drafts: readonly ReminderDraft[]; sender: Sender; level: string; language: string }): TemplateProblem[] {
  const { level, language } = context;
  const templates = mergeTemplates(context.templates, { [level]: { [language]: edited } });
  const affected = customersUsing(context.drafts, templates, level, language);
  const found = checkTemplates(templates, affected, { sender: context.sender });
  const same = (a: TemplateProblem, b: TemplateProblem) => a.kind === b.kind && a.part === b.part && a.placeholder === b.placeholder;
  // With no customer at this level today, the template is still checked on its own.
  const own = templateErrors(edited, { level, language }).filter((e) => !found.some((f) => same(f, e)));
  return [...found, ...own];
}

/**
 * The edited template on a real customer: the draft rendered as if it were at the edited level
 * and in the edited language, so what the preview shows is what that customer would read.
 */
export function previewEdited(draft: ReminderDraft, edited: ReminderTemplate, context: { templates: TemplateSet; levels: readonly DunningLevel[]; sender: Sender; level: string; language: string }): RenderedReminder {
  const level = findLevel(context.levels, context.level) ?? draft.level;
  const templates = mergeTemplates(context.templates, { [context.level]: { [context.language]: edited } });
  return renderReminder({ ...draft, level, language: context.language }, templates, { sender: context.sender });
}

/**
 * What the editors show after a drafting: the settings it used, and its drafts (those held back
 * too) as the customers to preview a template on.
 */
export function setupFromDraft(result: DraftResult): ReminderSetup {
  const { sender, templates, savedTemplates, levels, levelsSaved, chase, asOf, warnings } = result;
  return { sender, templates, savedTemplates, levels, levelsSaved, chase, asOf, warnings, drafts: [...result.reminders, ...result.held].map((r) => r.draft) };
}

/** The name of the made-up customer a template is previewed on when no real customer is due a reminder. */
export const EXAMPLE_CUSTOMER = "Example customer";

/**
 * A made-up reminder at a level, for previewing a template when no customer in the workbook is
 * due one: named "Example customer" (never a real customer's name), with example.com addresses
 * and invoices EX-1001 and EX-1002, in the workbook's own currency. The oldest invoice is exactly
 * as late as the level starts; a level before the due date lists one invoice not yet due.
 * @example exampleDraft({ id: "second", name: "Second reminder", days: 15, email: true }, asOf).items.map((i) => i.daysOverdue) // [15, 8]
 */
export function exampleDraft(level: DunningLevel, asOf: DayNumber): ReminderDraft {
  const lateness = level.days >= 1 ? [level.days, Math.max(1, Math.ceil(level.days / 2))] : [level.days];
  const items = lateness.map((daysOverdue, i) => {
    const amountMinor = i === 0 ? 125_000 : 48_050;
    const dueDate = asOf - daysOverdue;
    return { invoice: `EX-${1001 + i}`, invoiceDate: dueDate - 30, dueDate, daysOverdue, amountMinor, openMinor: amountMinor, source: { sheet: "Example" }, row: 0 };
  });
  const sum = (list: typeof items) => list.reduce((total, item) => total + item.openMinor, 0);
  return {
    customer: EXAMPLE_CUSTOMER,
    currency: "",
    to: ["accounts@example.com"],
    invalidEmails: [],
    contact: "Alex Example",
    level,
    items,
    totalMinor: sum(items),
    overdueMinor: sum(items.filter((item) => item.daysOverdue > 0)),
    oldestDaysOverdue: level.days,
    asOf,
  };
}

/** The sender form's fields, as text. */
export interface SenderForm {
  company: string;
  name: string;
  email: string;
  signature: string;
  paymentInstructions: string;
  paymentLink: string;
  /** Addresses separated by ; or , */
  cc: string;
}

export function senderForm(sender: Sender): SenderForm {
  return {
    company: sender.company ?? "",
    name: sender.name ?? "",
    email: sender.email ?? "",
    signature: sender.signature ?? "",
    paymentInstructions: sender.paymentInstructions ?? "",
    paymentLink: sender.paymentLink ?? "",
    cc: (sender.cc ?? []).join("; "),
  };
}

/** What is wrong with the form, by field; empty when it can be saved. */
export function senderProblems(form: SenderForm): Partial<Record<keyof SenderForm, string>> {
  const problems: Partial<Record<keyof SenderForm, string>> = {};
  if (!form.name.trim() && !form.signature.trim()) problems.name = "Enter your name (or a signature): every reminder is signed.";
  if (form.email.trim() && !isEmailAddress(form.email.trim())) problems.email = `"${form.email.trim()}" is not an email address, e.g. ar@yourcompany.com.`;
  const cc = parseAddresses(form.cc);
  if (cc.invalid.length) problems.cc = `Not an email address: ${cc.invalid.join(", ")}. Separate addresses with ;`;
  if (form.paymentLink.trim() && !/^https:\/\/\S+$/i.test(form.paymentLink.trim())) problems.paymentLink = "A payment link starts with https:// and has no spaces.";
  return problems;
}

/** The sender the form describes. */
export function senderFromForm(form: SenderForm): Sender {
  return {
    company: form.company.trim(),
    name: form.name.trim(),
    email: form.email.trim(),
    signature: form.signature.trim(),
    paymentInstructions: form.paymentInstructions.trim(),
    paymentLink: form.paymentLink.trim(),
    cc: parseAddresses(form.cc).valid,
  };
}

/** How a level charges for late payment, as the editor offers it. */
export type ChargeChoice = "none" | "contract" | "uk" | "eu";

/** One dunning level as the editor shows it: numbers as typed text, rates in percent. */
export interface LevelForm {
  /** Kept from the saved level (templates and the sent log name it); made up for a new one. */
  id: string;
  name: string;
  /** Days past due; negative for before the due date. */
  days: string;
  /** False for an internal task (hand-over to collections). */
  email: boolean;
  charges: ChargeChoice;
  /** Late fee per overdue invoice in currency units (contract). */
  lateFee: string;
  /** Contractual interest in percent a year. */
  interest: string;
  /** The base / reference rate in percent a year (statutory). */
  referenceRate: string;
}

/** A fraction as the percent the user types: 0.0425 → "4.25". */
const percentText = (rate: number | undefined) => (rate === undefined ? "" : String(Math.round(rate * 100 * 1e6) / 1e6));

/**
 * A number as a user types it: "25", "12.5", "12,5" (decimal comma), "4.25 %"; undefined when
 * empty, null when it is not a number.
 * @example numberFromText("12,5 %") // 12.5
 */
export function numberFromText(text: string): number | null | undefined {
  const clean = text.replace(/[\s\u00a0\u202f]/g, "").replace(/%$/, "");
  if (clean === "") return undefined;
  if (!/^[-\u2212]?\d+([.,]\d+)?$/.test(clean)) return null;
  return Number(clean.replace("\u2212", "-").replace(",", "."));
}

/** The editor's rows for saved levels. */
export function levelForms(levels: readonly DunningLevel[]): LevelForm[] {
  return levels.map((level) => {
    const c = level.charges;
    const charges: ChargeChoice = c?.statutory ? c.statutory.regime : c && ((c.lateFee ?? 0) > 0 || (c.lateFeeMinor ?? 0) > 0 || (c.annualRate ?? 0) > 0) ? "contract" : "none";
    // A fee saved in minor units (by hand or an older version) is shown in units of a two-decimal currency.
    const fee = c?.lateFee ?? (c?.lateFeeMinor !== undefined ? c.lateFeeMinor / 100 : undefined);
    return {
      id: level.id,
      name: level.name,
      days: String(level.days),
      email: level.email,
      charges,
      lateFee: fee ? String(fee) : "",
      interest: c?.annualRate ? percentText(c.annualRate) : "",
      referenceRate: c?.statutory ? percentText(c.statutory.referenceRate) : "",
    };
  });
}

/** A new level after the last one: 15 days later, an email, no charges, with an id no other level has. */
export function newLevelForm(forms: readonly LevelForm[]): LevelForm {
  const ids = new Set(forms.map((f) => f.id.toLowerCase()));
  let n = forms.length + 1;
  while (ids.has(`level-${n}`)) n += 1;
  const days = forms.map((f) => numberFromText(f.days)).filter((d): d is number => typeof d === "number");
  return { id: `level-${n}`, name: "New level", days: String(days.length ? Math.max(...days) + 15 : 1), email: true, charges: "none", lateFee: "", interest: "", referenceRate: "" };
}

export type LevelField = "name" | "days" | "lateFee" | "interest" | "referenceRate";

/** The longest courtesy window the workbook settings keep. */
const MAX_DAYS_BEFORE = 365;

/** What is wrong with one row of the editor, by field; empty when it reads. */
export function levelFieldProblems(form: LevelForm): Partial<Record<LevelField, string>> {
  const problems: Partial<Record<LevelField, string>> = {};
  if (!form.name.trim()) problems.name = "Give the level a name, e.g. Second reminder.";
  const days = numberFromText(form.days);
  if (days === undefined || days === null || !Number.isInteger(days)) problems.days = "Type a whole number of days past due (negative for before the due date), e.g. 15 or -3.";
  else if (days < -MAX_DAYS_BEFORE || days > 3650) problems.days = `Days must be between -${MAX_DAYS_BEFORE} (before the due date) and 3650.`;
  else if (days < 1 && !form.email) problems.days = "An internal task comes after the due date: use 1 day or more, or make it an email.";
  if (form.charges === "contract") {
    const fee = numberFromText(form.lateFee);
    const rate = numberFromText(form.interest);
    if (fee === null || (fee !== undefined && fee < 0)) problems.lateFee = "Type the late fee per invoice as an amount, e.g. 25 (in each invoice's currency).";
    if (rate === null || (rate !== undefined && (rate < 0 || rate > 1000))) problems.interest = "Type the interest in percent a year, e.g. 8.";
    if (!problems.lateFee && !problems.interest && !fee && !rate) problems.lateFee = "Type a late fee, an interest rate or both, or choose No charges.";
  }
  if (form.charges === "uk" || form.charges === "eu") {
    const rate = numberFromText(form.referenceRate);
    const which = form.charges === "uk" ? "the Bank of England base rate" : "the ECB reference rate";
    if (rate === undefined || rate === null || rate < -10 || rate > 100) problems.referenceRate = `Type ${which} in percent, e.g. 4.25.`;
  }
  return problems;
}

/** The level a row describes, when it reads (see levelFieldProblems). */
function levelFromForm(form: LevelForm): DunningLevel {
  const level: DunningLevel = { id: form.id, name: form.name.trim(), days: numberFromText(form.days) as number, email: form.email };
  const percent = (text: string) => Math.round(((numberFromText(text) as number | undefined) ?? 0) * 1e6) / 1e8;
  if (form.charges === "contract") {
    const fee = numberFromText(form.lateFee) ?? 0;
    const charges: ChargePolicy = {};
    if (fee > 0) charges.lateFee = fee;
    if (percent(form.interest) > 0) charges.annualRate = percent(form.interest);
    level.charges = charges;
  } else if (form.charges === "uk" || form.charges === "eu") {
    level.charges = { statutory: { regime: form.charges, referenceRate: percent(form.referenceRate) } };
  }
  return level;
}

/**
 * The editor's rows as levels, checked as drafting will use them: each row's fields, then the
 * sequence (validateLevels: ids, one level per day). `levels` is null while anything is wrong.
 */
export function levelsFromForms(forms: readonly LevelForm[]): { levels: DunningLevel[] | null; problems: string[] } {
  const problems: string[] = [];
  forms.forEach((form, i) => {
    for (const message of Object.values(levelFieldProblems(form))) problems.push(`${form.name.trim() || `Level ${i + 1}`}: ${message}`);
  });
  if (problems.length) return { levels: null, problems };
  const levels = forms.map(levelFromForm);
  const sequence = validateLevels(levels);
  return sequence.length ? { levels: null, problems: sequence } : { levels, problems: [] };
}

/**
 * What a row's charges come to, in words, so the user sees the rate and compensation a customer
 * will be charged before saving.
 * @example chargeSummary({ ...form, charges: "uk", referenceRate: "4.25" })
 * // "Statutory interest at 12.25% a year (base rate 4.25% + 8 points), plus fixed compensation per invoice: £40 under £1,000, £70 under £10,000, £100 from £10,000 (GBP invoices only)."
 */
export function chargeSummary(form: LevelForm): string {
  if (!form.email) return "An internal task on the worklist: no email, no charges.";
  if (form.charges === "none") return "No late fee or interest.";
  if (Object.keys(levelFieldProblems(form)).some((k) => k !== "name" && k !== "days")) return "";
  const level = levelFromForm(form);
  const policy = level.charges!;
  if (policy.statutory) {
    const { regime, referenceRate } = policy.statutory;
    const rate = `${formatRate(statutoryRate(regime, referenceRate), "en-US")} a year`;
    if (regime === "uk") {
      return `Statutory interest at ${rate} (base rate ${formatRate(referenceRate, "en-US")} + 8 points), plus fixed compensation per invoice: £40 under £1,000, £70 under £10,000, £100 from £10,000 (GBP invoices only).`;
    }
    return `Statutory interest at ${rate} (reference rate ${formatRate(referenceRate, "en-US")} + 8 points), plus €40 fixed compensation per invoice (EUR invoices only).`;
  }
  const parts: string[] = [];
  if (policy.lateFee) parts.push(`a late fee of ${policy.lateFee} per overdue invoice (in the invoice's currency)`);
  if (policy.annualRate) parts.push(`interest at ${formatRate(policy.annualRate, "en-US")} a year`);
  const text = parts.join(" and ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

/**
 * Email levels no template exists for: until one is written their reminders are held back, so
 * the editor says so next to the level.
 */
export function levelsWithoutTemplate(levels: readonly DunningLevel[], templates: TemplateSet): DunningLevel[] {
  return levels.filter((l) => l.email && Object.keys(templates[l.id] ?? {}).length === 0);
}

/** The form for who is not chased: the minimum total and the customers on hold (one per line). */
export interface ChaseForm {
  minimumAmount: string;
  onHold: string;
}

export function chaseForm(chase: ChaseSettings): ChaseForm {
  return { minimumAmount: chase.minimumAmount ? String(chase.minimumAmount) : "", onHold: chase.onHold.join("\n") };
}

/**
 * The chase settings the form describes, or what is wrong with it. Names are separated by line
 * breaks or semicolons (not commas: "Smith, Jones & Co" is one customer).
 */
export function chaseFromForm(form: ChaseForm): { minimumAmount: number | null; onHold: string[] } | { problem: string } {
  const minimum = numberFromText(form.minimumAmount);
  if (minimum === null || (minimum !== undefined && minimum < 0)) return { problem: `"${form.minimumAmount.trim()}" is not an amount: type the minimum total to chase, e.g. 50, or leave it empty to chase every total.` };
  const onHold = form.onHold
    .split(/[\n;]/)
    .map((n) => n.trim())
    .filter(Boolean);
  return { minimumAmount: minimum ? minimum : null, onHold };
}

export interface SkippedLine {
  customer: string;
  level: string;
  total: string;
  reason: string;
}

/** Customers not chased this time (disputed, promised, on hold, below the minimum, already sent), each with why. */
export function skippedLines(selection: Pick<DraftResult["selection"], "skipped">): SkippedLine[] {
  return selection.skipped.map((s) => ({ customer: s.customer, level: s.level?.name ?? "", total: moneyText(s.totalMinor, s.currency), reason: s.reason }));
}
