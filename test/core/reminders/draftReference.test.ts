import fc from "fast-check";
import { DEFAULT_TEMPLATES, fromParagraphs } from "../../../src/core/reminders/defaultTemplates";
import { DEFAULT_LEVELS, type DunningLevel } from "../../../src/core/reminders/levels";
import { selectDrafts, type ReminderDraft } from "../../../src/core/reminders/select";
import { draftReminders, type RenderSettings, type Sender, type TemplateSet } from "../../../src/core/reminders/templates";
import type { InvoiceRecord } from "../../../src/core/types";
import { generateSampleInvoices } from "../../../src/workbook/sample";
import { draftReminders as referenceDraft } from "./reference/templatesReference";
import { AS_OF, SENDER } from "./fixtures";

// Drafting as it was before tables, tidying and contexts were made cheaper (a copy kept under
// reference/), to check the faster code against: the same reminders, held drafts and problems,
// every rendered string the same to the byte.

/** Everything drafted as text (drafts are the caller's objects, left out); -0 and undefined told apart. */
function bits(result: ReturnType<typeof draftReminders>): string {
  const strip = (r: ReturnType<typeof draftReminders>["reminders"][number]) => ({ ...r, draft: undefined });
  return JSON.stringify({ reminders: result.reminders.map(strip), held: result.held.map(strip), problems: result.problems }, (_, v: unknown) =>
    v === undefined ? "#undefined" : typeof v === "number" && Object.is(v, -0) ? "#-0" : v,
  );
}

const LEVELS_WITH_CHARGES: DunningLevel[] = [
  { id: "courtesy", name: "Courtesy reminder", days: -3, email: true },
  { id: "first", name: "First reminder", days: 1, email: true, charges: { annualRate: 0.08, lateFeeMinor: 4000 } },
  { id: "second", name: "Second reminder", days: 15, email: true, charges: { statutory: { regime: "uk", referenceRate: 0.0525 } } },
  { id: "third", name: "Third reminder", days: 30, email: true, charges: { lateFee: 25 } },
  { id: "final", name: "Final notice", days: 60, email: true, charges: { statutory: { regime: "eu", referenceRate: 0.04 } } },
];

/** Templates that leave empty paragraphs, blank runs and trailing blanks to tidy, read every computed value, and leave holes. */
const ODD_TEMPLATES: TemplateSet = {
  courtesy: {
    en: fromParagraphs("  Due\t{{ earliest_due_date }}\n{% if contact_name %} for {{ contact_name }}{% endif %}  ", [
      "{% if contact_name %}Hello {{ contact_name }},{% endif %}",
      "{{ due_dates }} / {{ invoice_numbers }}   ",
      "{% for i in invoices %}{{ forloop.index }}. {{ i.number }} {{ i.invoice_date }} {{ i.due_date }} {{ i.days_overdue }} {{ i.amount }} {{ i.open }}\n{% endfor %}",
      "{{ invoice_table }}",
      "\n\n\n{% if payment_link %}{{ payment_link }}{% endif %}\n \n",
      "{{ today }} {{ level_name }} {{ level_id }} {{ currency | default: 'none' }} {{ invoice_count }} {{ overdue_count }} {{ oldest_days_overdue }}",
      "{{ signature }}",
    ]),
  },
  first: {
    en: {
      subject: "{{ customer_name }} owes {{ total }}",
      text: "{{ invoice_table }}\n\n\n\n{{ charges_table }}\n{{ charges_basis }} {{ charges_total }} {{ total_with_charges }} \t\n{{ payment_details }}",
      html: "<div> {% if charges_total %}{{ charges_table_html }}{% endif %} </div>\n<p>\n</p>\n{{ invoice_table_html }}<div><p> </p></div>\n<p>{{ payment_details_html }}</p><p>{{ sender_email }}</p>",
    },
    fr: {
      subject: "",
      text: "{{ contact_name }} {{ total_overdue }}",
      html: "<p>{{ signature_html }}</p>\n<p>{{ payment_instructions_html }}</p><p></p>",
    },
  },
  second: { de: DEFAULT_TEMPLATES.second.en, fr: DEFAULT_TEMPLATES.second.fr },
  third: DEFAULT_TEMPLATES.third,
  final: { en: { subject: "{{ nope }}", text: "{% render 'x' %}", html: "{{ total" } },
};

const text = fc.constantFrom("A-1", "a-1", "INV-0001", "B-10", "  padded  ", "", " ", "R&D <1>", "\"quoted\" 'x'", "😀-7", "naïve", "x\u00a0", "tab\tend", "l\u2028m");
const item = fc.record({
  invoice: text,
  issued: fc.option(fc.integer({ min: -200, max: 0 })),
  daysOverdue: fc.integer({ min: -5, max: 150 }),
  amountMinor: fc.oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.constant(123456789012)),
  openMinor: fc.oneof(fc.integer({ min: -500, max: 10_000_000 }), fc.constant(0)),
});
const draftArb = fc.record({
  customer: fc.constantFrom("Acme", "R&D <Ltd>", "Émile SA", "😀 Emoji Co", "  Spaces  "),
  currency: fc.constantFrom("", "EUR", "USD", "JPY", "GBP", "BHD", "XYZ", "ZZ"),
  contact: fc.constantFrom(undefined, "", "  ", "Jane", "<b>Bob</b>"),
  language: fc.constantFrom(undefined, "fr", "FR-ca", "de", "en", "français"),
  level: fc.integer({ min: 0, max: 4 }),
  items: fc.array(item, { minLength: 1, maxLength: 8 }),
});

type DraftShape = typeof draftArb extends fc.Arbitrary<infer T> ? T : never;

function toDraft(d: DraftShape, levels: readonly DunningLevel[]): ReminderDraft {
  const items = d.items.map((i, n) => ({
    invoice: i.invoice,
    invoiceDate: i.issued === null ? undefined : AS_OF - i.daysOverdue - 30 + i.issued,
    dueDate: AS_OF - i.daysOverdue,
    daysOverdue: i.daysOverdue,
    amountMinor: i.amountMinor,
    openMinor: i.openMinor,
    source: { sheet: "Ledger" },
    row: n + 2,
  }));
  const totalMinor = items.reduce((s, i) => s + i.openMinor, 0);
  const overdueMinor = items.filter((i) => i.daysOverdue > 0).reduce((s, i) => s + i.openMinor, 0);
  return {
    customer: d.customer,
    currency: d.currency,
    to: ["ap@example.com"],
    invalidEmails: [],
    contact: d.contact,
    language: d.language,
    level: levels[d.level],
    items,
    totalMinor,
    overdueMinor,
    oldestDaysOverdue: Math.max(...items.map((i) => i.daysOverdue)),
    asOf: AS_OF,
  };
}

const SENDERS: Sender[] = [
  SENDER,
  {},
  { company: "R&D <Ltd>", name: "Ann", signature: "Ann\r\nAccounts & Co", paymentInstructions: "IBAN <x>\nBIC y", paymentLink: "pay.example/a?b=1&c=2" },
  { name: "  ", email: "ar@example.com", paymentLink: "http://pay.example" },
];

describe("draftReminders against the implementation it replaced", () => {
  it("renders the same reminders, held drafts and problems on random drafts", () => {
    fc.assert(
      fc.property(
        fc.array(draftArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(DEFAULT_TEMPLATES, ODD_TEMPLATES),
        fc.boolean(),
        fc.integer({ min: 0, max: SENDERS.length - 1 }),
        fc.constantFrom<(Record<string, string> | undefined)[]>(undefined, { fr: "fr-CA", en: "en-US", de: "de-DE" }, { en: "xx-invalid-locale-zz" }),
        (drafts, templates, charged, sender, locales) => {
          const levels = charged ? LEVELS_WITH_CHARGES : DEFAULT_LEVELS;
          const ds = drafts.map((d) => toDraft(d, levels));
          const settings: RenderSettings = { sender: SENDERS[sender], locales };
          expect(bits(draftReminders(ds, templates, settings))).toBe(bits(referenceDraft(ds, templates, settings)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("renders the same reminders for a sample ledger", () => {
    const rows = generateSampleInvoices({ asOf: AS_OF, invoices: 6000, customers: 300, seed: 11 });
    const records = rows.map(
      (r, i): InvoiceRecord => ({
        invoice: r.invoice,
        customer: r.customer,
        email: r.email,
        invoiceDate: r.invoiceDate,
        dueDate: r.dueDate,
        amountMinor: r.amountCents,
        openMinor: r.balanceCents,
        currency: ["EUR", "USD", undefined][i % 3],
        language: i % 5 === 0 ? "fr" : undefined,
        source: { sheet: "Ledger" },
        row: i + 2,
      }),
    );
    for (const levels of [DEFAULT_LEVELS, LEVELS_WITH_CHARGES]) {
      const drafts = selectDrafts(records, { asOf: AS_OF, levels }).drafts;
      expect(drafts.length).toBeGreaterThan(100);
      for (const settings of [{ sender: SENDER }, { sender: SENDERS[2] }]) expect(bits(draftReminders(drafts, DEFAULT_TEMPLATES, settings))).toBe(bits(referenceDraft(drafts, DEFAULT_TEMPLATES, settings)));
    }
  });
});
