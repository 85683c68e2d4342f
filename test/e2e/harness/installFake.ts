/**
 * Runs before the task pane in the e2e build (webpack --env e2e): installs the fake Excel host
 * (test/support/fakeExcel, a stand-in for Excel, NOT Excel) as Office/Excel, seeds the workbook
 * named by `?seed=` (see seeds.ts) and gives the test runner a small read-back API on
 * `window.__e2e`. The fake itself is `window.__fakeExcel`.
 */
import { fake } from "../../support/fakeExcel/browser";
import { SEEDS } from "./seeds";

declare global {
  interface Window {
    __e2e?: {
      ready: boolean;
      seed: string;
      sheetValues(sheet: string): unknown[][];
      sheetNames(): string[];
      stats(): { runCount: number; syncCount: number; rejectedSyncs: number; largestRequestBytes: number; suspendedCalculationSyncs: number; tableRowAddCalls: number };
      resetStats(): void;
      selection(): { sheet: string; address: string } | null;
    };
  }
}

const seed = new URLSearchParams(window.location.search).get("seed") ?? "invoices";
const plant = SEEDS[seed];
if (!plant) throw new Error(`e2e harness: unknown seed "${seed}" (known: ${Object.keys(SEEDS).join(", ")})`);
plant(fake);
fake.resetStats();

window.__e2e = {
  ready: true,
  seed,
  sheetValues: (sheet) => fake.getSheetValues(sheet),
  sheetNames: () => fake.listSheets().map((s) => s.name),
  resetStats: () => fake.resetStats(),
  selection: () => fake.selection,
  stats: () => {
    const { runCount, syncCount, rejectedSyncs, largestRequestBytes, suspendedCalculationSyncs, tableRowAddCalls } = fake.stats;
    return { runCount, syncCount, rejectedSyncs, largestRequestBytes, suspendedCalculationSyncs, tableRowAddCalls };
  },
};
