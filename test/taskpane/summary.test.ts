import {
  kpiLines,
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
    expect(stageText({ stage: "writing" })).toBe("Writing the AR Aging sheet…");
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
    overduePercent: kpi(86.6),
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

  it("gives each figure with its unit, or why the data cannot support it", () => {
    const lines = kpiLines({ sections: [section("USD")] } as never);
    expect(lines).toContain("Overdue: 86.6% of AR");
    expect(lines).toContain("DSO (last 90 days): not available (The table has no invoice dates, so credit sales are unknown.)");
    expect(lines).toContain("DSO (countback): 74.5 days");
    expect(lines).toContain("Allowance for doubtful accounts: 123.45");
  });

  it("names the currency of each line when there are several", () => {
    const lines = kpiLines({ sections: [section("EUR"), section("JPY")] } as never);
    expect(lines).toContain("EUR Overdue: 86.6% of AR");
    expect(lines).toContain("JPY CEI: 66.7%");
  });
});
