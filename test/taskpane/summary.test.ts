import {
  kpiLines,
  lossRateSuggestion,
  nextProgressView,
  snapshotLine,
  suggestionText,
  describeSkipped,
  formatMinor,
  plural,
  progressValue,
  skippedList,
  stageText,
  summaryDetail,
  summaryHeadline,
  summaryText,
} from "../../src/taskpane/summary";
import { KEY_FIGURES } from "../../src/core/metrics/kpis";
import { sampleResult } from "./fixtures";

describe("summaryHeadline", () => {
  it("counts invoices, open invoices, customers, the total and skipped rows", () => {
    expect(summaryHeadline(sampleResult())).toBe(
      "Aged 312 invoices: 210 open across 41 customers, total 123,456.78. 2 rows skipped.",
    );
  });

  it("says nothing about skipped rows when none were skipped", () => {
    expect(summaryHeadline(sampleResult({}, 0))).toBe("Aged 312 invoices: 210 open across 41 customers, total 123,456.78.");
  });

  it("uses the singular for one", () => {
    const base = sampleResult({}, 1);
    const one = sampleResult({
      invoicesRead: 1,
      report: { ...base.report, customers: base.report.customers.slice(0, 1), openInvoices: 1, grandTotal: 5 },
    }, 1);
    expect(summaryHeadline(one)).toBe("Aged 1 invoice: 1 open across 1 customer, total 0.05. 1 row skipped.");
  });

  it("shows an empty aging as zero", () => {
    const base = sampleResult({}, 0);
    const none = sampleResult({ invoicesRead: 0, report: { ...base.report, customers: [], openInvoices: 0, grandTotal: 0 } }, 0);
    expect(summaryHeadline(none)).toBe("Aged 0 invoices: 0 open across 0 customers, total 0.00.");
  });
});

describe("formatMinor", () => {
  it("groups thousands and keeps the currency's decimals", () => {
    expect(formatMinor(12_345_678)).toBe("123,456.78");
    expect(formatMinor(-150)).toBe("-1.50");
    expect(formatMinor(1_234_567, 0)).toBe("1,234,567");
    expect(formatMinor(1_234_567, 3)).toBe("1,234.567");
  });
});

describe("plural", () => {
  it("picks the form by count", () => {
    expect(plural(0, "row")).toBe("0 rows");
    expect(plural(1, "row")).toBe("1 row");
    expect(plural(1200, "customer")).toBe("1,200 customers");
  });
});

describe("skipped rows", () => {
  it("names the cell and the reason", () => {
    expect(describeSkipped({ sheet: "Invoices", row: 7, cell: "D7", reason: "amount \"x\" is not a number" })).toBe(
      'Invoices!D7: amount "x" is not a number',
    );
  });

  it("quotes sheet names the way Excel does", () => {
    expect(describeSkipped({ sheet: "Bob's list 2026", row: 3, cell: "C3", reason: "r" })).toBe("'Bob''s list 2026'!C3: r");
  });

  it("lists the first five and counts the rest", () => {
    const { lines, more } = skippedList(sampleResult({}, 8).skipped);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('Invoices!D10: amount "n/a0" is not a number');
    expect(more).toBe(3);
  });
});

describe("summaryDetail and summaryText", () => {
  it("says which sheet was written, as of when, from which table", () => {
    expect(summaryDetail(sampleResult())).toBe('Sheet "AR Aging" as of 2026-03-31, from table Invoices on sheet Invoices.');
  });

  it("puts headline, quality, detail and skipped rows on separate lines", () => {
    const text = summaryText(sampleResult({}, 7)).split("\n");
    expect(text[0]).toMatch(/^Aged 312 invoices/);
    expect(text[1]).toBe("Data quality 100 / 100: 0 errors, 0 warnings, 0 notes.");
    expect(text[2]).toMatch(/^Sheet "AR Aging"/);
    expect(text.slice(3, 8).every((line) => line.startsWith("• Invoices!D"))).toBe(true);
    expect(text[8]).toBe("…and 2 more.");
  });
});

describe("progress", () => {
  it("describes each stage", () => {
    expect(stageText({ stage: "reading" })).toBe("Reading invoices…");
    expect(stageText({ stage: "writing", write: { done: 0, total: 3 } })).toBe("Writing chunk 1 of 3");
    expect(stageText({ stage: "writing", write: { done: 3, total: 3 } })).toBe("Writing chunk 3 of 3");
    expect(stageText({ stage: "writing" })).toBe("Writing the sheets…");
  });

  it("moves forward from 0 to 1", () => {
    const values = [
      progressValue({ stage: "finding" }),
      progressValue({ stage: "reading" }),
      progressValue({ stage: "aging" }),
      progressValue({ stage: "writing" }),
      progressValue({ stage: "writing", write: { done: 1, total: 2 } }),
      progressValue({ stage: "writing", write: { done: 2, total: 2 } }),
      progressValue({ stage: "done" }),
    ];
    expect(values.every((v, i) => v >= 0 && v <= 1 && (i === 0 || v >= values[i - 1]))).toBe(true);
    expect(values[values.length - 1]).toBe(1);
  });
});

describe("kpiLines", () => {
  const kpi = (value: number | null, reason?: string) => ({ value, reason, inputs: {} });
  const kpis = {
    periodDays: 90,
    periodStart: 0,
    totalAr: kpi(100_00),
    overduePercent: { value: 86.6, inputs: { overdueAr: 8_660, endingAr: 10_000 } },
    over90Percent: kpi(49.8),
    dso: kpi(null, "The table has no invoice dates, so credit sales are unknown."),
    dsoCountback: kpi(74.5),
    bestPossibleDso: kpi(27),
    add: kpi(45),
    cei: kpi(66.7),
    arTurnover: kpi(5.07),
    averageCollectionPeriod: kpi(72),
    averageDaysToPay: kpi(47.5),
  };
  const section = (currency: string) => ({ report: { currency, digits: 2 }, kpis, allowance: { total: 12_345 } });

  it("gives every figure of the AR Aging sheet under its name, with its unit and inputs, or why the data cannot support it", () => {
    const lines = kpiLines({ sections: [section("USD")] } as never);
    expect(lines).toHaveLength(KEY_FIGURES.length + 1);
    expect(lines).toContain("Total AR: 100.00");
    expect(lines).toContain("Overdue: 86.6% of AR (overdue AR 86.6, AR at the as-of date 100)");
    expect(lines).toContain("DSO (standard, last 90 days): not available (The table has no invoice dates, so credit sales are unknown.)");
    expect(lines).toContain("DSO (countback): 74.5 days");
    expect(lines).toContain("AR turnover (annualised): 5.07 times a year");
    expect(lines).toContain("Allowance for doubtful accounts: 123.45");
  });

  it("names the currency of each line when there are several", () => {
    const lines = kpiLines({ sections: [section("EUR"), section("JPY")] } as never);
    expect(lines).toContain("EUR Overdue: 86.6% of AR (overdue AR 86.6, AR at the as-of date 100)");
    expect(lines).toContain("JPY CEI (last 90 days): 66.7%");
  });
});

describe("nextProgressView", () => {
  const run = (steps: Parameters<typeof nextProgressView>[1][]) => {
    const views: ReturnType<typeof nextProgressView>[] = [];
    for (const step of steps) views.push(nextProgressView(views[views.length - 1] ?? null, step));
    return views;
  };

  it("covers reading, validating and each write chunk, and never moves back across sheets", () => {
    const views = run([
      { stage: "finding" },
      { stage: "reading" },
      { stage: "validating" },
      { stage: "aging" },
      { stage: "writing" },
      { stage: "writing", write: { done: 1, total: 3 } },
      { stage: "writing", write: { done: 2, total: 3 } },
      { stage: "writing", write: { done: 3, total: 3 } },
      // The next sheet counts its own chunks from 1 again.
      { stage: "writing", write: { done: 1, total: 2 } },
      { stage: "writing", write: { done: 2, total: 2 } },
      { stage: "done" },
    ]);
    expect(views.map((v) => v.text)).toEqual([
      "Finding the invoice table…",
      "Reading invoices…",
      "Checking every cell…",
      "Aging open invoices…",
      "Writing the sheets…",
      "Writing chunk 2 of 3",
      "Writing chunk 3 of 3",
      "Writing chunk 3 of 3",
      "Writing chunk 2 of 2 (sheet 2)",
      "Writing chunk 2 of 2 (sheet 2)",
      "Done",
    ]);
    const values = views.map((v) => v.value);
    expect(values.every((v, i) => i === 0 || v > values[i - 1])).toBe(true);
    expect(values.slice(0, -1).every((v) => v < 1)).toBe(true);
    expect(values[values.length - 1]).toBe(1);
    // The second sheet starts where the first ended: no jump back to 30%.
    expect(values[8]).toBeGreaterThan(values[7]);
  });
});

describe("snapshots and suggested loss rates", () => {
  const labels = ["Current", "1–30", "31–60", "61–90", "91–120", "120+"];
  const section = (pairs: number, suggested: (number | null)[], extra: object = {}) => ({
    report: { currency: "EUR", buckets: labels.map((label) => ({ label })) },
    allowance: { rates: [0.01, 0.03, 0.08, 0.2, 0.4, 0.8] },
    rollRates: { pairs, rates: [], suggestedLossRates: suggested },
    ...extra,
  });

  it("suggests nothing before two snapshots", () => {
    expect(lossRateSuggestion({ sections: [section(0, [null, null, null, null, null, 0.8])] } as never)).toBeNull();
  });

  it("lists the roll-rate loss rates per bucket, keeping the current rate where nothing rolled", () => {
    const s = lossRateSuggestion({ sections: [section(1, [0.004, 0.0123, null, 0.16, 0.4, 0.8])] } as never)!;
    expect(s.pairs).toBe(1);
    expect(s.buckets[1]).toEqual({ label: "1–30", current: 0.03, suggested: 0.0123 });
    expect(suggestionText(s)).toBe(
      "From 1 pair of snapshots of EUR (roll rates): Current 0.4%, 1–30 1.23%, 31–60 8% (kept: nothing to roll from), 61–90 16%, 91–120 40%, 120+ 80%.",
    );
  });

  it("takes the largest real currency, not the converted restatement", () => {
    const converted = section(3, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5], { convertedNote: "All currencies in EUR" });
    expect(lossRateSuggestion({ sections: [converted, section(2, [0.1, 0.1, 0.1, 0.1, 0.1, 0.8])] } as never)!.pairs).toBe(2);
  });

  it("says the snapshot was saved, only when it was", () => {
    const asOf = sampleResult().asOf;
    expect(snapshotLine({ snapshotSaved: true, asOf })).toBe("Snapshot as of 2026-03-31 saved on the AR History sheet: roll rates compare it with the others.");
    expect(snapshotLine({ snapshotSaved: false, asOf })).toBeNull();
  });
});

describe("progress across the sheets of a run", () => {
  const after = (steps: Parameters<typeof nextProgressView>[1][]) => steps.reduce<ReturnType<typeof nextProgressView> | null>((view, step) => nextProgressView(view, step), null);

  it("counts a sheet as written only when its last chunk is in (the pane then stops offering Cancel)", () => {
    expect(after([{ stage: "reading" }, { stage: "writing" }, { stage: "writing", write: { done: 1, total: 3 } }])!.written).toBe(0);
    const view = after([{ stage: "writing" }, { stage: "writing", write: { done: 1, total: 2 } }, { stage: "writing", write: { done: 2, total: 2 } }, { stage: "writing", write: { done: 1, total: 3 } }]);
    expect(view!.written).toBe(1);
  });
});
