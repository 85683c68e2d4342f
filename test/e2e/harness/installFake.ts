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
      sheetId(sheet: string): string | null;
      holdSyncs(): void;
      heldSyncs(): number;
      stepSync(): void;
      releaseSyncs(): void;
    };
  }
}

const seed = new URLSearchParams(window.location.search).get("seed") ?? "invoices";
const plant = SEEDS[seed];
if (!plant) throw new Error(`e2e harness: unknown seed "${seed}" (known: ${Object.keys(SEEDS).join(", ")})`);
plant(fake);
fake.resetStats();

/**
 * A gate on `context.sync()`, so a test can stop a run at a known point (e.g. while it reads)
 * and press Cancel there, instead of racing a fast fake host. Held syncs wait in order until
 * stepped through one by one or all released.
 */
const gate = { armed: false, waiting: [] as (() => void)[] };
type Context = { sync: () => Promise<void> };
const excel = (window as unknown as { Excel: { run: (batch: (context: Context) => Promise<unknown>) => Promise<unknown> } }).Excel;
const run = excel.run.bind(excel);
excel.run = (batch) =>
  run((context) => {
    const sync = context.sync.bind(context);
    context.sync = async () => {
      if (gate.armed) await new Promise<void>((resolve) => gate.waiting.push(resolve));
      return sync();
    };
    return batch(context);
  });

window.__e2e = {
  ready: true,
  seed,
  sheetValues: (sheet) => fake.getSheetValues(sheet),
  sheetNames: () => fake.listSheets().map((s) => s.name),
  resetStats: () => fake.resetStats(),
  selection: () => fake.selection,
  sheetId: (sheet) => fake.listSheets().find((s) => s.name === sheet)?.id ?? null,
  holdSyncs: () => {
    gate.armed = true;
  },
  heldSyncs: () => gate.waiting.length,
  stepSync: () => gate.waiting.shift()?.(),
  releaseSyncs: () => {
    gate.armed = false;
    for (const resolve of gate.waiting.splice(0)) resolve();
  },
  stats: () => {
    const { runCount, syncCount, rejectedSyncs, largestRequestBytes, suspendedCalculationSyncs, tableRowAddCalls } = fake.stats;
    return { runCount, syncCount, rejectedSyncs, largestRequestBytes, suspendedCalculationSyncs, tableRowAddCalls };
  },
};
