/**
 * The pane's settings actions through the Office.js adapter, against the fake Excel host
 * (test/support/fakeExcel, a stand-in for Excel written for tests): saved in one Excel.run, a
 * co-author's other settings kept, and the next refresh ages by them.
 */
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { describeTableInExcel, readSettingsInExcel, runRefreshInExcel, saveMappingInExcel, saveSettingsInExcel } from "../../src/excel/runRefresh";
import { editBasis, editBuckets, defaultForm, settingsFromForm } from "../../src/taskpane/settingsView";
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from "../support/fakeExcel";

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
const AS_OF = dayFromIso("2026-03-31")!;
const HEADERS = ["Invoice No", "Client", "Invoice Date", "Due Date", "Amount"];
let fake: FakeExcel;
let office: InstalledOffice | undefined;

beforeEach(() => {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  fake.addTable("Ledger", "Invoices", "A1", [
    HEADERS,
    ["A-1", "Acme", serial("2026-03-16"), serial("2026-04-15"), 100], // 15 days since invoice
    ["B-1", "Beta", serial("2025-12-21"), serial("2026-01-20"), 50], // 100 days since invoice, 70 past due
  ]);
});
afterEach(() => office?.uninstall());

describe("saveSettingsInExcel", () => {
  it("saves the aging settings in one Excel.run and keeps the column mapping a co-author saved", async () => {
    const { table } = await describeTableInExcel();
    await saveMappingInExcel(table!, { invoice: 0, customer: 1, invoiceDate: 2, dueDate: 3, amount: 4 });
    fake.resetStats();
    await saveSettingsInExcel({ basis: "invoice", bucketBounds: [30, 60, 90] });
    expect(fake.stats.runCount).toBe(1);
    const { settings, warnings } = await readSettingsInExcel();
    expect(warnings).toEqual([]);
    expect(settings.basis).toBe("invoice");
    expect(settings.bucketBounds).toEqual([30, 60, 90]);
    expect(settings.mappings.invoices).toEqual({ invoice: "Invoice No", customer: "Client", invoiceDate: "Invoice Date", dueDate: "Due Date", amount: "Amount" });
  });

  it("is what the next refresh ages by, and Reset to defaults undoes it", async () => {
    const change = settingsFromForm(editBuckets(editBasis(defaultForm(), "invoice"), "30, 60, 90"))!;
    await saveSettingsInExcel(change);
    let result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.aging.basis).toBe("invoice");
    expect(result.report.buckets.map((b) => b.label)).toEqual(["0–30", "31–60", "61–90", "90+"]);
    expect(result.report.totals).toEqual([10_000, 0, 0, 5_000]);
    expect(result.sections[0].allowance.rates).toEqual([0.01, 0.08, 0.2, 0.8]);

    await saveSettingsInExcel(settingsFromForm(defaultForm())!);
    const { settings } = await readSettingsInExcel();
    expect(settings.basis).toBeUndefined();
    expect(settings.bucketBounds).toBeUndefined();
    result = await runRefreshInExcel({ asOf: AS_OF });
    expect(result.report.buckets.map((b) => b.label)).toEqual(["Current", "1–30", "31–60", "61–90", "91–120", "120+"]);
    expect(result.report.totals).toEqual([10_000, 0, 0, 5_000, 0, 0]);
  });
});
