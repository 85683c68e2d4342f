import { ArDeskError } from "../../src/core/errors";
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { DEFAULT_TEMPLATES } from "../../src/core/reminders/defaultTemplates";
import { DEFAULT_LEVELS } from "../../src/core/reminders/levels";
import { REMINDER_COLUMNS, REMINDERS_TABLE, rowsFromTable } from "../../src/workbook/plans/remindersPlan";
import { draftReminders, loadReminderSettings, markSent, mergeTemplates, reminderEml, saveReminderSettings } from "../../src/workbook/reminders";
import { parseSettings } from "../../src/workbook/settings";
import type { WorkbookPort } from "../../src/workbook/port";
import { MemoryPort, tableOf } from "../support/memoryPort";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const AS_OF = dayFromIso("2026-03-31")!;
const SENDER = { company: "Northwind Ltd", name: "Sam Lee", email: "ar@northwind.example" };

function ledger(): MemoryPort {
  return new MemoryPort([
    tableOf(
      ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Email", "Contact"],
      [
        ["A-1", "Acme", d("2026-02-01"), d("2026-03-20"), 100.5, "ap@acme.example", "Jo"],
        ["A-2", "Acme", d("2026-02-10"), d("2026-03-25"), 20, "ap@acme.example", "Jo"],
        ["B-1", "Beta", d("2026-01-01"), d("2026-02-10"), 50, "ar@beta.example", ""],
        ["C-1", "Cobalt", d("2026-01-01"), d("2026-01-20"), 70, "", ""],
      ],
    ),
  ]);
}

const sheetRows = async (port: MemoryPort) => {
  const table = await port.readGeneratedTable(REMINDERS_TABLE);
  return rowsFromTable(table!.rows, table!.headers);
};

describe("draftReminders (workbook)", () => {
  it("drafts per customer from the saved sender and writes the AR Reminders sheet", async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER });
    const result = await draftReminders(port, { asOf: AS_OF, now: new Date(Date.UTC(2026, 2, 31, 9)) });
    expect(result.reminders.map((r) => [r.draft.customer, r.draft.level.id, r.draft.totalMinor])).toEqual([
      ["Acme", "first", 12050],
      ["Beta", "third", 5000],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.selection.needsContact.map((x) => x.customer)).toEqual(["Cobalt"]);
    expect(result.sheet).toBe("AR Reminders");
    const rows = await sheetRows(port);
    expect(rows.map((r) => [r.customer, r.status, r.level])).toEqual([
      ["Acme", "Draft", "First reminder"],
      ["Beta", "Draft", "Third reminder"],
      ["Cobalt", "Skipped", "Final notice"],
    ]);
    expect(rows[0].body).toContain("Sam Lee");
    expect(port.plans.get("AR Reminders")!.blocks.find((b) => b.at === "B3")!.values).toEqual([["2026-03-31 09:00 UTC"]]);
  });

  it("holds back every draft a template would leave a hole in, listing the customers affected", async () => {
    const port = ledger();
    // No sender saved: the signature would be empty for everyone.
    const result = await draftReminders(port, { asOf: AS_OF });
    expect(result.reminders).toEqual([]);
    const signature = result.problems.filter((p) => p.placeholder === "signature" && p.part === "text");
    expect(signature.map((p) => [p.kind, p.level, p.customers])).toEqual([
      ["empty-placeholder", "first", ["Acme"]],
      ["empty-placeholder", "third", ["Beta"]],
    ]);
    expect((await sheetRows(port)).filter((r) => r.status === "Draft")).toEqual([]);
  });

  it("lays given sender details and templates over the saved ones, level by level and language by language", async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER });
    const mine = { subject: "Mine {{ customer_name }}", text: "Hello {{ customer_name }}\n{{ signature }}", html: "<p>Hello {{ customer_name }}</p>" };
    const result = await draftReminders(port, { asOf: AS_OF, sender: { name: "Alex Kim" }, templates: { first: { en: mine } } });
    const acme = result.reminders.find((r) => r.draft.customer === "Acme")!;
    expect(acme.subject).toBe("Mine Acme");
    expect(acme.text).toBe("Hello Acme\nAlex Kim\nNorthwind Ltd\n");
    expect(result.templates.first.fr).toBe(DEFAULT_TEMPLATES.first.fr);
    expect(mergeTemplates(DEFAULT_TEMPLATES, { first: { en: mine } }).second).toEqual(DEFAULT_TEMPLATES.second);
  });

  it("writes under another name when a user's sheet is called AR Reminders, and marks sent there", async () => {
    const port = ledger();
    port.userSheets.add("AR Reminders");
    await saveReminderSettings(port, { sender: SENDER });
    const result = await draftReminders(port, { asOf: AS_OF });
    expect(result.sheet).not.toBe("AR Reminders");
    expect(result.warnings.join(" ")).toContain(`AR Desk wrote "${result.sheet}" instead`);
    const acme = result.reminders[0].draft;
    const marked = await markSent(port, [{ customer: acme.customer, level: acme.level.id, invoices: acme.items.map((i) => i.invoice) }], { by: "Sam", on: AS_OF, asOf: AS_OF });
    expect(marked.sheet).toBe(result.sheet);
    expect(port.plans.has("AR Reminders")).toBe(false);
  });

  it("builds an .eml a mail program opens as a draft", async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: { ...SENDER, cc: ["team@northwind.example"] } });
    const { reminders, sender } = await draftReminders(port, { asOf: AS_OF });
    const eml = reminderEml(reminders[0], sender);
    expect(eml).toMatch(/^From: "Sam Lee" <ar@northwind\.example>\r\nTo: ap@acme\.example\r\nCc: team@northwind\.example\r\n/);
    expect(eml).toContain("\r\nX-Unsent: 1\r\n");
    expect(eml).toContain("Date: Tue, 31 Mar 2026 12:00:00 +0000");
  });
});

describe("markSent", () => {
  const drafted = async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER });
    const result = await draftReminders(port, { asOf: AS_OF });
    const acme = result.reminders.find((r) => r.draft.customer === "Acme")!.draft;
    return { port, ref: { customer: "Acme", level: acme.level.id, invoices: acme.items.map((i) => i.invoice) } };
  };

  it("records Sent, the date and who, and the level is not drafted again for those invoices", async () => {
    const { port, ref } = await drafted();
    const on = dayFromIso("2026-04-01")!;
    await markSent(port, [ref], { by: " Sam Lee ", on, asOf: AS_OF });
    const acme = (await sheetRows(port)).find((r) => r.customer === "Acme")!;
    expect([acme.status, acme.sentDate, acme.sentBy]).toEqual(["Sent", excelSerialFromDay(on), "Sam Lee"]);

    const again = await draftReminders(port, { asOf: AS_OF });
    expect(again.reminders.map((r) => r.draft.customer)).toEqual(["Beta"]);
    expect(again.selection.skipped.find((s) => s.customer === "Acme")?.code).toBe("already-sent");
    const rows = await sheetRows(port);
    expect(rows.filter((r) => r.customer === "Acme").map((r) => [r.status, r.sentBy])).toEqual([["Sent", "Sam Lee"]]);
  });

  it("writes nothing when a reminder named is not in the sheet, and says which", async () => {
    const { port, ref } = await drafted();
    const before = JSON.stringify(port.plans.get("AR Reminders"));
    const error = await markSent(port, [ref, { customer: "Nobody", level: "first", invoices: ["Z-9"] }], { by: "Sam", on: AS_OF, asOf: AS_OF }).catch((e) => e);
    expect(error).toBeInstanceOf(ArDeskError);
    expect(error.message).toBe('The "AR Reminders" sheet has no draft for Nobody (First reminder).');
    expect(JSON.stringify(port.plans.get("AR Reminders"))).toBe(before);
  });

  it("needs a name and a drafted sheet", async () => {
    const { port, ref } = await drafted();
    await expect(markSent(port, [ref], { by: "  ", on: AS_OF, asOf: AS_OF })).rejects.toThrow("Say who sent the reminder.");
    await expect(markSent(ledger(), [ref], { by: "Sam", on: AS_OF, asOf: AS_OF })).rejects.toThrow("This workbook has no AR Reminders sheet yet.");
  });

  it("finds the columns by header when the user inserted one", () => {
    const headers = ["Customer", "My notes", ...REMINDER_COLUMNS.slice(1)];
    const row = ["Acme", "called Monday", "ap@acme.example", "", "First reminder", "S", "B", 120.5, "EUR", "A-1, A-2", "Sent", 46113, "Sam", ""];
    expect(rowsFromTable([row], headers)[0]).toMatchObject({ customer: "Acme", to: "ap@acme.example", total: 120.5, invoices: "A-1, A-2", status: "Sent", sentDate: 46113, sentBy: "Sam" });
  });
});

describe("saveReminderSettings", () => {
  it("saves the sender without touching a co-author's other settings", async () => {
    const port = ledger();
    port.settings = JSON.stringify({ mappings: { invoices: { customer: "Customer" } }, basis: "invoice" });
    await saveReminderSettings(port, { sender: { company: " Northwind ", name: "Sam", email: "", cc: ["a@b.example", " "] } });
    const { settings, warnings } = parseSettings(port.settings);
    expect(warnings).toEqual([]);
    expect(settings.sender).toEqual({ company: "Northwind", name: "Sam", cc: ["a@b.example"] });
    expect(settings.basis).toBe("invoice");
    expect(settings.mappings).toEqual({ invoices: { customer: "Customer" } });
  });

  it("refuses a template with an unknown placeholder, a syntax error or no subject, and saves nothing", async () => {
    const port = ledger();
    port.settings = JSON.stringify({ mappings: {} });
    const good = DEFAULT_TEMPLATES.first.en;
    await expect(saveReminderSettings(port, { template: { level: "first", language: "en", template: { ...good, subject: "Hi {{ customer_nam }}" } } })).rejects.toThrow(
      "{{ customer_nam }} is not a placeholder AR Desk knows.",
    );
    await expect(saveReminderSettings(port, { template: { level: "first", language: "en", template: { ...good, text: "{% if %}" } } })).rejects.toThrow("cannot be read");
    await expect(saveReminderSettings(port, { template: { level: "first", language: "en", template: { ...good, subject: "  " } } })).rejects.toThrow("has no subject");
    await expect(saveReminderSettings(port, { template: { level: "tenth", language: "en", template: good } })).rejects.toThrow('There is no dunning level "tenth".');
    expect(port.settings).toBe(JSON.stringify({ mappings: {} }));
  });

  it("saves a template per level and language, and resetting goes back to the default", async () => {
    const port = ledger();
    const mine = { subject: "Ours {{ customer_name }}", text: "Pay please.\n{{ signature }}", html: "<p>Pay please.</p>" };
    await saveReminderSettings(port, { sender: SENDER });
    await saveReminderSettings(port, { template: { level: "first", language: "fr", template: mine } });
    expect(parseSettings(port.settings).settings.templates).toEqual({ first: { fr: mine } });
    const result = await draftReminders(port, { asOf: AS_OF });
    expect(result.savedTemplates).toEqual({ first: { fr: mine } });
    expect(result.templates.first.fr).toEqual(mine);
    expect(result.templates.first.en).toBe(DEFAULT_TEMPLATES.first.en);

    await saveReminderSettings(port, { template: { level: "first", language: "fr", template: null } });
    const after = parseSettings(port.settings).settings;
    expect(after.templates).toEqual({});
    expect(after.sender).toEqual(SENDER);
  });

  it("refuses what would not read back, e.g. a signature over the saved limit", async () => {
    const port = ledger();
    await expect(saveReminderSettings(port, { sender: { ...SENDER, signature: "x".repeat(5001) } })).rejects.toThrow("Not saved:");
    expect(port.settings).toBeNull();
  });
});

/** Two currencies, so a minimum in currency units meets both two-decimal and zero-decimal money. */
function ledgerInCurrencies(): MemoryPort {
  return new MemoryPort([
    tableOf(
      ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount", "Currency", "Email"],
      [
        ["A-1", "Acme", d("2026-02-01"), d("2026-03-20"), 100.5, "GBP", "ap@acme.example"],
        ["A-2", "Acme", d("2026-02-10"), d("2026-03-25"), 20, "GBP", "ap@acme.example"],
        ["B-1", "Beta", d("2026-01-01"), d("2026-02-10"), 50, "GBP", "ar@beta.example"],
        ["K-1", "Kanda", d("2026-01-01"), d("2026-03-01"), 80, "JPY", "ar@kanda.example"],
        ["T-1", "Tokai", d("2026-01-01"), d("2026-03-01"), 5000, "JPY", "ar@tokai.example"],
      ],
    ),
  ]);
}

const LEVELS = [
  { id: "first", name: "First reminder", days: 1, email: true },
  { id: "second", name: "Second reminder", days: 10, email: true },
  { id: "final", name: "Final notice", days: 40, email: true },
];

describe("levels, minimum and hold saved in the workbook", () => {
  it("drafts with the saved levels: a level moved earlier catches customers sooner", async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER, levels: LEVELS });
    const result = await draftReminders(port, { asOf: AS_OF });
    expect(result.levelsSaved).toBe(true);
    // Acme's oldest item is 11 days past due (first reminder by default), Beta's 49 (third).
    expect(result.reminders.map((r) => [r.draft.customer, r.draft.level.id])).toEqual([
      ["Acme", "second"],
      ["Beta", "final"],
    ]);
    await saveReminderSettings(port, { levels: null });
    const reset = await draftReminders(port, { asOf: AS_OF });
    expect(reset.levelsSaved).toBe(false);
    expect(reset.reminders.map((r) => r.draft.level.id)).toEqual(["first", "third"]);
    expect(parseSettings(port.settings).settings.sender).toEqual(SENDER);
  });

  it("puts a saved statutory level's interest and compensation into the email", async () => {
    const port = ledgerInCurrencies();
    const statutory = { ...LEVELS[1], charges: { statutory: { regime: "uk" as const, referenceRate: 0.0425 } } };
    await saveReminderSettings(port, { sender: SENDER, levels: [LEVELS[0], statutory, LEVELS[2]] });
    const result = await draftReminders(port, { asOf: AS_OF });
    const acme = result.reminders.find((r) => r.draft.customer === "Acme")!;
    // £100.50 × 12.25 % × 11 / 365 = £0.37 + £40; A-2: £20 × 12.25 % × 6 / 365 = £0.04 + £40.
    expect(acme.charges?.totalMinor).toBe(37 + 4 + 8000);
    expect(acme.text).toContain("12.25%");
    expect(acme.text).toContain("£80.41");
    expect(acme.html).toContain("£80.41");
  });

  it("charges a late fee typed in currency units in each currency's own minor units", async () => {
    const port = ledgerInCurrencies();
    await saveReminderSettings(port, { sender: SENDER, levels: [{ ...LEVELS[0], charges: { lateFee: 25 } }] });
    const result = await draftReminders(port, { asOf: AS_OF });
    const fees = Object.fromEntries(result.reminders.map((r) => [r.draft.customer, r.charges?.feesMinor]));
    expect(fees).toEqual({ Acme: 5000, Beta: 2500, Kanda: 25, Tokai: 25 });
  });

  it("skips totals below the minimum, counted in each currency's units (yen have no decimals), saying the amounts", async () => {
    const port = ledgerInCurrencies();
    await saveReminderSettings(port, { sender: SENDER, minimumAmount: 100 });
    const result = await draftReminders(port, { asOf: AS_OF });
    expect(result.chase).toEqual({ minimumAmount: 100, onHold: [] });
    expect(result.reminders.map((r) => r.draft.customer)).toEqual(["Acme", "Tokai"]);
    expect(result.selection.skipped.map((s) => [s.customer, s.code, s.reason])).toEqual([
      ["Beta", "below-minimum", "The total £50.00 is below the minimum to chase, £100.00."],
      ["Kanda", "below-minimum", "The total ¥80 is below the minimum to chase, ¥100."],
    ]);
    const rows = await sheetRows(port);
    expect(rows.find((r) => r.customer === "Kanda")).toMatchObject({ status: "Skipped", note: "The total ¥80 is below the minimum to chase, ¥100." });
  });

  it("skips the customers on the saved hold list, whatever their spelling's case", async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER, onHold: [" acme ", "ACME", ""] });
    expect(parseSettings(port.settings).settings.onHold).toEqual(["ACME"]);
    const result = await draftReminders(port, { asOf: AS_OF });
    expect(result.reminders.map((r) => r.draft.customer)).toEqual(["Beta"]);
    expect(result.selection.skipped.map((s) => [s.customer, s.code, s.reason])).toEqual([["Acme", "on-hold", "On hold: the customer is on the hold list in the Reminders tab."]]);
    await saveReminderSettings(port, { onHold: [], minimumAmount: null });
    const after = parseSettings(port.settings).settings;
    expect([after.onHold, after.minimumAmount]).toEqual([undefined, undefined]);
    expect((await draftReminders(port, { asOf: AS_OF })).reminders.map((r) => r.draft.customer)).toEqual(["Acme", "Beta"]);
  });

  it("skips the customers an On hold column of the customers table holds, quoting a note written there", async () => {
    const port = new MemoryPort([
      tableOf(
        ["Invoice #", "Customer", "Invoice Date", "Due Date", "Amount"],
        [
          ["A-1", "Acme", d("2026-02-01"), d("2026-03-20"), 100.5],
          ["B-1", "Beta", d("2026-01-01"), d("2026-02-10"), 50],
          ["C-1", "Cobalt", d("2026-01-01"), d("2026-01-20"), 70],
        ],
      ),
      tableOf(
        ["Client", "E-mail", "Bloqué"],
        [
          ["ACME Corp.", "ap@acme.example", "x"],
          ["Beta", "ar@beta.example", "non"],
          ["Cobalt", "ar@cobalt.example", "Hold until June"],
        ],
        "Customers",
        "People",
      ),
    ]);
    await saveReminderSettings(port, { sender: SENDER });
    const result = await draftReminders(port, { asOf: AS_OF });
    expect(result.reminders.map((r) => [r.draft.customer, r.draft.to])).toEqual([["Beta", ["ar@beta.example"]]]);
    expect(result.selection.skipped.map((s) => [s.customer, s.code, s.reason])).toEqual([
      ["Acme", "on-hold", "On hold in the customers table."],
      ["Cobalt", "on-hold", 'On hold in the customers table ("Hold until June").'],
    ]);
  });

  it("falls back to the defaults with a warning when the saved levels, minimum or hold list are damaged", async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER });
    const saved = JSON.parse(port.settings!);
    port.settings = JSON.stringify({ ...saved, levels: [{ ...LEVELS[0], charges: { lateFee: -5 } }], minimumAmount: "lots", onHold: "Acme" });
    const result = await draftReminders(port, { asOf: AS_OF });
    expect(result.warnings).toEqual([
      "The saved dunning levels are not valid; the default levels are used.",
      "The saved minimum amount to chase is not a number of 0 or more; every total is chased.",
      "The saved list of customers on hold is not a list of names; only the customers table's On hold column is used.",
    ]);
    expect(result.levelsSaved).toBe(false);
    expect(result.reminders.map((r) => [r.draft.customer, r.draft.level.id])).toEqual([
      ["Acme", "first"],
      ["Beta", "third"],
    ]);
  });

  it("refuses levels drafting could not use, and a negative minimum, saving nothing", async () => {
    const port = ledger();
    port.settings = JSON.stringify({ mappings: {}, basis: "invoice" });
    await expect(saveReminderSettings(port, { levels: [LEVELS[0], { ...LEVELS[1], days: 1 }] })).rejects.toThrow("The dunning levels were not saved: Two levels start at 1 days");
    await expect(saveReminderSettings(port, { levels: [{ ...LEVELS[0], days: -400 }] })).rejects.toThrow("Not saved: The saved dunning levels are not valid");
    await expect(saveReminderSettings(port, { minimumAmount: -1 })).rejects.toThrow("The minimum amount to chase must be a number of 0 or more");
    expect(port.settings).toBe(JSON.stringify({ mappings: {}, basis: "invoice" }));
  });
});

/** The default levels with "First reminder" called something else, as the levels editor saves them. */
const renamedFirst = (name: string) => [...DEFAULT_LEVELS].map((l) => (l.id === "first" ? { ...l, name } : { ...l }));
/** A team's own names for the default levels: an old sheet's names alone would not find these again after a rename. */
const OWN_NAMES = [...DEFAULT_LEVELS].map((l) => ({ ...l, name: `Our ${l.name.toLowerCase()}` }));

/** The AR Reminders table as a sheet written before the Level id column: that column taken out. */
function asOldSheet(port: MemoryPort): void {
  const table = port.plans.get("AR Reminders")!.tables[0];
  const at = table.headers.indexOf("Level id");
  const keep = (_: unknown, i: number) => i !== at;
  table.headers = table.headers.filter(keep);
  table.rows = table.rows.map((row) => row.filter(keep));
  table.columnFormats = table.columnFormats.filter(keep);
}

/** The table's rows without the stamp, to compare two draftings. */
const planRows = (port: MemoryPort) => JSON.stringify(port.plans.get("AR Reminders")!.tables[0]);

describe("renaming a dunning level", () => {
  const sentAcme = async (levels?: typeof OWN_NAMES) => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER, ...(levels ? { levels } : {}) });
    const drafted = await draftReminders(port, { asOf: AS_OF });
    const acme = drafted.reminders.find((r) => r.draft.customer === "Acme")!.draft;
    return { port, ref: { customer: "Acme", level: acme.level.id, invoices: acme.items.map((i) => i.invoice) } };
  };

  it("records the level id beside its name, so a reminder sent before a rename is not drafted again, and drafting twice changes nothing", async () => {
    const { port, ref } = await sentAcme(OWN_NAMES);
    expect((await sheetRows(port)).map((r) => [r.customer, r.level, r.levelId])).toEqual([
      ["Acme", "Our first reminder", "first"],
      ["Beta", "Our third reminder", "third"],
      ["Cobalt", "Our final notice", "final"],
    ]);
    await markSent(port, [ref], { by: "Sam Lee", on: AS_OF, asOf: AS_OF });
    await saveReminderSettings(port, { levels: OWN_NAMES.map((l) => (l.id === "first" ? { ...l, name: "Friendly reminder" } : l)) });

    const again = await draftReminders(port, { asOf: AS_OF });
    expect(again.reminders.map((r) => r.draft.customer)).toEqual(["Beta"]);
    expect(again.selection.skipped.find((s) => s.customer === "Acme")).toMatchObject({ code: "already-sent", reason: expect.stringMatching(/^Friendly reminder already sent/) });
    const acme = (await sheetRows(port)).filter((r) => r.customer === "Acme");
    // One row, still Sent by Sam, named as the level is called now.
    expect(acme.map((r) => [r.level, r.levelId, r.status, r.sentBy])).toEqual([["Friendly reminder", "first", "Sent", "Sam Lee"]]);

    const before = planRows(port);
    await draftReminders(port, { asOf: AS_OF, now: new Date(Date.UTC(2026, 3, 1)) });
    expect(planRows(port)).toBe(before);
  });

  it("keeps what a user typed beside a reminder on it when its level is renamed, archiving nothing", async () => {
    const { port, ref } = await sentAcme(OWN_NAMES);
    await markSent(port, [ref], { by: "Sam Lee", on: AS_OF, asOf: AS_OF });
    const table = port.plans.get("AR Reminders")!.tables[0];
    table.headers = [...table.headers, "Call notes"];
    table.rows = table.rows.map((row) => [...row, row[0] === "Acme" ? "left voicemail" : row[0] === "Beta" ? "wants a copy" : null]);
    table.columnFormats = [...table.columnFormats, null];
    await saveReminderSettings(port, { levels: OWN_NAMES.map((l) => ({ ...l, name: `${l.name} (renamed)` })) });

    await draftReminders(port, { asOf: AS_OF });
    const after = port.plans.get("AR Reminders")!.tables[0];
    const notes = Object.fromEntries(after.rows.map((row) => [row[0], [row[after.headers.indexOf("Level")], row[after.headers.indexOf("Call notes")]]]));
    expect(notes).toEqual({ Acme: ["Our first reminder (renamed)", "left voicemail"], Beta: ["Our third reminder (renamed)", "wants a copy"], Cobalt: ["Our final notice (renamed)", null] });
    expect(port.plans.has("AR Archive")).toBe(false);
  });

  it("reads a sheet written before the Level id column: marks it sent, finds a default level renamed since by its old name, and adds the column", async () => {
    const { port, ref } = await sentAcme();
    asOldSheet(port);
    await markSent(port, [ref], { by: "Sam Lee", on: AS_OF, asOf: AS_OF });
    expect((await sheetRows(port)).find((r) => r.customer === "Acme")).toMatchObject({ status: "Sent", levelId: "first" });

    asOldSheet(port);
    await saveReminderSettings(port, { levels: renamedFirst("Friendly reminder") });
    const again = await draftReminders(port, { asOf: AS_OF });
    expect(again.reminders.map((r) => r.draft.customer)).toEqual(["Beta"]);
    const rows = await sheetRows(port);
    expect(rows.filter((r) => r.customer === "Acme").map((r) => [r.level, r.levelId, r.status])).toEqual([["Friendly reminder", "first", "Sent"]]);
    expect(port.plans.get("AR Reminders")!.tables[0].headers).toEqual([...REMINDER_COLUMNS]);
  });

  it("reads an old sheet's rows column by column when it has no headers, the level id left empty", () => {
    const old = ["Acme", "ap@acme.example", "", "First reminder", "S", "B", 120.5, "EUR", "A-1", "Sent", 46113, "Sam", ""];
    expect(rowsFromTable([old])[0]).toMatchObject({ level: "First reminder", levelId: "", status: "Sent", note: "" });
  });
});

/** The port with every write refused, so a read-only action that writes fails the test. */
function readOnly(port: MemoryPort): WorkbookPort {
  const refuse = async () => {
    throw new Error("this action must not write to the workbook");
  };
  return {
    listTables: () => port.listTables(),
    readTable: (table) => port.readTable(table),
    readSettings: () => port.readSettings(),
    readGeneratedTable: (name, pick) => port.readGeneratedTable(name, pick),
    selectCell: () => port.selectCell(),
    writeSheet: refuse,
    writeSettings: refuse,
  };
}

describe("loadReminderSettings (the Reminders tab before any drafting)", () => {
  it("reads the saved settings and who drafting would remind, writing nothing", async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER, minimumAmount: 10, levels: OWN_NAMES });
    const setup = await loadReminderSettings(readOnly(port), { asOf: AS_OF });
    expect(port.plans.size).toBe(0);
    expect(setup.sender).toEqual(SENDER);
    expect([setup.levelsSaved, setup.levels.map((l) => l.name)[1], setup.chase]).toEqual([true, "Our first reminder", { minimumAmount: 10, onHold: [] }]);
    expect(setup.templates.first.en).toBe(DEFAULT_TEMPLATES.first.en);
    expect(setup.savedTemplates).toEqual({});
    // The same customers drafting then drafts: Cobalt has no email, so it is not one of them.
    expect(setup.drafts.map((dr) => [dr.customer, dr.level.id])).toEqual([
      ["Acme", "first"],
      ["Beta", "third"],
    ]);
    const drafted = await draftReminders(port, { asOf: AS_OF });
    expect(drafted.reminders.map((r) => r.draft)).toEqual(setup.drafts);
  });

  it("leaves out a reminder already marked sent, as drafting would", async () => {
    const port = ledger();
    await saveReminderSettings(port, { sender: SENDER });
    const drafted = await draftReminders(port, { asOf: AS_OF });
    const acme = drafted.reminders.find((r) => r.draft.customer === "Acme")!.draft;
    await markSent(port, [{ customer: "Acme", level: acme.level.id, invoices: acme.items.map((i) => i.invoice) }], { by: "Sam", on: AS_OF, asOf: AS_OF });
    const before = JSON.stringify([...port.plans]);
    const setup = await loadReminderSettings(readOnly(port), { asOf: AS_OF });
    expect(setup.drafts.map((dr) => dr.customer)).toEqual(["Beta"]);
    expect(JSON.stringify([...port.plans])).toBe(before);
  });

  it("still reads the settings when there is no invoice table yet, saying why there is no customer to preview", async () => {
    const port = new MemoryPort([tableOf(["Name", "Phone"], [["Jo", "555"]], "People", "People")]);
    port.settings = JSON.stringify({ sender: { name: "Sam Lee" } });
    const setup = await loadReminderSettings(readOnly(port), { asOf: AS_OF });
    expect(setup.sender).toEqual({ name: "Sam Lee" });
    expect(setup.drafts).toEqual([]);
    expect(setup.previewNote).toMatch(/^No invoice table found/);
  });

  it("reads only the settings without an as-of date", async () => {
    const port = ledger();
    port.settings = JSON.stringify({ sender: { name: "Sam Lee" }, onHold: ["Acme"] });
    const tables = jest.spyOn(port, "listTables");
    const setup = await loadReminderSettings(readOnly(port), {});
    expect(tables).not.toHaveBeenCalled();
    expect([setup.sender, setup.chase.onHold, setup.drafts, setup.asOf]).toEqual([{ name: "Sam Lee" }, ["Acme"], [], undefined]);
  });
});
