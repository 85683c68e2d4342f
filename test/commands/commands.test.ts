import { ArDeskError } from "../../src/core/errors";
import { dayFromIso } from "../../src/core/parse/dates";
import { runRefreshCommand, type CommandNotice, type RefreshCommandDeps } from "../../src/commands/refreshCommand";
import type { RefreshOptions } from "../../src/workbook/refreshAging";
import { sampleResult } from "../taskpane/fixtures";

const AS_OF = dayFromIso("2026-03-31")!;

function fakes(overrides: Partial<RefreshCommandDeps> = {}) {
  const notices: CommandNotice[] = [];
  const calls: RefreshOptions[] = [];
  const completed = jest.fn();
  const log = jest.fn();
  const deps: RefreshCommandDeps = {
    refresh: async (options) => {
      calls.push(options);
      return sampleResult();
    },
    notify: (notice) => {
      notices.push(notice);
    },
    completed,
    today: () => AS_OF,
    log,
    ...overrides,
  };
  return { deps, notices, calls, completed, log };
}

describe("runRefreshCommand", () => {
  it("refreshes as of today, reports the counts and completes once", async () => {
    const { deps, notices, calls, completed } = fakes();
    const notice = await runRefreshCommand(deps);
    expect(calls).toEqual([{ asOf: AS_OF }]);
    expect(notice.kind).toBe("success");
    expect(notices).toEqual([notice]);
    expect(notice.message).toContain("Aged 312 invoices: 210 open across 41 customers, total 123,456.78. 2 rows skipped.");
    expect(notice.message).toContain('Sheet "AR Aging" as of 2026-03-31');
    expect(notice.message).toContain("Data quality 100 / 100: 0 errors");
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("completes only after the notice is gone", async () => {
    const order: string[] = [];
    const { deps } = fakes({
      notify: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        order.push("notified");
      },
      completed: () => order.push("completed"),
    });
    await runRefreshCommand(deps);
    expect(order).toEqual(["notified", "completed"]);
  });

  it("reports an ArDeskError's message and hint", async () => {
    const error = new ArDeskError("NO_INVOICE_TABLE", "No invoice table found.", "The workbook has no tables.");
    const { deps, notices, completed } = fakes({ refresh: () => Promise.reject(error) });
    const notice = await runRefreshCommand(deps);
    expect(notice).toEqual({ kind: "error", message: "No invoice table found. The workbook has no tables." });
    expect(notices).toEqual([notice]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("reports an unexpected failure without a stack trace", async () => {
    const { deps, completed } = fakes({ refresh: () => Promise.reject(new TypeError("x is undefined")) });
    const notice = await runRefreshCommand(deps);
    expect(notice.kind).toBe("error");
    expect(notice.message).toBe("AR Desk hit an unexpected problem: x is undefined. Nothing in your data was changed.");
    expect(notice.message).not.toMatch(/\bat \w+ \(/);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("still completes exactly once when the notice cannot be shown", async () => {
    const { deps, completed, log } = fakes({
      notify: () => Promise.reject(new Error("dialog blocked")),
    });
    await expect(runRefreshCommand(deps)).resolves.toMatchObject({ kind: "success" });
    expect(completed).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
  });

  it("completes exactly once when refresh fails and notify throws synchronously", async () => {
    const { deps, completed } = fakes({
      refresh: () => Promise.reject(new Error("boom")),
      notify: () => {
        throw new Error("no ui");
      },
    });
    await expect(runRefreshCommand(deps)).resolves.toMatchObject({ kind: "error" });
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it("does not reject when completed itself throws", async () => {
    const { deps, log } = fakes({
      completed: () => {
        throw new Error("already completed");
      },
    });
    await expect(runRefreshCommand(deps)).resolves.toMatchObject({ kind: "success" });
    expect(log).toHaveBeenCalledTimes(1);
  });

  it("uses the local calendar's today when no clock is given", async () => {
    const { deps, calls } = fakes({ today: undefined });
    await runRefreshCommand(deps);
    expect(Number.isInteger(calls[0].asOf)).toBe(true);
  });
});

describe("the ribbon's message", () => {
  it("includes the quality score and the error count", async () => {
    const issue = { severity: "error" as const, rule: "duplicate-invoice", sheet: "Invoices", cell: "A3", row: 3, column: "Invoice", value: "INV-1", message: "Duplicate.", fix: "Fix." };
    const { deps } = fakes({
      refresh: async () => sampleResult({ quality: { score: 83, rows: 312, breakdown: [] }, issues: [issue, { ...issue, cell: "A4", row: 4 }, { ...issue, severity: "warning" }] }),
    });
    const notice = await runRefreshCommand(deps);
    expect(notice.message).toContain("Data quality 83 / 100: 2 errors, 1 warning, 0 notes.");
  });
});
