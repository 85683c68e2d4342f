/**
 * Cancel as the pane does it (an AbortController's signal in the refresh options), through
 * runRefreshInExcel against the fake Excel host (test/support/fakeExcel, a stand-in for Excel):
 * the signal reaches the port too, so a cancel in the middle of writing a sheet leaves it as it was.
 */
import { ArDeskError } from "../../src/core/errors";
import { dayFromIso, excelSerialFromDay } from "../../src/core/parse/dates";
import { runRefreshInExcel } from "../../src/excel/runRefresh";
import type { RefreshProgress } from "../../src/workbook/refreshAging";
import { createFakeExcel, installFakeOffice, type FakeExcel, type InstalledOffice } from "../support/fakeExcel";

const serial = (iso: string) => excelSerialFromDay(dayFromIso(iso)!);
let fake: FakeExcel;
let office: InstalledOffice | undefined;

beforeEach(() => {
  fake = createFakeExcel();
  office = installFakeOffice(globalThis as unknown as Record<string, unknown>, fake);
  // 60 customers, so the aging sheet's rows take several small write chunks.
  const rows = Array.from({ length: 120 }, (_, i) => [`INV-${i}`, `Customer ${i % 60}`, serial("2026-01-01"), serial("2026-02-01") + (i % 90), 100 + i]);
  fake.addTable("Ledger", "Invoices", "A1", [["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount"], ...rows]);
});
afterEach(() => office?.uninstall());

/** A refresh that aborts itself when `when` first sees a progress step. */
async function cancelledRefresh(asOf: string, when: (step: RefreshProgress) => boolean): Promise<unknown> {
  const controller = new AbortController();
  try {
    await runRefreshInExcel(
      { asOf: dayFromIso(asOf)!, signal: controller.signal, onProgress: (step) => when(step) && controller.abort() },
      { chunkBytes: 400 },
    );
    return undefined;
  } catch (e) {
    return e;
  }
}

describe("cancelling a refresh in Excel", () => {
  it("stops while writing the aging sheet and leaves the previous one as it was", async () => {
    await runRefreshInExcel({ asOf: dayFromIso("2026-03-31")! }, { chunkBytes: 400 });
    const before = fake.getSheetValues("AR Aging");
    const id = fake.listSheets().find((s) => s.name === "AR Aging")!.id;

    const error = await cancelledRefresh("2026-04-30", (step) => step.stage === "writing" && (step.write?.done ?? 0) >= 1);
    expect(error).toBeInstanceOf(ArDeskError);
    expect((error as ArDeskError).code).toBe("CANCELLED");
    expect(fake.getSheetValues("AR Aging")).toEqual(before);
    expect(fake.listSheets().find((s) => s.name === "AR Aging")!.id).toBe(id);
    // No half-written staging sheet is left behind.
    expect(fake.listSheets().map((s) => s.name).filter((n) => /^AR /.test(n)).sort()).toEqual(["AR Aging", "AR Data Issues", "AR Invoice Detail", "AR Risk"]);
  });

  it("finishes the run when Cancel comes after the first sheet is in, so no sheets of two dates sit side by side", async () => {
    await runRefreshInExcel({ asOf: dayFromIso("2026-03-31")! }, { chunkBytes: 400 });
    const sheetsDone: number[] = [];
    const error = await cancelledRefresh("2026-04-30", (step) => {
      if (step.write && step.write.done >= step.write.total) sheetsDone.push(step.write.total);
      return sheetsDone.length === 1;
    });
    expect(error).toBeUndefined();
    const asOfCell = (sheet: string) => fake.getSheetValues(sheet).find((row) => row[0] === "As of")?.[1];
    expect(asOfCell("AR Aging")).toBe(serial("2026-04-30"));
    expect(asOfCell("AR Risk")).toBe(serial("2026-04-30"));
  });

  it("stops while reading and writes nothing", async () => {
    const error = await cancelledRefresh("2026-03-31", (step) => step.stage === "reading");
    expect((error as ArDeskError).code).toBe("CANCELLED");
    expect(fake.listSheets().map((s) => s.name)).toEqual(["Ledger"]);
  });
});
