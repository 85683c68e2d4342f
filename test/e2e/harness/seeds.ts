/**
 * Workbooks the e2e test seeds into the fake Excel host, chosen by the page's `?seed=` parameter.
 * The expected aging of "invoices" is computed by hand in ../expected.js.
 */
import type { FakeExcel } from "../../support/fakeExcel";
import { reminderSeed } from "./reminderSeeds";

/**
 * Excel's serial number (1900 system) of a date after 1900-03-01: days since 1899-12-30.
 * Written here independently of src/core so the seed does not share code with what it tests.
 */
export function serial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export const SEEDS: Record<string, (fake: FakeExcel) => void> = {
  /** Invoices with emails and contacts, for the reminders test (reminderSeeds.ts). */
  reminders: reminderSeed,
  /** 8 invoices for 3 customers, one with an unreadable amount (cell E9). */
  invoices(fake) {
    fake.addTable("Invoices", "Invoices", "A1", [
      ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount"],
      ["INV-1001", "Acme Corp", serial("2026-03-16"), serial("2026-04-15"), 1250],
      ["INV-1002", "Acme Corp", serial("2026-01-30"), serial("2026-03-01"), 980.55],
      ["INV-1003", "Birch & Co", serial("2025-12-21"), serial("2026-01-20"), 2400.1],
      ["INV-1004", "Birch & Co", serial("2026-01-28"), serial("2026-02-27"), 310.45],
      ["INV-1005", "Cobalt Ltd", serial("2025-10-02"), serial("2025-11-01"), 5000],
      ["INV-1006", "Cobalt Ltd", serial("2025-11-15"), serial("2025-12-15"), 0.99],
      ["INV-1007", "Acme Corp", serial("2026-03-01"), serial("2026-03-31"), 100],
      ["INV-1008", "Cobalt Ltd", serial("2026-02-08"), serial("2026-03-10"), "n/a"],
    ]);
  },
  /** A workbook with a table, but not of invoices, and a plain sheet. */
  "no-invoices"(fake) {
    fake.addTable("People", "Contacts", "A1", [
      ["Name", "Email"],
      ["Ada", "ada@example.com"],
      ["Grace", "grace@example.com"],
    ]);
    fake.addSheet("Notes", [["Call the bank on Monday"]]);
  },
  /**
   * Known defects for the Issues view: INV-2001 twice (the second at A4) and an unreadable due
   * date at D5 ("someday"). Expected findings are in ../expected.js.
   */
  defects(fake) {
    fake.addTable("Invoices", "Invoices", "A1", [
      ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount"],
      ["INV-2001", "Acme Corp", serial("2026-03-01"), serial("2026-03-31"), 1250],
      ["INV-2002", "Birch & Co", serial("2026-01-30"), serial("2026-03-01"), 980.55],
      ["INV-2001", "Cobalt Ltd", serial("2026-02-01"), serial("2026-03-03"), 400],
      ["INV-2004", "Cobalt Ltd", serial("2026-02-08"), "someday", 310.45],
    ]);
  },
  /** Two invoice tables (this year's and last year's): the pane asks which one. */
  "two-tables"(fake) {
    fake.addTable("Invoices", "Current", "A1", [
      ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount"],
      ["INV-3001", "Acme Corp", serial("2026-03-01"), serial("2026-03-31"), 100],
      ["INV-3002", "Birch & Co", serial("2026-01-30"), serial("2026-03-01"), 200],
    ]);
    fake.addTable("Archive", "LastYear", "A1", [
      ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount"],
      ["INV-2501", "Cobalt Ltd", serial("2025-03-01"), serial("2025-03-31"), 999],
    ]);
  },
};
