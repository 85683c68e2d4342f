import { makeBuckets } from "../../src/core/aging/buckets";
import { DEFAULT_WEIGHTS, RISK_FACTORS } from "../../src/core/risk/score";
import {
  bucketLabels,
  checkForm,
  defaultForm,
  editBasis,
  editBuckets,
  formFromSettings,
  mergeSuggested,
  readBuckets,
  readNumber,
  reshapeLossRates,
  settingsFromForm,
  shareText,
} from "../../src/taskpane/settingsView";
import { parseSettings, serialiseSettings, withAgingSettings, withMapping, DEFAULT_SETTINGS } from "../../src/workbook/settings";

describe("readBuckets", () => {
  it("reads whole days separated by commas, semicolons or spaces", () => {
    expect(readBuckets("30, 60,90 ;120")).toEqual({ bounds: [30, 60, 90, 120] });
    expect(readBuckets(" 7 ")).toEqual({ bounds: [7] });
  });

  it.each([
    ["", "Enter the last day of each bucket, e.g. 30, 60, 90, 120."],
    ["30, sixty", '"sixty" is not a number of days.'],
    ["30, 45.5", "45.5 is not a whole number of days."],
    ["0, 30", "0: a bucket ends 1 day past due or later."],
    ["30, 20", "20 comes after 30: list the days in increasing order, each once."],
    ["30, 30", "30 comes after 30: list the days in increasing order, each once."],
    [Array.from({ length: 21 }, (_, i) => i + 1).join(","), "At most 20 bucket bounds; this has 21."],
  ])("says what is wrong with %j", (text, error) => {
    expect(readBuckets(text)).toEqual({ error });
  });
});

describe("bucketLabels", () => {
  it("previews the labels the aging sheet will show, by basis", () => {
    expect(bucketLabels([30, 60, 90], "due")).toEqual(["Current", "1–30", "31–60", "61–90", "90+"]);
    expect(bucketLabels([30, 60, 90], "invoice")).toEqual(["0–30", "31–60", "61–90", "90+"]);
  });
});

describe("the form", () => {
  it("starts from DESIGN.md's defaults", () => {
    const form = defaultForm();
    expect(form.basis).toBe("due");
    expect(form.buckets).toBe("30, 60, 90, 120");
    expect(form.lossRates).toEqual(["1", "3", "8", "20", "40", "80"]);
    expect(form.weights.lateShare).toBe("25");
    expect(form.weights.concentration).toBe("0");
  });

  it("shows saved settings, with loss rates for every bucket", () => {
    const form = formFromSettings({ basis: "invoice", bucketBounds: [45, 90], lossRates: [0.02, 0.1], riskWeights: { concentration: 1, lateShare: 1 } });
    expect(form.buckets).toBe("45, 90");
    expect(form.lossRates).toEqual(["2", "10", "10"]);
    // Saved weights are scaled to shares of 100 with the defaults filling the missing factors.
    expect(Number(form.weights.concentration)).toBeCloseTo(Number(form.weights.lateShare));
  });

  it("re-shapes the loss rates by days when the buckets change, keeping the oldest bucket's rate last", () => {
    const form = editBuckets(defaultForm(), "30, 60, 90");
    expect(form.bounds).toEqual([30, 60, 90]);
    expect(form.lossRates).toEqual(["1", "3", "8", "20", "80"]);
    const longer = editBuckets(form, "30, 60, 90, 180");
    // 91–180 starts inside the old 90+ bucket.
    expect(longer.lossRates).toEqual(["1", "3", "8", "20", "80", "80"]);
  });

  it("keeps the text but not the shape while the buckets do not read", () => {
    const form = editBuckets(defaultForm(), "30, 20");
    expect(form.buckets).toBe("30, 20");
    expect(form.bounds).toEqual([30, 60, 90, 120]);
    expect(form.lossRates).toHaveLength(6);
    expect(checkForm(form).bucketError).toMatch(/increasing order/);
    expect(checkForm(form).ok).toBe(false);
    expect(settingsFromForm(form)).toBeNull();
  });

  it("moves a typed rate with its bucket", () => {
    const typed = { ...defaultForm(), lossRates: ["1", "3", "8", "20", "40", "95"] };
    expect(editBuckets(typed, "60, 120").lossRates).toEqual(["1", "3", "20", "95"]);
  });

  it("re-shapes the rates when the basis changes (no Current bucket by invoice date)", () => {
    const form = editBasis(defaultForm(), "invoice");
    expect(checkForm(form).labels).toEqual(["0–30", "31–60", "61–90", "91–120", "120+"]);
    expect(form.lossRates).toHaveLength(5);
    expect(form.lossRates[4]).toBe("80");
  });
});

describe("reshapeLossRates", () => {
  it("gives each new bucket the rate of the old bucket holding its first day", () => {
    expect(reshapeLossRates(["1", "3", "8", "20", "40", "80"], makeBuckets(), makeBuckets([15, 30, 45]))).toEqual(["1", "3", "3", "8", "80"]);
  });
});

describe("checkForm", () => {
  it("names the bucket whose loss rate is wrong", () => {
    const form = { ...defaultForm(), lossRates: ["1", "3", "abc", "20", "140", "80"] };
    const check = checkForm(form);
    expect(check.lossRateErrors[2]).toBe("Enter the loss rate for 31–60 as a percent from 0 to 100.");
    expect(check.lossRateErrors[4]).toBe("Enter the loss rate for 91–120 as a percent from 0 to 100.");
    expect(check.lossRateErrors.filter(Boolean)).toHaveLength(2);
    expect(check.ok).toBe(false);
  });

  it("shows each risk factor's share of the score", () => {
    const weights = Object.fromEntries(RISK_FACTORS.map((f) => [f, "0"])) as Record<(typeof RISK_FACTORS)[number], string>;
    const check = checkForm({ ...defaultForm(), weights: { ...weights, lateShare: "3", disputes: "1" } });
    expect(check.shares?.lateShare).toBeCloseTo(0.75);
    expect(check.shares?.disputes).toBeCloseTo(0.25);
    expect(check.ok).toBe(true);
  });

  it("refuses weights that are all zero or not numbers", () => {
    const zero = Object.fromEntries(RISK_FACTORS.map((f) => [f, "0"])) as Record<(typeof RISK_FACTORS)[number], string>;
    expect(checkForm({ ...defaultForm(), weights: zero }).weightsError).toBe("At least one risk weight must be above 0.");
    const bad = checkForm({ ...defaultForm(), weights: { ...defaultForm().weights, disputes: "-1" } });
    expect(bad.weightErrors.disputes).toBe("Enter a weight of 0 or more for Disputes (0 leaves it out).");
    expect(bad.shares).toBeNull();
    expect(bad.ok).toBe(false);
  });
});

describe("settingsFromForm", () => {
  it("leaves every default out, so the workbook follows the defaults", () => {
    expect(settingsFromForm(defaultForm())).toEqual({ basis: undefined, bucketBounds: undefined, lossRates: undefined, riskWeights: undefined });
  });

  it("builds the settings the pipeline reads", () => {
    let form = editBuckets(editBasis(defaultForm(), "invoice"), "30, 60, 90");
    form = { ...form, lossRates: ["0,5", "2", "10", "75%"], weights: { ...form.weights, concentration: "10" } };
    const change = settingsFromForm(form)!;
    expect(change.basis).toBe("invoice");
    expect(change.bucketBounds).toEqual([30, 60, 90]);
    expect(change.lossRates).toEqual([0.005, 0.02, 0.1, 0.75]);
    expect(change.riskWeights!.concentration).toBeCloseTo(10 / 110);
    // What is saved reads back through the workbook's schema checks unchanged.
    const { settings, warnings } = parseSettings(withAgingSettings(null, change));
    expect(warnings).toEqual([]);
    expect(settings.bucketBounds).toEqual([30, 60, 90]);
    expect(settings.lossRates).toEqual([0.005, 0.02, 0.1, 0.75]);
    expect(formFromSettings(settings).lossRates).toEqual(["0.5", "2", "10", "75"]);
  });

  it("saves weights that equal the defaults (in another scale) as the default", () => {
    const weights = Object.fromEntries(RISK_FACTORS.map((f) => [f, String(DEFAULT_WEIGHTS[f] * 1000)])) as Record<(typeof RISK_FACTORS)[number], string>;
    expect(settingsFromForm({ ...defaultForm(), weights })!.riskWeights).toBeUndefined();
  });
});

describe("withAgingSettings", () => {
  const stored = serialiseSettings({ ...withMapping(DEFAULT_SETTINGS, { name: "Invoices", headers: ["Ref"] }, { invoice: 0 }), baseCurrency: "EUR", lossRates: [0.5] });

  it("changes only the aging settings and keeps a co-author's other settings, even unknown ones", () => {
    const withFuture = JSON.stringify({ ...JSON.parse(stored), futureSetting: { keep: true } });
    const next = JSON.parse(withAgingSettings(withFuture, { basis: "invoice", bucketBounds: [30, 60] }));
    expect(next.basis).toBe("invoice");
    expect(next.bucketBounds).toEqual([30, 60]);
    expect(next.mappings).toEqual({ invoices: { invoice: "Ref" } });
    expect(next.baseCurrency).toBe("EUR");
    expect(next.lossRates).toEqual([0.5]);
    expect(next.futureSetting).toEqual({ keep: true });
  });

  it("removes a setting given as undefined, so its default applies again", () => {
    const next = JSON.parse(withAgingSettings(stored, { lossRates: undefined }));
    expect("lossRates" in next).toBe(false);
    expect(next.baseCurrency).toBe("EUR");
  });

  it("starts over from damaged text", () => {
    expect(JSON.parse(withAgingSettings("{oops", { basis: "invoice" }))).toEqual({ mappings: {}, basis: "invoice" });
    expect(JSON.parse(withAgingSettings(null, {}))).toEqual({ mappings: {} });
  });
});

describe("small helpers", () => {
  it("reads numbers with a decimal comma or a percent sign", () => {
    expect([readNumber("1,5"), readNumber(" 2 % "), readNumber("0.25"), readNumber("-1"), readNumber("x"), readNumber("")]).toEqual([1.5, 2, 0.25, null, null, null]);
  });

  it("shows shares as percent", () => {
    expect([shareText(0.25), shareText(0.004), shareText(0)]).toEqual(["25%", "0.4%", "0%"]);
  });

  it("keeps the current rate where roll rates suggest none", () => {
    expect(mergeSuggested([0.01, 0.03, 0.8], [0.004, null, 0.8])).toEqual([0.004, 0.03, 0.8]);
  });
});
