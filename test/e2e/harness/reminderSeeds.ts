/**
 * The workbook the reminders e2e test (../remindersE2e.js) seeds into the fake Excel host: an
 * invoice table with email addresses and contacts. As of 2026-03-31, by days past due:
 *
 *   R-1 Acme Corp    due 2026-03-20  1,250.00  11 days → First reminder, to ap@acme.example
 *   R-2 Acme Corp    due 2026-03-25    980.55   6 days → (same reminder) total 2,230.55
 *   R-3 Birch & Co   due 2026-02-20    310.45  39 days → Third reminder, to ar@birch.example
 *   R-4 Cobalt Ltd   due 2026-03-01    500.00  30 days → no email: needs a contact
 *
 * No sender details are saved, so the first drafting holds every reminder back (the signature
 * would be empty) until the test enters them in the pane.
 */
import type { FakeExcel } from "../../support/fakeExcel";

/** Excel's serial of an ISO date (1900 system), written independently of src/core. */
const serial = (iso: string) => {
  const [y, m, d] = iso.split("-").map(Number);
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000;
};

export function reminderSeed(fake: FakeExcel): void {
  fake.addTable("Invoices", "Invoices", "A1", [
    ["Invoice No", "Customer", "Invoice Date", "Due Date", "Amount", "Email", "Contact"],
    ["R-1", "Acme Corp", serial("2026-02-18"), serial("2026-03-20"), 1250, "ap@acme.example", "Jo Park"],
    ["R-2", "Acme Corp", serial("2026-02-23"), serial("2026-03-25"), 980.55, "ap@acme.example", "Jo Park"],
    ["R-3", "Birch & Co", serial("2026-01-21"), serial("2026-02-20"), 310.45, "ar@birch.example", ""],
    ["R-4", "Cobalt Ltd", serial("2026-01-30"), serial("2026-03-01"), 500, "", ""],
  ]);
}
