import fc from "fast-check";
import { DEFAULT_LEVELS, levelFor, validateLevels } from "../../../src/core/reminders/levels";
import { selectDrafts } from "../../../src/core/reminders/select";
import { AS_OF, invoice } from "./fixtures";

describe("levels", () => {
  it("maps days overdue to the default levels", () => {
    expect([-4, -3, 0, 1, 14, 15, 30, 59, 60, 90, 400].map((d) => levelFor(d, DEFAULT_LEVELS)?.id ?? null)).toEqual([null, "courtesy", "courtesy", "first", "first", "second", "third", "third", "final", "collections", "collections"]);
    expect(DEFAULT_LEVELS.find((l) => l.id === "collections")!.email).toBe(false);
    expect(validateLevels(DEFAULT_LEVELS)).toEqual([]);
  });
  it("finds the level reached in any listed order, the last listed of levels on one day winning, as in day order", () => {
    const shuffled = [...DEFAULT_LEVELS].reverse();
    for (const d of [-4, -3, 0, 1, 14, 15, 30, 59, 60, 90, 400]) expect(levelFor(d, shuffled)?.id).toBe(levelFor(d, DEFAULT_LEVELS)?.id);
    const sameDay = [
      { id: "late", name: "Late", days: 30, email: true },
      { id: "early", name: "Early", days: 1, email: true },
      { id: "late-too", name: "Late too", days: 30, email: true },
    ];
    expect([0, 1, 29, 30, 99].map((d) => levelFor(d, sameDay)?.id ?? null)).toEqual([null, "early", "early", "late-too", "late-too"]);
  });
  it("reports duplicate ids and days", () => {
    expect(validateLevels([{ id: "a", name: "A", days: 1, email: true }, { id: "a", name: "B", days: 1, email: true }])).toEqual([
      'Level id "a" is used twice: give each level its own id.',
      "Two levels start at 1 days: each level needs its own day.",
    ]);
  });
});

describe("selectDrafts", () => {
  it("drafts one consolidated reminder per customer and currency at the oldest eligible item's level", () => {
    const s = selectDrafts(
      [
        invoice("A-1", "Acme", "2026-03-20", 1000), // 11 days
        invoice("A-2", "Acme", "2026-02-14", 2000), // 45 days → third
        invoice("A-3", "Acme", "2026-04-02", 500), // due in 2 days: listed
        invoice("A-4", "Acme", "2026-04-10", 700), // outside the courtesy window
        invoice("A-5", "Acme", "2026-01-01", 9999, { disputed: true }), // disputed: not chased, does not set the level
        invoice("A-6", "Acme", "2026-03-01", 300, { currency: "USD" }),
      ],
      { asOf: AS_OF },
    );
    expect(s.drafts.map((d) => [d.customer, d.currency, d.level.id, d.items.map((i) => i.invoice), d.totalMinor, d.overdueMinor, d.oldestDaysOverdue])).toEqual([
      ["Acme", "EUR", "third", ["A-2", "A-1", "A-3"], 3500, 3000, 45],
      ["Acme", "USD", "third", ["A-6"], 300, 300, 30],
    ]);
  });

  it("sends to each address once, spelled as the last row that has it spells it", () => {
    const rows = ["AP@acme.com", "ap@acme.com; jane@acme.com", "AP@acme.com", "AP@acme.com"].map((email, i) => invoice(`A-${i}`, "Acme", "2026-03-01", 100, { email }));
    expect(selectDrafts(rows, { asOf: AS_OF }).drafts[0].to).toEqual(["AP@acme.com", "jane@acme.com"]);
  });
  it("gives a courtesy reminder only when nothing is overdue", () => {
    const s = selectDrafts([invoice("C-1", "Cee", "2026-04-03", 100), invoice("C-2", "Cee", "2026-03-31", 100)], { asOf: AS_OF });
    expect(s.drafts.map((d) => [d.level.id, d.oldestDaysOverdue])).toEqual([["courtesy", 0]]);
  });

  it("skips disputes, promises not passed, paid items, holds, small totals and levels already sent", () => {
    const records = [
      invoice("D-1", "Disputer", "2026-01-01", 100, { disputed: true }),
      invoice("P-1", "Promiser", "2026-01-01", 100, { promiseDate: AS_OF }),
      invoice("Q-1", "Past promise", "2026-03-01", 100, { promiseDate: AS_OF - 1 }),
      invoice("Z-1", "Payer", "2026-01-01", 0),
      invoice("H-1", "Holder", "2026-03-01", 100),
      invoice("S-1", "Small", "2026-03-01", 5),
      invoice("L-1", "Logged", "2026-03-20", 100),
      invoice("N-1", "No mail", "2026-03-20", 100, { email: "not an address" }),
      invoice("K-1", "Old", "2025-12-01", 100),
    ];
    const s = selectDrafts(records, { asOf: AS_OF, onHold: new Set(["holder"]), minimumMinor: 10, sentLog: [{ customer: "Logged", level: "First reminder", invoices: ["L-1"], sentDate: "2026-03-25" }] });
    expect(s.drafts.map((d) => d.customer)).toEqual(["Past promise"]);
    expect(s.skipped.map((x) => [x.customer, x.code, x.reason])).toEqual([
      ["Disputer", "disputed", "Every open item is disputed."],
      ["Holder", "on-hold", "The customer is on hold."],
      ["Logged", "already-sent", "First reminder already sent on 2026-03-25 for these invoices."],
      ["Promiser", "promised", "Promised to pay by 2026-03-31."],
      ["Small", "below-minimum", "The total is below the minimum amount to chase."],
    ]);
    expect(s.needsContact.map((d) => [d.customer, d.invalidEmails])).toEqual([["No mail", ["not", "an", "address"]]]);
    expect(s.collections.map((d) => [d.customer, d.level.id, d.oldestDaysOverdue])).toEqual([["Old", "collections", 120]]);
  });

  it("property: every customer with an eligible overdue item gets exactly one draft (or collections task), no one else gets any", () => {
    const item = fc.record({
      customer: fc.constantFrom("A", "B", "C", "D", "E"),
      dueOffset: fc.integer({ min: -20, max: 200 }),
      open: fc.integer({ min: -100, max: 1000 }),
      disputed: fc.boolean(),
      promiseOffset: fc.option(fc.integer({ min: -10, max: 10 })),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const records = items.map((it, i) =>
          invoice(`I-${i}`, it.customer, "2026-03-31", it.open, { dueDate: AS_OF - it.dueOffset, disputed: it.disputed || undefined, promiseDate: it.promiseOffset === null ? undefined : AS_OF + it.promiseOffset }),
        );
        const eligible = (r: (typeof records)[number], minDays: number) => r.openMinor > 0 && !r.disputed && !(r.promiseDate !== undefined && r.promiseDate >= AS_OF) && AS_OF - r.dueDate >= minDays;
        const s = selectDrafts(records, { asOf: AS_OF });
        const out = [...s.drafts, ...s.collections].map((d) => d.customer);
        expect(new Set(out).size).toBe(out.length);
        expect(s.needsContact).toEqual([]);
        const overdueCustomers = new Set(records.filter((r) => eligible(r, 1)).map((r) => r.customer));
        const soonCustomers = new Set(records.filter((r) => eligible(r, -3)).map((r) => r.customer));
        for (const c of overdueCustomers) expect(out).toContain(c);
        for (const c of out) expect(soonCustomers.has(c)).toBe(true);
        for (const d of s.drafts) if (overdueCustomers.has(d.customer)) expect(d.level.id).not.toBe("courtesy");
        for (const d of s.drafts) if (!overdueCustomers.has(d.customer)) expect(d.level.id).toBe("courtesy");
      }),
    );
  });
});
