import { assessRisk } from "../../../src/core/risk/assessRisk";
import type { CustomerFeatures } from "../../../src/core/risk/features";
import { riskTier, scoreCustomers, type CustomerRisk, type RiskScores } from "../../../src/core/risk/score";
import { ACTIONS, buildWorklist, nextAction } from "../../../src/core/risk/worklist";
import { AS_OF, blankFeatures, inv } from "./fixtures";

function risk(customer: string, score: number, features: Partial<CustomerFeatures> = {}): CustomerRisk {
  return {
    customer,
    currency: features.currency ?? "",
    score,
    exactScore: score,
    tier: riskTier(score),
    credibility: 0.5,
    contributions: [],
    reasons: [],
    reasonText: "",
    features: blankFeatures(customer, features),
  };
}

const scores = (customers: CustomerRisk[]): RiskScores => ({ prior: { lateShare: 0.4, daysLate: 5, observations: 1, score: 20 }, weights: scoreCustomers([]).weights, customers });

describe("buildWorklist", () => {
  it("ranks by score ÷ 100 × overdue amount, largest first", () => {
    const list = buildWorklist(
      scores([
        risk("Small but risky", 90, { overdueMinor: 100000 }), // 0.9 × 1000 = 900
        risk("Big and safe", 10, { overdueMinor: 2000000 }), //   0.1 × 20000 = 2000
        risk("Middling", 40, { overdueMinor: 300000 }), //       0.4 × 3000 = 1200
        risk("Nothing due", 80, { overdueMinor: 0 }), //          0
      ]),
      AS_OF,
    );
    expect(list.items.map((i) => [i.rank, i.customer, i.expectedValue])).toEqual([
      [1, "Big and safe", 2000],
      [2, "Middling", 1200],
      [3, "Small but risky", 900],
      [4, "Nothing due", 0],
    ]);
  });

  it("breaks ties by score, then overdue amount, then name", () => {
    const list = buildWorklist(
      scores([
        risk("Zed", 50, { overdueMinor: 100000 }), //  500
        risk("Amy", 25, { overdueMinor: 200000 }), //  500, lower score
        risk("Bob", 50, { overdueMinor: 100000 }), //  500, same as Zed: by name
        risk("Cat", 0, { overdueMinor: 0 }),
        risk("Abe", 0, { overdueMinor: 0 }),
      ]),
      AS_OF,
    );
    expect(list.items.map((i) => i.customer)).toEqual(["Bob", "Zed", "Amy", "Abe", "Cat"]);
  });

  it("compares currencies in units, or through a conversion when given", () => {
    const customers = [risk("Yen", 50, { currency: "JPY", overdueMinor: 100000 }), risk("Euro", 50, { currency: "EUR", overdueMinor: 100000 })];
    // In units: ¥100,000 beats €1,000.
    expect(buildWorklist(scores(customers), AS_OF).items.map((i) => i.customer)).toEqual(["Yen", "Euro"]);
    const toBase = (minor: number, currency: string) => (currency === "JPY" ? minor * 0.006 : minor / 100);
    expect(buildWorklist(scores(customers), AS_OF, { toBase }).items.map((i) => [i.customer, i.expectedValue])).toEqual([
      ["Euro", 500],
      ["Yen", 300],
    ]);
  });
});

describe("nextAction", () => {
  const overdue = { openMinor: 1000, overdueMinor: 1000, oldestOverdueDays: 40 };
  it("follows the tier when nothing special applies", () => {
    expect(nextAction(risk("L", 10, overdue)).text).toBe(ACTIONS.friendlyReminder);
    expect(nextAction(risk("M", 30, overdue)).text).toBe("friendly call this week");
    expect(nextAction(risk("H", 60, overdue)).text).toBe(ACTIONS.secondReminder);
    expect(nextAction(risk("C", 80, overdue)).text).toBe("send final notice");
  });

  it("hands a Critical customer with items over 90 days to collections", () => {
    expect(nextAction(risk("C", 80, { ...overdue, oldestOverdueDays: 91 })).text).toBe("hand over to collections");
    expect(nextAction(risk("H", 70, { ...overdue, oldestOverdueDays: 91 })).kind).toBe("secondReminder");
  });

  it("holds new orders over the credit limit", () => {
    expect(nextAction(risk("M", 30, { ...overdue, overLimit: true, creditLimitMinor: 500, creditUse: 2 })).text).toBe("put new orders on hold");
  });

  it("resolves a dispute before chasing, and leaves disputed invoices out of the chase", () => {
    expect(nextAction(risk("C", 80, { ...overdue, disputedCount: 1, disputedMinor: 1000, oldestOverdueDays: 120 })).text).toBe("resolve the dispute first");
    expect(nextAction(risk("M", 30, { ...overdue, disputedCount: 2, disputedMinor: 400 })).text).toBe("friendly call this week (leave the 2 disputed invoices out)");
  });

  it("waits for a promise not yet due, and calls about a broken one", () => {
    expect(nextAction(risk("M", 30, { ...overdue, promisedMinor: 1000 })).text).toBe("wait for the promised payment");
    expect(nextAction(risk("M", 30, { ...overdue, brokenPromises: 1 })).text).toBe("call about the broken promise");
  });

  it("does nothing when nothing is overdue", () => {
    expect(nextAction(risk("L", 10, { openMinor: 1000 })).kind).toBe("none");
    expect(nextAction(risk("H", 60, { openMinor: 1000 })).kind).toBe("courtesy");
  });
});

describe("assessRisk", () => {
  it("goes from records to a ranked worklist", () => {
    const list = assessRisk(
      [
        inv("Acme", "A1", -60, 100000, { paidOffset: -20 }),
        inv("Acme", "A2", -45, 500000),
        inv("Beta", "B1", -30, 100000, { paidOffset: -30 }),
        inv("Beta", "B2", -5, 10000),
      ],
      AS_OF,
    );
    expect(list.items.map((i) => [i.rank, i.customer])).toEqual([
      [1, "Acme"],
      [2, "Beta"],
    ]);
    expect(list.items[0].score).toBeGreaterThan(list.items[1].score);
    expect(list.asOf).toBe(AS_OF);
  });
});
