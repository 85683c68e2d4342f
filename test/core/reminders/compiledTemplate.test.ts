import { Liquid } from "liquidjs";
import { compileTemplate } from "../../../src/core/reminders/compiledTemplate";
import { DEFAULT_TEMPLATES } from "../../../src/core/reminders/defaultTemplates";
import { DEFAULT_LEVELS, type DunningLevel } from "../../../src/core/reminders/levels";
import type { DraftItem, ReminderDraft } from "../../../src/core/reminders/select";
import { PLACEHOLDERS, reminderContext, reminderLanguage, SafeHtml, templateEngine, templateFor, type Sender } from "../../../src/core/reminders/templates";
import { AS_OF, SENDER } from "./fixtures";

type Part = "subject" | "text" | "html";
const PARTS: Part[] = ["subject", "text", "html"];

/** A small seeded generator, so that a failure can be replayed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  const int = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  return { pick, int };
}

const CHARGED_LEVELS: DunningLevel[] = [
  { id: "first", name: "First reminder", days: 1, email: true, charges: { annualRate: 0.08, lateFeeMinor: 4000 } },
  { id: "second", name: "Second reminder", days: 15, email: true, charges: { statutory: { regime: "uk", referenceRate: 0.0425 } } },
  { id: "final", name: "Final notice", days: 60, email: true, charges: { annualRate: 0.1225 } },
];
const LEVELS = [...DEFAULT_LEVELS.filter((l) => l.email), ...CHARGED_LEVELS];
const CUSTOMERS = ["Acme", "Smith & Sons <Ltd>", `O'Brien "Quotes" & Co`, "Bâtiments Dupont", "𝒜lpha Ünicode", "  Spaced  "];
const CONTACTS = [undefined, "Jane O'Hara", "   ", '<b>Bob</b> & "Co"', "Marie Dupont"];
const LANGUAGES = [undefined, "fr", "en", "Français", "de"];
const CURRENCIES = ["EUR", "USD", "JPY", "", "GBP", "BHD"];
const INVOICES = ["A-1", "INV<2>", "B&3", "F-0001", `Q"4'`, "𝒳-9"];
const SENDERS: Sender[] = [
  SENDER,
  { name: "Sam Lee", company: "N & Co <ltd>" },
  { company: "Nameless Ltd" }, // no signature: {{ signature }} is a hole
  { name: "Ann", paymentLink: "pay.example/x?a=1&b=2" },
  { name: "Ann", signature: "  Line one\nLine & <two>  ", paymentInstructions: "IBAN GB00\n<ref> & 'quote'", paymentLink: "https://pay.example/?a=1&b=<2>" },
];

function generatedDraft(rand: ReturnType<typeof random>): ReminderDraft {
  const level = rand.pick(LEVELS);
  const count = rand.pick([1, 1, 2, 3, 7]);
  const items: DraftItem[] = [];
  for (let i = 0; i < count; i++) {
    const daysOverdue = level.days < 0 ? rand.int(-3, 0) : rand.pick([rand.int(level.days, level.days + 40), rand.int(-3, 0)]);
    const amountMinor = rand.pick([0, 1, 99, 123456, 5000, 100000000, rand.int(1, 9_999_999)]);
    items.push({
      invoice: `${rand.pick(INVOICES)}${i}`,
      invoiceDate: rand.pick([undefined, AS_OF - daysOverdue - 30]),
      dueDate: AS_OF - daysOverdue,
      daysOverdue,
      amountMinor,
      openMinor: rand.pick([amountMinor, Math.floor(amountMinor / 2)]),
      source: { sheet: "Ledger" },
      row: i + 2,
    });
  }
  const overdue = items.filter((i) => i.daysOverdue > 0);
  return {
    customer: rand.pick(CUSTOMERS),
    currency: rand.pick(CURRENCIES),
    to: ["ap@example.com"],
    invalidEmails: [],
    contact: rand.pick(CONTACTS),
    language: rand.pick(LANGUAGES),
    level,
    items,
    totalMinor: items.reduce((s, i) => s + i.openMinor, 0),
    overdueMinor: overdue.reduce((s, i) => s + i.openMinor, 0),
    oldestDaysOverdue: Math.max(...items.map((i) => i.daysOverdue)),
    asOf: AS_OF,
  };
}

interface Case {
  draft: ReminderDraft;
  language: string;
  context: Record<string, unknown>;
}

/** Drafts of every kind, with the context the real renderer would give each one. */
function generatedCases(n: number, seed: number): Case[] {
  const rand = random(seed);
  return Array.from({ length: n }, (_, i) => {
    const draft = generatedDraft(rand);
    const language = templateFor(DEFAULT_TEMPLATES, draft.level.id, reminderLanguage(draft.language))?.language ?? "en";
    return { draft, language, context: reminderContext(draft, language, { sender: SENDERS[i % SENDERS.length] }).context };
  });
}

/** LiquidJS's own answer: its text, or the error it throws. */
function liquid(engine: Liquid, source: string, context: Record<string, unknown>): string | Error {
  try {
    return String(engine.renderSync(engine.parse(source), context));
  } catch (error) {
    return error as Error;
  }
}

/**
 * Renders `source` both ways on every case: where the compiled form answers it must be LiquidJS's
 * text; where it leaves the render to LiquidJS, LiquidJS must have failed (a hole), so that no
 * draft falls back to the slow path without need.
 */
function differences(source: string, part: Part, cases: readonly Case[]) {
  const engine = templateEngine(part);
  const render = compileTemplate(engine.parse(source), engine);
  if (!render) throw new Error(`not compiled: ${source}`);
  const mismatches: string[] = [];
  let answered = 0;
  let abandoned = 0;
  for (const { context } of cases) {
    const expected = liquid(engine, source, context);
    const actual = render(context);
    if (actual === undefined) {
      abandoned++;
      if (!(expected instanceof Error)) mismatches.push(`abandoned where LiquidJS gives ${JSON.stringify(expected)}`);
    } else {
      answered++;
      if (actual !== expected) mismatches.push(`${JSON.stringify(actual)} where LiquidJS gives ${expected instanceof Error ? `an error (${expected.message})` : JSON.stringify(expected)}`);
    }
  }
  return { mismatches: mismatches.slice(0, 3), answered, abandoned };
}

const CASES = generatedCases(150, 20260331);

describe("compiled templates match LiquidJS", () => {
  const defaults = Object.entries(DEFAULT_TEMPLATES).flatMap(([level, byLanguage]) =>
    Object.entries(byLanguage).flatMap(([language, template]) => PARTS.map((part) => ({ level, language, part, source: template[part] }))),
  );

  it("compiles every default template", () => {
    expect(defaults).toHaveLength(Object.keys(DEFAULT_TEMPLATES).length * 2 * 3);
    for (const { part, source } of defaults) expect(compileTemplate(templateEngine(part).parse(source), templateEngine(part))).toBeInstanceOf(Function);
  });

  it.each(defaults.map((d) => [`${d.level} ${d.language} ${d.part}`, d] as const))("default template %s", (_, { part, source }) => {
    const result = differences(source, part, CASES);
    expect(result.mismatches).toEqual([]);
    expect(result.answered).toBeGreaterThan(0);
  });

  it("leaves the holes of the default templates to LiquidJS", () => {
    // The sender without a name has no signature: every body that signs off has a hole.
    const result = differences(DEFAULT_TEMPLATES.first.en.text, "text", CASES);
    expect(result.abandoned).toBeGreaterThan(0);
    expect(result.answered).toBeGreaterThan(result.abandoned);
  });

  const HANDWRITTEN: string[] = [
    "",
    "Plain text, no tags: <b>&amp;</b>\n\n",
    "{{ customer_name }}|{{ level_name }}|{{ level_id }}|{{ today }}",
    "{{ invoice_count }} {{ overdue_count }} {{ oldest_days_overdue }}",
    "{{ contact_name }}",
    '{{ contact_name | default: "Sir or Madam" }}',
    "{{ contact_name | default: '' }}.",
    "{{ payment_link | default: company_name }}",
    "{{ payment_link | default: sender_email | default: 'none' }}",
    "{{ charges_total | default: 0 }} {{ charges_total | default }}",
    "{{ currency | default: 'no currency' }}",
    "A  {%- if contact_name -%}  B {{ contact_name }}  {%- endif -%}  C",
    "line\n  {{- customer_name -}}  \nnext\n{%- if invoice_count > 1 %}\nmany\n{%- else -%}\none\n{% endif -%}\nend",
    "{% if invoice_count > 1 %}many{% elsif invoice_count == 1 %}one{% else %}none{% endif %}",
    '{% if invoice_count >= "2" %}a{% endif %}{% if invoice_count < "10" %}b{% endif %}{% if oldest_days_overdue <= 30 %}c{% endif %}',
    '{% if overdue_count == "1" %}string equals number{% else %}no{% endif %}',
    "{% if overdue_count == 1 and contact_name %}one with contact{% endif %}{% if contact_name or payment_link %}either{% endif %}",
    "{% if contact_name and payment_link or charges_total %}right to left{% endif %}",
    '{% if "" %}an empty string is true{% endif %}{% if 0 %}and so is zero{% endif %}{% if false %}not false{% endif %}{% if nil %}nor nil{% endif %}',
    '{% if total < total_overdue %}lt{% endif %}{% if "10" < "9" %}text order{% endif %}{% if customer_name > "B" %}after B{% endif %}{% if currency >= 5 %}never{% endif %}',
    "{{ invoices.first.nope.deeper }}",
    "{% if invoices.first.nope.deeper %}x{% else %}lenient{% endif %}{% if contact_name.size > 3 %}long{% endif %}",
    "{% if not contact_name %}no contact{% endif %}{% if not invoice_count %}never{% endif %}",
    '{% if customer_name contains "&" %}amp{% endif %}{% if customer_name contains "Co" %}co{% endif %}{% if invoice_count contains 1 %}never{% endif %}',
    '{% if invoice_numbers contains "A-1" %}has A-1{% endif %}',
    "{% if total == total_overdue %}all overdue{% else %}some soon{% endif %}{% if total != total_overdue %} ({{ total }}){% endif %}",
    '{% if contact_name == empty %}empty{% endif %}{% if contact_name == nil %}nil{% endif %}{% if contact_name != blank %}not blank{% endif %}{% if invoices == empty %}no items{% endif %}',
    '{% if currency == "EUR" %}euro{% elsif currency == "" %}none{% elsif currency %}{{ currency }}{% endif %}',
    "{% if oldest_days_overdue < 30 %}young{% elsif oldest_days_overdue < 60 %}middle{% else %}old{% endif %}",
    "{% unless contact_name %}Dear customer{% else %}Dear {{ contact_name }}{% endunless %}",
    "{% unless invoice_count > 1 %}single{% elsif contact_name %}many, {{ contact_name }}{% else %}many{% endunless %}",
    "{% if invoice_count %}{% if contact_name %}{% if payment_details %}{{ payment_details }}{% else %}nothing{% endif %}{% endif %}{% endif %}",
    "{% if charges_total %}{{ charges_basis }}: {{ charges_total }}\n{{ charges_table }}\n{{ total_with_charges }}{% endif %}",
    "{{ charges_total }}",
    "{% if contact_name == charges_total %}same{% endif %}{% if unknown_name %}x{% endif %}",
    "{% for item in invoices %}{{ item.number }} {{ item.invoice_date }} {{ item.due_date }} {{ item.days_overdue }} {{ item.amount }} {{ item.open }}{% if forloop.last %}.{% else %}, {% endif %}{% endfor %}",
    "{% for item in invoices limit: 2 %}{{ forloop.index }}/{{ forloop.length }} {{ item.number }};{% endfor %}",
    "{% for item in invoices offset: 1 %}{{ forloop.index0 }}:{{ item.number }}{% endfor %}|{% for item in invoices reversed %}{{ forloop.rindex }}{{ item.number }}{% endfor %}",
    "{% for item in invoices limit: 0 %}x{% else %}empty{% endfor %}{% for item in invoices %}{% if forloop.first %}first{% endif %}{{ forloop.rindex0 }}{% endfor %}",
    "{% for a in invoices %}{% for b in invoices %}{{ a.number }}-{{ b.number }}{{ forloop.index }} {% endfor %}{% endfor %}",
    "{% for item in invoices %}{% if item.days_overdue == '1' %}one day{% endif %}{{ item.nope }}{% endfor %}",
    "{% for c in customer_name %}[{{ c }}]{% endfor %}{% for n in invoice_count %}never{% else %}not a list{% endfor %}",
    "{{ invoices.size }} {{ invoices.first.number }} {{ invoices[0].due_date }} {{ invoices.last.amount }} {{ invoices[-1].open }} {{ customer_name.size }} {{ invoices.first.size }}",
    '{{ "literal" }} {{ 3 }} {{ 2.50 }} {{ true }} {{ nil }} {{ false }} {{ "a".size }}',
    "{{ invoice_count == 1 }} {{ contact_name == nil }}",
    "{{ invoice_table }}\n{{ invoice_table_html }}",
    "{{ signature_html }} {{ payment_details_html }} {{ payment_instructions_html }}",
    "{% if invoice_table_html %}<div>{{ invoice_table_html }}</div>{% endif %}{% if signature_html == signature_html %}same{% endif %}",
    "{{ invoices }}",
    "{% comment %}not shown {{ nothing }}{% endcomment %}{% # an inline note %}{% raw %}{{ kept }} {% if %}{% endraw %}",
    "{{ due_dates }} / {{ invoice_numbers }} / {{ earliest_due_date }} / {{ total_overdue }}",
  ];

  it.each(PARTS.flatMap((part) => HANDWRITTEN.map((source) => [part, source] as const)))("%s: %j", (part, source) => {
    expect(differences(source, part, CASES).mismatches).toEqual([]);
  });

  it("escapes values in HTML and passes SafeHtml through", () => {
    const engine = templateEngine("html");
    const render = compileTemplate(engine.parse("{{ a }}|{{ b }}|{{ c }}|{{ d | default: '<x>' }}"), engine)!;
    expect(render({ a: `<&"'>`, b: new SafeHtml("<b>ok</b>"), c: 5, d: "" })).toBe("&lt;&amp;&quot;&#39;&gt;|<b>ok</b>|5|&lt;x&gt;");
  });

  it("gives every context every placeholder, and nothing else", () => {
    for (const { context } of CASES.slice(0, 10)) expect(Object.keys(context).sort()).toEqual(Object.keys(PLACEHOLDERS).sort());
  });

  it("reads a lazy value only when the template does", () => {
    const engine = templateEngine("text");
    let reads = 0;
    const context: Record<string, unknown> = { shown: "yes" };
    Object.defineProperty(context, "costly", { enumerable: true, get: () => ++reads });
    const render = compileTemplate(engine.parse("{% if shown == 'no' %}{{ costly }}{% endif %}{{ shown }}"), engine)!;
    expect(render(context)).toBe("yes");
    expect(reads).toBe(0);
  });

  it.each([
    "{{ customer_name | upcase }}",
    "{{ contact_name | default: 'x', allow_false: true }}",
    "{% assign x = 1 %}{{ x }}",
    "{% capture x %}a{% endcapture %}{{ x }}",
    "{% for i in (1..3) %}{{ i }}{% endfor %}",
    "{% for i in invoices limit: invoice_count %}{% endfor %}",
    "{% for i in invoices %}{% break %}{% endfor %}",
    "{% for i in invoices %}{{ forloop }}{% endfor %}",
    "{% case level_id %}{% when 'first' %}1{% endcase %}",
    "{{ [customer_name] }}",
    "{% if a b %}x{% endif %}",
    "{% echo customer_name %}",
    "{% increment n %}",
  ])("leaves %j to LiquidJS", (source) => {
    for (const part of PARTS) expect(compileTemplate(templateEngine(part).parse(source), templateEngine(part))).toBeUndefined();
  });

  it("leaves a value that throws to LiquidJS, which reports it", () => {
    const engine = templateEngine("text");
    const context: Record<string, unknown> = {};
    Object.defineProperty(context, "broken", { enumerable: true, get: () => new Date(NaN).toISOString() });
    const parsed = engine.parse("a {{ broken }}");
    expect(() => engine.renderSync(parsed, context)).toThrow();
    expect(compileTemplate(parsed, engine)!(context)).toBeUndefined();
  });

  it("leaves a loop that runs past LiquidJS's time limit to LiquidJS", () => {
    const engine = new Liquid({ strictVariables: true, renderLimit: -1 });
    const parsed = engine.parse("{% for i in list %}{{ i }}{% endfor %}");
    expect(() => engine.renderSync(parsed, { list: [1, 2] })).toThrow(/limit exceeded/);
    expect(compileTemplate(parsed, engine)!({ list: [1, 2] })).toBeUndefined();
  });

  it("leaves any render that ends past LiquidJS's time limit to LiquidJS, loop or not", () => {
    const engine = new Liquid({ strictVariables: true, renderLimit: -1 });
    const parsed = engine.parse("{{ a }}");
    expect(() => engine.renderSync(parsed, { a: "x" })).toThrow(/limit exceeded/);
    expect(compileTemplate(parsed, engine)!({ a: "x" })).toBeUndefined();
  });

  it("leaves a loop whose item is named forloop to LiquidJS, which fails on it", () => {
    const engine = templateEngine("text");
    const parsed = engine.parse("{% for forloop in invoices %}{{ forloop.number }}{% endfor %}");
    const context = { invoices: [{ number: "A" }, { number: "B" }] };
    expect(() => engine.renderSync(parsed, context)).toThrow();
    expect(compileTemplate(parsed, engine)).toBeUndefined();
  });

  it("is not made for engine options it does not mirror", () => {
    for (const options of [{ jsTruthy: true }, { ownPropertyOnly: false }, { keepOutputType: true }, { orderedFilterParameters: true }]) {
      const engine = new Liquid({ strictVariables: true, ...options });
      expect(compileTemplate(engine.parse("{{ a }}"), engine)).toBeUndefined();
    }
  });
});
