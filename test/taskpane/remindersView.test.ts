import { simpleParser } from "mailparser";
import { DEFAULT_TEMPLATES } from "../../src/core/reminders/defaultTemplates";
import { DEFAULT_LEVELS } from "../../src/core/reminders/levels";
import { selectDrafts } from "../../src/core/reminders/select";
import { draftReminders, renderReminder, type TemplateProblem } from "../../src/core/reminders/templates";
import {
  chaseForm,
  chaseFromForm,
  chargeSummary,
  checkEdited,
  customersUsing,
  draftList,
  draftSummary,
  editorLanguages,
  editorText,
  emlDownload,
  EXAMPLE_CUSTOMER,
  exampleDraft,
  levelFieldProblems,
  levelForms,
  levelsFromForms,
  levelsWithoutTemplate,
  mailtoFor,
  newLevelForm,
  numberFromText,
  moneyText,
  previewEdited,
  problemLines,
  reminderRef,
  senderForm,
  senderFromForm,
  senderProblems,
  setupFromDraft,
  skippedLines,
  templateFromText,
  type LevelForm,
} from "../../src/taskpane/remindersView";
import { AS_OF, invoice, SENDER } from "../core/reminders/fixtures";

const records = [
  invoice("A-1", "Acme", "2026-03-20", 12050, { contact: "Jo" }),
  invoice("B-1", "Bâtiments Dupont", "2026-03-25", 99000, { language: "fr", email: "compta@dupont.example" }),
  invoice("C-1", "Cobalt", "2026-03-01", 7000, { email: undefined }),
];
const selection = selectDrafts(records, { asOf: AS_OF });
const rendered = draftReminders(selection.drafts, DEFAULT_TEMPLATES, { sender: SENDER });
const acme = rendered.reminders.find((r) => r.draft.customer === "Acme")!;

describe("draft list", () => {
  it("shows customer, level, total and addressee", () => {
    expect(draftList(rendered.reminders).map(({ customer, level, total, to }) => ({ customer, level, total, to }))).toEqual([
      { customer: "Acme", level: "First reminder", total: "€120.50", to: "ap@example.com" },
      { customer: "Bâtiments Dupont", level: "First reminder", total: "€990.00", to: "compta@dupont.example" },
    ]);
    expect(moneyText(123456, "")).toBe("1,234.56");
    expect(moneyText(5000, "JPY")).toBe("¥5,000");
    expect(reminderRef(acme)).toEqual({ customer: "Acme", level: "first", invoices: ["A-1"] });
  });

  it("sums up the drafting in one sentence", () => {
    const text = draftSummary({ ...rendered, selection: { ...selection, skipped: [{ customer: "Delta", currency: "EUR", code: "already-sent", reason: "", invoices: [], totalMinor: 1 }] }, rowsSkipped: 1, sheet: "AR Reminders" });
    expect(text).toBe(
      '2 drafts, listed on the "AR Reminders" sheet. 1 needs a contact (no email): Cobalt. 1 reminder already sent: Delta. 1 row with errors left out: press Validate.',
    );
  });
});

describe("problems", () => {
  it("names the template, the part and the customers, and says which block saving", () => {
    const problems: TemplateProblem[] = [
      { kind: "unknown-placeholder", level: "first", language: "en", part: "subject", placeholder: "x", message: "{{ x }} is not a placeholder AR Desk knows.", customers: ["A", "B"] },
      { kind: "empty-placeholder", level: "final", language: "fr", part: "text", placeholder: "contact_name", message: "{{ contact_name }} would be empty.", customers: Array.from({ length: 12 }, (_, i) => `C${i + 1}`) },
    ];
    expect(problemLines(problems, DEFAULT_LEVELS)).toEqual([
      { message: "{{ x }} is not a placeholder AR Desk knows.", where: "First reminder (en), subject", customers: "A, B", blocking: true },
      { message: "{{ contact_name }} would be empty.", where: "Final notice (fr), text body", customers: "C1, C2, C3, C4, C5, C6, C7, C8, C9, C10 and 2 more", blocking: false },
    ]);
  });
});

describe(".eml and mailto", () => {
  it("downloads an .eml named after the customer and level that parses with both parts", async () => {
    const { fileName, content } = emlDownload(rendered.reminders[1], { ...SENDER, cc: ["team@northwind.example"] });
    expect(fileName).toBe("Batiments-Dupont-EUR-first.eml");
    const parsed = await simpleParser(content);
    expect(parsed.headers.get("x-unsent")).toBe("1");
    expect(parsed.subject).toBe("Rappel de paiement – Bâtiments Dupont – 990,00 € en retard");
    expect(parsed.text).toContain("B-1");
    expect(parsed.html).toContain("<table");
    expect((parsed.cc as { text: string }).text).toBe("team@northwind.example");
  });

  it("offers a mailto: link when it fits, and says why not when it does not", () => {
    const link = mailtoFor(acme, SENDER);
    expect("href" in link && decodeURIComponent(link.href)).toContain("subject=Payment reminder – Acme – €120.50 overdue");
    const long = { ...acme, text: "x".repeat(2500) };
    expect(mailtoFor(long, SENDER)).toEqual({ reason: "Too long for a mail link (over 2,000 characters): download the .eml instead." });
  });
});

describe("template editor", () => {
  it("turns the editor's text into the same HTML the defaults have", () => {
    for (const byLanguage of Object.values(DEFAULT_TEMPLATES)) {
      for (const template of Object.values(byLanguage)) expect(templateFromText(template.subject, template.text)).toEqual(template);
    }
    expect(templateFromText("S", "One\r\n\r\n\r\nTwo\nlines").html).toBe("<p>One</p>\n<p>Two<br>\nlines</p>");
  });

  it("starts from the saved template, else the default, and offers the known languages", () => {
    const mine = { subject: "Ours", text: "Pay", html: "<p>Pay</p>" };
    const templates = { ...DEFAULT_TEMPLATES, first: { ...DEFAULT_TEMPLATES.first, de: mine } };
    expect(editorText(templates, { first: { de: mine } }, "first", "de")).toEqual({ subject: "Ours", text: "Pay", custom: true });
    expect(editorText(templates, {}, "second", "fr")).toEqual({ subject: DEFAULT_TEMPLATES.second.fr.subject, text: DEFAULT_TEMPLATES.second.fr.text, custom: false });
    expect(editorText(templates, {}, "second", "es").subject).toBe(DEFAULT_TEMPLATES.second.en.subject);
    expect(editorLanguages(templates)).toEqual(["de", "en", "fr"]);
  });

  it("previews the edited template on a real customer, at the edited level and language", () => {
    const edited = templateFromText("Relance {{ level_name }} – {{ customer_name }}", "Montant : {{ total }}\n\n{{ signature }}");
    const preview = previewEdited(acme.draft, edited, { templates: DEFAULT_TEMPLATES, levels: DEFAULT_LEVELS, sender: SENDER, level: "second", language: "fr" });
    expect(preview.subject).toBe("Relance Second reminder – Acme");
    expect(preview.text).toBe("Montant : 120,50\u00a0€\n\nSam Lee\nNorthwind Ltd\n");
    expect(preview.problems).toEqual([]);
  });

  it("refuses an unknown placeholder and lists the customers who would get the template", () => {
    const drafts = [...rendered.reminders, ...rendered.held].map((r) => r.draft);
    const edited = templateFromText("Reminder {{ customer_nam }}", "Dear {{ contact_name }},\n\n{{ signature }}");
    const problems = checkEdited(edited, { templates: DEFAULT_TEMPLATES, drafts, sender: SENDER, level: "first", language: "en" });
    const lines = problemLines(problems, DEFAULT_LEVELS);
    expect(lines).toContainEqual({ message: "{{ customer_nam }} is not a placeholder AR Desk knows.", where: "First reminder (en), subject", customers: "Acme", blocking: true });
    // Bâtiments Dupont reads French, so the English template is not theirs.
    expect(customersUsing(drafts, DEFAULT_TEMPLATES, "first", "en").map((d) => d.customer)).toEqual(["Acme"]);
    // contact_name without a default is a hole only for customers without a contact: none here.
    expect(lines.filter((l) => !l.blocking)).toEqual([]);
  });

  it("lists a customer whose contact would be empty, without blocking the save", () => {
    const drafts = rendered.reminders.map((r) => r.draft);
    const edited = templateFromText("Bonjour", "Bonjour {{ contact_name }}\n\n{{ signature }}");
    const lines = problemLines(checkEdited(edited, { templates: DEFAULT_TEMPLATES, drafts, sender: SENDER, level: "first", language: "fr" }), DEFAULT_LEVELS);
    expect(lines).toEqual([{ message: "{{ contact_name }} would be empty.", where: "First reminder (fr), text and HTML bodies", customers: "Bâtiments Dupont", blocking: false }]);
  });

  it("checks the template on its own when no customer is at that level", () => {
    const edited = templateFromText("", "Hi {{ nope }}");
    const lines = problemLines(checkEdited(edited, { templates: DEFAULT_TEMPLATES, drafts: [], sender: SENDER, level: "final", language: "en" }), DEFAULT_LEVELS);
    expect(lines.map((l) => [l.message, l.where, l.customers, l.blocking])).toEqual([
      ["{{ nope }} is not a placeholder AR Desk knows.", "Final notice (en), text and HTML bodies", "", true],
      ["The final template (en) has no subject.", "Final notice (en), subject", "", true],
    ]);
  });
});

describe("template preview without a customer due", () => {
  it("uses a made-up customer named as an example, as late as the level starts, in the workbook's own currency", () => {
    const second = DEFAULT_LEVELS.find((l) => l.id === "second")!;
    const example = exampleDraft(second, AS_OF);
    expect(example.customer).toBe(EXAMPLE_CUSTOMER);
    expect(EXAMPLE_CUSTOMER).toBe("Example customer");
    expect(example.items.map((i) => [i.invoice, i.daysOverdue, AS_OF - i.dueDate])).toEqual([
      ["EX-1001", 15, 15],
      ["EX-1002", 8, 8],
    ]);
    expect([example.totalMinor, example.overdueMinor, example.oldestDaysOverdue, example.currency]).toEqual([173_050, 173_050, 15, ""]);
    expect(example.to).toEqual(["accounts@example.com"]);
    // A courtesy level comes before the due date: one invoice, not yet due, nothing overdue.
    const courtesy = exampleDraft(DEFAULT_LEVELS[0], AS_OF);
    expect(courtesy.items.map((i) => i.daysOverdue)).toEqual([-3]);
    expect(courtesy.overdueMinor).toBe(0);
  });

  it("renders the edited template on the example with no hole, saying its name", () => {
    const edited = templateFromText("Reminder – {{ customer_name }} – {{ total_overdue }}", "Dear {{ contact_name }},\n\n{{ invoice_table }}\n\n{{ signature }}");
    const preview = previewEdited(exampleDraft(DEFAULT_LEVELS[1], AS_OF), edited, { templates: DEFAULT_TEMPLATES, levels: DEFAULT_LEVELS, sender: SENDER, level: "first", language: "en" });
    expect(preview.subject).toBe("Reminder – Example customer – 1,730.50");
    expect(preview.text).toContain("Dear Alex Example,");
    expect(preview.text).toContain("EX-1002");
    expect(preview.problems).toEqual([]);
  });

  it("after a drafting, previews on its drafts, those held back too", () => {
    const held = draftReminders(selection.drafts, DEFAULT_TEMPLATES, { sender: {} });
    const result = { ...held, asOf: AS_OF, source: { table: "Invoices", sheet: "Ledger" }, sender: {}, templates: DEFAULT_TEMPLATES, savedTemplates: {}, levels: DEFAULT_LEVELS, levelsSaved: false, chase: { onHold: [] }, selection, rows: [], sheet: "AR Reminders", rowsSkipped: 0, warnings: [] };
    const setup = setupFromDraft(result);
    expect(held.reminders).toEqual([]);
    expect(setup.drafts.map((d) => d.customer)).toEqual(["Acme", "Bâtiments Dupont"]);
    expect([setup.asOf, setup.levels, setup.levelsSaved]).toEqual([AS_OF, DEFAULT_LEVELS, false]);
  });
});

describe("sender form", () => {
  it("round-trips the saved sender and reads cc addresses", () => {
    const form = senderForm({ ...SENDER, cc: ["a@b.example", "c@d.example"] });
    expect(form.cc).toBe("a@b.example; c@d.example");
    expect(senderFromForm({ ...form, cc: "x@y.example, z@w.example" }).cc).toEqual(["x@y.example", "z@w.example"]);
    expect(senderProblems(form)).toEqual({});
  });

  it("says what is wrong, field by field", () => {
    const form = { ...senderForm({}), email: "sam at northwind", cc: "ok@x.example; nope", paymentLink: "pay.example" };
    expect(senderProblems(form)).toEqual({
      name: "Enter your name (or a signature): every reminder is signed.",
      email: '"sam at northwind" is not an email address, e.g. ar@yourcompany.com.',
      cc: "Not an email address: nope. Separate addresses with ;",
      paymentLink: "A payment link starts with https:// and has no spaces.",
    });
  });

  it("a saved sender fills the signature hole the drafts were held back for", () => {
    const unsigned = renderReminder(acme.draft, DEFAULT_TEMPLATES, { sender: {} });
    expect(unsigned.problems.map((p) => p.placeholder)).toContain("signature");
    const signed = renderReminder(acme.draft, DEFAULT_TEMPLATES, { sender: senderFromForm({ ...senderForm({}), name: "Sam Lee" }) });
    expect(signed.problems).toEqual([]);
    expect(signed.text).toContain("Kind regards,\nSam Lee\n");
  });
});

describe("levels editor", () => {
  const forms = () => levelForms(DEFAULT_LEVELS);
  const edit = (all: LevelForm[], id: string, change: Partial<LevelForm>) => all.map((f) => (f.id === id ? { ...f, ...change } : f));

  it("shows the saved levels as text and reads them back unchanged", () => {
    const shown = forms();
    expect(shown.map((f) => [f.name, f.days, f.email, f.charges])).toEqual([
      ["Courtesy reminder", "-3", true, "none"],
      ["First reminder", "1", true, "none"],
      ["Second reminder", "15", true, "none"],
      ["Third reminder", "30", true, "none"],
      ["Final notice", "60", true, "none"],
      ["Hand-over to collections", "90", false, "none"],
    ]);
    expect(levelsFromForms(shown)).toEqual({ levels: [...DEFAULT_LEVELS], problems: [] });
  });

  it("reads numbers as people type them", () => {
    expect(["25", "12,5", " 4.25 % ", "-3", "", "abc", "1.2.3"].map(numberFromText)).toEqual([25, 12.5, 4.25, -3, undefined, null, null]);
  });

  it("turns a late fee in currency units and interest in percent into the level's charges, and back", () => {
    const edited = edit(forms(), "second", { days: "10", charges: "contract", lateFee: "25", interest: "8" });
    const { levels, problems } = levelsFromForms(edited);
    expect(problems).toEqual([]);
    expect(levels!.find((l) => l.id === "second")).toEqual({ id: "second", name: "Second reminder", days: 10, email: true, charges: { lateFee: 25, annualRate: 0.08 } });
    expect(levelForms(levels!).find((f) => f.id === "second")).toMatchObject({ charges: "contract", lateFee: "25", interest: "8" });
    expect(chargeSummary(edited[2])).toBe("A late fee of 25 per overdue invoice (in the invoice's currency) and interest at 8% a year.");
  });

  it("states the statutory rate and fixed compensation, UK and EU, from the editable reference rate", () => {
    const uk = { ...forms()[4], charges: "uk" as const, referenceRate: "4.25" };
    expect(chargeSummary(uk)).toBe(
      "Statutory interest at 12.25% a year (base rate 4.25% + 8 points), plus fixed compensation per invoice: £40 under £1,000, £70 under £10,000, £100 from £10,000 (GBP invoices only).",
    );
    const eu = { ...uk, charges: "eu" as const, referenceRate: "2,15" };
    expect(chargeSummary(eu)).toBe("Statutory interest at 10.15% a year (reference rate 2.15% + 8 points), plus €40 fixed compensation per invoice (EUR invoices only).");
    expect(levelsFromForms([eu]).levels).toEqual([{ id: "final", name: "Final notice", days: 60, email: true, charges: { statutory: { regime: "eu", referenceRate: 0.0215 } } }]);
    expect(chargeSummary(forms()[5])).toBe("An internal task on the worklist: no email, no charges.");
  });

  it("says what is wrong with a row, field by field", () => {
    const bad: LevelForm = { ...forms()[1], name: " ", days: "1.5", charges: "contract", lateFee: "ten", interest: "" };
    expect(levelFieldProblems(bad)).toEqual({
      name: "Give the level a name, e.g. Second reminder.",
      days: "Type a whole number of days past due (negative for before the due date), e.g. 15 or -3.",
      lateFee: "Type the late fee per invoice as an amount, e.g. 25 (in each invoice's currency).",
    });
    expect(levelFieldProblems({ ...forms()[1], charges: "contract" }).lateFee).toBe("Type a late fee, an interest rate or both, or choose No charges.");
    expect(levelFieldProblems({ ...forms()[1], charges: "uk" }).referenceRate).toBe("Type the Bank of England base rate in percent, e.g. 4.25.");
    expect(levelFieldProblems({ ...forms()[1], days: "-400" }).days).toBe("Days must be between -365 (before the due date) and 3650.");
    expect(levelFieldProblems({ ...forms()[0], email: false }).days).toBe("An internal task comes after the due date: use 1 day or more, or make it an email.");
    expect(chargeSummary({ ...forms()[1], charges: "uk", referenceRate: "x" })).toBe("");
  });

  it("checks the whole sequence live: one level per day, at least one level", () => {
    const same = edit(forms(), "second", { days: "1" });
    expect(levelsFromForms(same)).toEqual({ levels: null, problems: ["Two levels start at 1 days: each level needs its own day."] });
    expect(levelsFromForms([]).problems).toEqual(["There are no dunning levels: add at least one."]);
    const named = levelsFromForms([{ ...forms()[1], name: "" }]);
    expect(named.problems).toEqual(["Level 1: Give the level a name, e.g. Second reminder."]);
  });

  it("adds a level after the last one with an id of its own, and says it has no template yet", () => {
    const added = newLevelForm(forms());
    expect(added).toMatchObject({ id: "level-7", name: "New level", days: "105", email: true, charges: "none" });
    expect(newLevelForm([...forms(), added]).id).toBe("level-8");
    const { levels } = levelsFromForms([...forms(), added]);
    expect(levels).toHaveLength(7);
    expect(levelsWithoutTemplate(levels!, DEFAULT_TEMPLATES).map((l) => l.name)).toEqual(["New level"]);
  });
});

describe("minimum and customers on hold", () => {
  it("round-trips the saved minimum and hold list, names one per line or separated by ;", () => {
    expect(chaseForm({ minimumAmount: 50, onHold: ["Acme", "Smith, Jones & Co"] })).toEqual({ minimumAmount: "50", onHold: "Acme\nSmith, Jones & Co" });
    expect(chaseFromForm({ minimumAmount: "12,50", onHold: "Acme\n\n Smith, Jones & Co ; Beta" })).toEqual({ minimumAmount: 12.5, onHold: ["Acme", "Smith, Jones & Co", "Beta"] });
    expect(chaseFromForm({ minimumAmount: "", onHold: "" })).toEqual({ minimumAmount: null, onHold: [] });
    expect(chaseFromForm({ minimumAmount: "fifty", onHold: "" })).toEqual({ problem: '"fifty" is not an amount: type the minimum total to chase, e.g. 50, or leave it empty to chase every total.' });
  });

  it("lists the customers not chased with the reason, and the summary points to them", () => {
    const held = selectDrafts(records, { asOf: AS_OF, onHold: new Set(["acme"]), minimumMinor: (currency) => (currency === "EUR" ? 100_000 : undefined) });
    expect(skippedLines(held)).toEqual([
      { customer: "Acme", level: "First reminder", total: "€120.50", reason: "The customer is on hold." },
      { customer: "Bâtiments Dupont", level: "First reminder", total: "€990.00", reason: "The total is below the minimum amount to chase." },
      { customer: "Cobalt", level: "Third reminder", total: "€70.00", reason: "The total is below the minimum amount to chase." },
    ]);
    expect(draftSummary({ reminders: [], held: [], selection: held, rowsSkipped: 0, sheet: "AR Reminders" })).toBe(
      '0 drafts, listed on the "AR Reminders" sheet. 3 customers not chased (disputed, promised, on hold or below the minimum), listed below with the reason.',
    );
  });
});
