/**
 * The e2e seed's expected AR Aging, computed by hand (not by AR Desk's code) from the invoices in
 * harness/seeds.ts, as of 2026-03-31, by days past due:
 *
 *   INV-1001 Acme Corp   due 2026-04-15  1,250.00  -15 days → Current
 *   INV-1002 Acme Corp   due 2026-03-01    980.55   30 days → 1–30
 *   INV-1003 Birch & Co  due 2026-01-20  2,400.10   70 days → 61–90
 *   INV-1004 Birch & Co  due 2026-02-27    310.45   32 days → 31–60
 *   INV-1005 Cobalt Ltd  due 2025-11-01  5,000.00  150 days → 120+
 *   INV-1006 Cobalt Ltd  due 2025-12-15      0.99  106 days → 91–120
 *   INV-1007 Acme Corp   due 2026-03-31    100.00    0 days → Current (due today is not overdue)
 *   INV-1008 Cobalt Ltd  amount "n/a"              skipped (cell E9)
 *
 * Amounts in cents, buckets in the order Current, 1–30, 31–60, 61–90, 91–120, 120+.
 */
module.exports = {
  asOf: "2026-03-31",
  headers: ["Customer", "Current", "1–30", "31–60", "61–90", "91–120", "120+", "Total"],
  customers: {
    "Acme Corp": [135000, 98055, 0, 0, 0, 0, 233055],
    "Birch & Co": [0, 0, 31045, 240010, 0, 0, 271055],
    "Cobalt Ltd": [0, 0, 0, 0, 99, 500000, 500099],
  },
  /** Most overdue first. */
  order: ["Cobalt Ltd", "Birch & Co", "Acme Corp"],
  totals: [135000, 98055, 31045, 240010, 99, 500000, 1004209],
  headline: "Aged 8 invoices: 7 open across 3 customers, total 10,042.09. 1 row skipped.",
  skippedLine: 'Invoices!E9: The amount "n/a" is not a number.',
  /**
   * Key figures by hand: overdue = 10,042.09 − 1,350.00 current (INV-1001 and INV-1007) = 8,692.09,
   * 86.56% → 86.6%; over 90 days = 5,000.00 + 0.99 = 5,000.99, 49.80% → 49.8%.
   */
  kpis: ["Overdue: 86.6% of AR", "Over 90 days past due: 49.8% of AR"],
  /** The "defects" seed (harness/seeds.ts): two rows with one error each out of four → 50 / 100. */
  defects: {
    score: "50 / 100",
    findings: [
      { severity: "error", rule: "duplicate-invoice", sheet: "Invoices", cell: "A4" },
      { severity: "error", rule: "unparseable-date", sheet: "Invoices", cell: "D5" },
    ],
  },
  /**
   * The same seed after Settings saved buckets 30, 60, 90 and the invoice-date basis, by hand in
   * days since the invoice date as of 2026-03-31: INV-1001 15 and INV-1007 30 → 0–30; INV-1002
   * 60 → 31–60; INV-1004 62 → 61–90; INV-1003 100, INV-1005 180, INV-1006 136 → 90+. The
   * total is unchanged: 10,042.09.
   */
  settings: {
    buckets: "30, 60, 90",
    preview: "Shows as: 0–30 · 31–60 · 61–90 · 90+",
    headers: ["Customer", "0–30", "31–60", "61–90", "90+", "Total"],
    customers: {
      "Acme Corp": [135000, 98055, 0, 0, 233055],
      "Birch & Co": [0, 0, 31045, 240010, 271055],
      "Cobalt Ltd": [0, 0, 0, 500099, 500099],
    },
    totals: [135000, 98055, 31045, 740109, 1004209],
  },
  /** The "two-tables" seed: both tables are offered; picking LastYear ages its one invoice. */
  twoTables: { candidates: ["Current", "LastYear"], pick: "LastYear", headline: "Aged 1 invoice" },
};
