import { parseCellAddress } from "../../src/core/address";
import { assessRisk } from "../../src/core/risk/assessRisk";
import type { Worklist } from "../../src/core/risk/worklist";
import { planRiskSheet, riskRowRange } from "../../src/workbook/plans/riskPlan";
import { riskIntro, riskRowLabel, riskRows, TIER_COLOURS } from "../../src/taskpane/riskView";
import { AS_OF, inv } from "../core/risk/fixtures";

/** Three customers: one far overdue with a late history, one a little overdue, one not due. */
function worklist(): Worklist {
  return assessRisk(
    [
      inv("Cobalt Ltd", "C1", -150, 500_000, { currency: "USD" }),
      inv("Cobalt Ltd", "C0", -200, 100_000, { currency: "USD", paidOffset: -120 }),
      inv("Birch & Co", "B1", -20, 31_045, { currency: "USD" }),
      inv("Acme Corp", "A1", 15, 125_000, { currency: "USD" }),
    ],
    AS_OF,
  );
}

describe("riskRows", () => {
  it("lists rank, customer, score, tier, overdue amount, reasons and next action", () => {
    const { rows, more } = riskRows(worklist());
    expect(more).toBe(0);
    expect(rows.map((r) => r.customer)).toEqual(["Cobalt Ltd", "Birch & Co", "Acme Corp"]);
    const top = rows[0];
    expect(top.rank).toBe(1);
    expect(top.overdue).toBe("5,000.00 USD");
    expect(top.score).toMatch(/^\d+\.\d$/);
    expect(top.reasons.length).toBeGreaterThan(0);
    expect(top.reasons.length).toBeLessThanOrEqual(3);
    expect(top.reasons.some((r) => /past due|overdue|late/.test(r))).toBe(true);
    expect(top.reasons.every((r) => r[0] === r[0].toUpperCase())).toBe(true);
    expect(top.action).toMatch(/^[A-Z]/);
    expect(rows[2].overdue).toBe("0.00 USD");
  });

  it("says why a customer with nothing to chase is listed", () => {
    const acme = riskRows(worklist()).rows.find((r) => r.customer === "Acme Corp")!;
    expect(acme.reasons.join(" ")).not.toBe("");
    expect(acme.action).toBe("No action needed");
  });

  it("lists the top of a long worklist and counts the rest", () => {
    const list = worklist();
    const { rows, more } = riskRows(list, 2);
    expect(rows).toHaveLength(2);
    expect(more).toBe(1);
  });

  it("colours tiers from mild to severe", () => {
    expect(Object.values(TIER_COLOURS)).toEqual(["success", "warning", "severe", "danger"]);
  });
});

describe("riskRowRange", () => {
  it("is the customer's row of the worklist table on the risk sheet", () => {
    const list = worklist();
    const plan = planRiskSheet(list, { generatedAt: "2026-03-31 09:00 UTC" });
    const table = plan.tables[0];
    const header = parseCellAddress(table.at);
    for (const item of list.items) {
      const [first, last] = riskRowRange(item.rank).split(":").map(parseCellAddress);
      expect(first.row).toBe(last.row);
      const bodyIndex = first.row - header.row - 1;
      expect(table.rows[bodyIndex][table.headers.indexOf("Customer")]).toBe(item.customer);
      expect(table.rows[bodyIndex][table.headers.indexOf("Rank")]).toBe(item.rank);
      expect(first.column).toBe(header.column);
      expect(last.column).toBe(header.column + table.headers.length - 1);
    }
  });
});

describe("riskIntro and labels", () => {
  it("counts customers, names the as-of date and the sheet", () => {
    expect(riskIntro(worklist(), "AR Risk (2)")).toBe('3 customers ranked by risk × overdue amount as of 2026-03-31. Every score is explained on the "AR Risk (2)" sheet.');
  });

  it("reads a row out for screen readers", () => {
    const row = riskRows(worklist()).rows[0];
    expect(riskRowLabel(row, "AR Risk")).toBe(`1. Cobalt Ltd (USD): ${row.tier} risk, score ${row.score}, 5,000.00 USD overdue. Select its row on AR Risk.`);
  });
});
