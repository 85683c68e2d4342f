import { simpleParser } from "mailparser";
import { DEFAULT_TEMPLATES } from "../../../src/core/reminders/defaultTemplates";
import { buildEml } from "../../../src/core/reminders/eml";
import { formatMoney } from "../../../src/core/reminders/format";
import { DEFAULT_LEVELS } from "../../../src/core/reminders/levels";
import { selectDrafts, type ReminderDraft } from "../../../src/core/reminders/select";
import { checkTemplates, draftReminders, renderReminder, type TemplateSet } from "../../../src/core/reminders/templates";
import { AS_OF, invoice, SENDER } from "./fixtures";

const draftFor = (records: Parameters<typeof selectDrafts>[0]): ReminderDraft => {
  const s = selectDrafts(records, { asOf: AS_OF });
  expect(s.drafts).toHaveLength(1);
  return s.drafts[0];
};
const settings = { sender: SENDER };

describe("golden reminders", () => {
  it("EN first reminder", () => {
    const r = renderReminder(draftFor([invoice("A-1", "Acme", "2026-03-20", 123456, { contact: "Jane Smith" }), invoice("A-2", "Acme", "2026-04-02", 5000)]), DEFAULT_TEMPLATES, settings);
    expect(r.problems).toEqual([]);
    expect(r.subject).toBe("Payment reminder – Acme – €1,234.56 overdue");
    expect(r.text).toBe(
      [
        "Dear Jane Smith,",
        "",
        "Our records show that the following invoice is now past due. Perhaps this has simply been overlooked:",
        "",
        "Invoice  Invoice date      Due date       Days overdue  Amount due",
        "-------  ----------------  -------------  ------------  ----------",
        "A-1      18 February 2026  20 March 2026            11   €1,234.56",
        "A-2      3 March 2026      2 April 2026    not yet due      €50.00",
        "Total                                                    €1,284.56",
        "",
        "Total overdue: €1,234.56 (with the items due soon: €1,284.56)",
        "",
        "Bank transfer to IBAN GB00 NWBK 1234 5678",
        "Pay online: https://pay.northwind.example/acme",
        "",
        "If you have already paid, thank you, and please disregard this reminder. If anything is unclear or you need a copy of an invoice, just reply to this email.",
        "",
        "Kind regards,",
        "Sam Lee",
        "Northwind Ltd",
        "",
      ].join("\n"),
    );
    expect(r.html).toContain('<p>Pay online: <a href="https://pay.northwind.example/acme">https://pay.northwind.example/acme</a></p>'.replace("<p>", "<br>\n"));
  });

  it("EN final notice", () => {
    const r = renderReminder(draftFor([invoice("F-1", "Fab Co", "2026-01-20", 50000)]), DEFAULT_TEMPLATES, settings);
    expect(r.subject).toBe("Final notice – Fab Co – €500.00 overdue");
    const lines = r.text.split("\n");
    expect(lines[0]).toBe("Dear Sir or Madam,");
    expect(lines).toContain("Despite our previous reminders, the invoices below remain unpaid. The oldest is now 70 days past due.");
    expect(lines).toContain("Unless we receive payment of €500.00 within 7 days of this notice, we will have to pass the matter to our collections process. We would much rather settle this with you directly, so please get in touch if anything is preventing payment.");
    expect(lines.slice(-4)).toEqual(["Yours sincerely,", "Sam Lee", "Northwind Ltd", ""]);
  });

  it("FR first reminder", () => {
    const r = renderReminder(draftFor([invoice("B-1", "Bâtiments Dupont", "2026-03-25", 123456, { language: "fr", contact: "Marie Dupont" })]), DEFAULT_TEMPLATES, settings);
    expect(r.language).toBe("fr");
    expect(r.subject).toBe("Rappel de paiement – Bâtiments Dupont – 1\u202f234,56\u00a0€ en retard");
    const lines = r.text.split("\n");
    expect(lines[0]).toBe("Bonjour Marie Dupont,");
    expect(lines).toContain("Sauf erreur de notre part, la facture suivante est échue et reste impayée à ce jour. Il s'agit peut-être d'un simple oubli :");
    expect(lines).toContain("B-1      23 février 2026  25 mars 2026" + " ".repeat(16) + "6  1\u202f234,56\u00a0€");
    expect(lines).toContain("Montant échu : 1\u202f234,56\u00a0€");
    expect(lines).toContain("Paiement en ligne : https://pay.northwind.example/acme");
    expect(lines.slice(-4)).toEqual(["Cordialement,", "Sam Lee", "Northwind Ltd", ""]);
  });

  it("FR final notice", () => {
    const r = renderReminder(draftFor([invoice("B-1", "Béta", "2026-01-10", 99900, { language: "Français" })]), DEFAULT_TEMPLATES, settings);
    expect(r.subject).toBe("Dernier avis avant recouvrement – Béta – 999,00\u00a0€ en retard");
    const lines = r.text.split("\n");
    expect(lines[0]).toBe("Madame, Monsieur,");
    expect(lines).toContain("Malgré nos précédents rappels, les factures ci-dessous restent impayées. La plus ancienne est échue depuis 80 jours.");
    expect(lines).toContain("Sans règlement de 999,00\u00a0€ dans les 7 jours suivant le présent avis, nous serons contraints de transmettre ce dossier à notre service de recouvrement. Nous préférerions de loin trouver une solution avec vous : n'hésitez pas à nous contacter si un obstacle empêche le paiement.");
    expect(lines.slice(-4)).toEqual(["Nous vous prions d'agréer nos salutations distinguées.", "Sam Lee", "Northwind Ltd", ""]);
  });

  it("courtesy reminder, and German falls back to English", () => {
    const r = renderReminder(draftFor([invoice("C-1", "Cee", "2026-04-02", 10000, { language: "de" })]), DEFAULT_TEMPLATES, settings);
    expect(r.language).toBe("en");
    expect(r.subject).toBe("Friendly reminder: payment due on 2 April 2026");
    expect(r.text.split("\n").slice(0, 3)).toEqual(["Dear Sir or Madam,", "", "This is a friendly reminder that the following invoice falls due shortly:"]);
    expect(r.text).toContain("Total due: €100.00");
  });

  it("formats money in the locale", () => {
    expect(formatMoney(123456, "EUR", "fr-FR")).toBe("1\u202f234,56\u00a0€");
    expect(formatMoney(123456, "JPY", "en-GB")).toBe("JP¥123,456");
  });

  it("writes a code Intl does not know after a plain number, and a missing currency as a plain number, in any order", () => {
    expect(formatMoney(123456, "plain|2", "en-GB")).toBe("1,234.56 plain|2");
    expect(formatMoney(123456, undefined, "en-GB")).toBe("1,234.56");
    expect(formatMoney(123456, "US Dollars", "en-GB")).toBe("1,234.56 US Dollars");
    expect(formatMoney(123456, "BHD", "en-GB")).toBe("BHD\u00a0123.456");
  });

  it("shows statutory charges when the level has them", () => {
    const levels = DEFAULT_LEVELS.map((l) => (l.id === "third" ? { ...l, charges: { statutory: { regime: "uk" as const, referenceRate: 0.04 } } } : l));
    const d = selectDrafts([invoice("G-1", "Gee", "2026-03-01", 50000, { currency: "GBP" })], { asOf: AS_OF, levels }).drafts[0];
    const r = renderReminder(d, DEFAULT_TEMPLATES, settings);
    // £500 × 12 % × 30 / 365 = £4.93, plus £40
    expect(r.text).toContain("Late-payment charges to date (interest at 12% a year and fixed compensation per invoice): £44.93.");
    expect(r.text).toContain("Amount now due, including charges: £544.93");
    expect(r.html).toContain("£44.93</td>");
  });
});

describe("sandbox", () => {
  const attempts = ["{{ constructor }}", "{{ customer_name.__proto__ }}", '{{ "a" | constructor }}', "{{ invoices.constructor }}", "{{ customer_name.constructor.name }}", '{% include "/etc/passwd" %}', '{% render "package.json" %}', "{% for i in (1..100000000) %}x{% endfor %}"];
  it.each(attempts)("%s reaches nothing", (source) => {
    const templates: TemplateSet = { first: { en: { subject: `S ${source}`, text: source, html: source } } };
    const r = renderReminder(draftFor([invoice("A-1", "Acme", "2026-03-20", 100)]), templates, settings);
    expect(r.problems.length).toBeGreaterThan(0);
    for (const out of [r.subject, r.text, r.html]) expect(out).not.toMatch(/function|native code|\[object|root:|"name"/);
    expect(draftReminders([r.draft], templates, settings).reminders).toEqual([]);
  });
});

describe("HTML escaping", () => {
  it("escapes workbook values in the HTML body and its table", async () => {
    const evil = 'Evil <script>alert("x")</script> & Co';
    const r = renderReminder(draftFor([invoice("<img src=x onerror=alert(1)>", evil, "2026-03-20", 100, { contact: "<b>Bob</b>" })]), DEFAULT_TEMPLATES, settings);
    expect(r.html).not.toMatch(/<script|<img|<b>Bob/);
    expect(r.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(r.html).toContain("Dear &lt;b&gt;Bob&lt;/b&gt;,");
    const parsed = await simpleParser(buildEml({ to: ["ap@example.com"], subject: r.subject, text: r.text, html: r.html, date: new Date(0) }));
    expect(parsed.subject).toBe(`Payment reminder – ${evil} – €1.00 overdue`);
    expect(String(parsed.html)).not.toContain("<script");
  });
});

describe("checkTemplates", () => {
  it("lists unknown and empty placeholders and missing subjects with the customers affected, and holds those drafts back", () => {
    const drafts = selectDrafts(
      [invoice("A-1", "Acme", "2026-03-20", 100, { contact: "Ann" }), invoice("B-1", "Beta", "2026-03-20", 100), invoice("C-1", "Cee", "2026-03-20", 100), invoice("F-1", "Fox", "2026-01-01", 100)],
      { asOf: AS_OF },
    ).drafts;
    const templates: TemplateSet = {
      ...DEFAULT_TEMPLATES,
      first: { en: { subject: "Hello {{ contact_name }}", text: "Dear {{ contact_name }}, {{ cusomer_name }}", html: "<p>{{ total }}</p>" } },
      final: { en: { subject: "  ", text: "x", html: "x" } },
    };
    const problems = checkTemplates(templates, drafts, settings);
    expect(problems.map((p) => [p.kind, p.level, p.part, p.placeholder, p.customers])).toEqual([
      ["unknown-placeholder", "first", "text", "cusomer_name", ["Acme", "Beta", "Cee"]],
      ["empty-placeholder", "first", "subject", "contact_name", ["Beta", "Cee"]],
      ["empty-placeholder", "first", "text", "contact_name", ["Beta", "Cee"]],
      ["missing-subject", "final", "subject", undefined, ["Fox"]],
    ]);
    const result = draftReminders(drafts, templates, settings);
    expect(result.reminders).toEqual([]);
    expect(result.held.map((r) => r.draft.customer)).toEqual(["Acme", "Beta", "Cee", "Fox"]);
    const fixed = draftReminders(drafts, { ...templates, first: { en: { subject: "Hello {{ contact_name | default: customer_name }}", text: "x", html: "x" } } }, settings);
    expect(fixed.reminders.map((r) => r.subject)).toEqual(["Hello Ann", "Hello Beta", "Hello Cee"]);
  });
  it("fills in a placeholder the template names only while rendering, as it fills one named outright", () => {
    const draft = draftFor([invoice("A-1", "Acme", "2026-03-20", 123456)]);
    const named = { first: { en: { subject: "Due {{ total }}", text: "{{ invoice_numbers }} {{ earliest_due_date }}", html: "x" } } };
    const built = { first: { en: { subject: '{% assign n = "total" %}Due {{ [n] }}', text: '{% assign m = "invoice_numbers" %}{% assign d = "earliest_due_date" %}{{ [m] }} {{ [d] }}', html: "x" } } };
    const outright = renderReminder(draft, named, settings);
    const computed = renderReminder(draft, built, settings);
    expect(outright.problems).toEqual([]);
    expect(computed.problems).toEqual([]);
    expect(computed.subject).toBe(outright.subject);
    expect(computed.text).toBe(outright.text);
    expect(computed.subject).toBe("Due €1,234.56");
  });
  it("gives a placeholder named while rendering its value where a missing one would pass silently too", () => {
    const draft = draftFor([invoice("A-1", "Acme", "2026-03-20", 123456)]);
    const subjectOf = (subject: string) => renderReminder(draft, { first: { en: { subject, text: "x", html: "x" } } }, settings);
    const cases: [string, string][] = [
      ['{% assign n = "total" %}Due {{ [n] | default: "NOTHING" }}', "Due €1,234.56"],
      ['{% assign n = "invoice_table" %}{% if [n] %}HAS{% else %}NONE{% endif %}', "HAS"],
      ['{% assign n = "today" %}{% unless [n] %}no date{% endunless %}x', "x"],
      ['{% assign n = "invoices" %}{% case [n] %}{% when nil %}nil{% else %}set{% endcase %}', "set"],
    ];
    for (const [subject, expected] of cases) {
      const rendered = subjectOf(subject);
      expect(rendered.problems).toEqual([]);
      expect(rendered.subject).toBe(expected);
    }
  });
  it("holds back every draft when the sender is not set", () => {
    const problems = checkTemplates(DEFAULT_TEMPLATES, [draftFor([invoice("A-1", "Acme", "2026-03-20", 100)])], { sender: {} });
    expect(problems.map((p) => p.placeholder)).toContain("signature");
  });
});
