import type { DayNumber } from "../core/types";

export interface SampleOptions {
  asOf: DayNumber;
  invoices?: number;
  customers?: number;
  /** Same seed, same ledger: samples are reproducible. */
  seed?: number;
}

/** One row of the sample invoice table; dates are day numbers, money in cents. */
export interface SampleInvoice {
  invoice: string;
  customer: string;
  email: string;
  invoiceDate: DayNumber;
  dueDate: DayNumber;
  terms: string;
  amountCents: number;
  balanceCents: number;
  paidDate: DayNumber | null;
}

const NAME_PARTS = {
  first: ["Acme", "Northwind", "Contoso", "Fabrikam", "Tailspin", "Wingtip", "Adventure", "Blue Yonder", "Coho", "Alpine", "Litware", "Proseware", "Lucerne", "Margie's", "Trey", "Woodgrove", "Humongous", "Fourth Coffee", "Graphic Design", "Wide World", "Southridge", "Datum", "Relecloud", "Bellows", "Lamna", "Munson's", "Nod", "Tasmanian", "Consolidated", "Liberty"],
  second: ["Traders", "Supplies", "Industries", "Logistics", "Foods", "Engineering", "Media", "Bakery", "Partners", "Holdings", "Labs", "Outfitters"],
  suffix: ["Ltd", "Inc.", "LLC", "GmbH", "SARL", "Corp.", "plc", "S.A."],
};
const TERMS = [
  { label: "Net 30", days: 30 },
  { label: "Net 30", days: 30 },
  { label: "Net 45", days: 45 },
  { label: "Net 60", days: 60 },
  { label: "Net 15", days: 15 },
];

/** A small, fast, seedable generator (mulberry32): the sample must not depend on Math.random. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A realistic invoice ledger for demos and tests: invoices spread over the eight months before
 * the as-of date, a few customers much larger than the rest, most old invoices paid (some late,
 * some partly), and a tail of unpaid ones up to about 200 days past due.
 * @example generateSampleInvoices({ asOf: dayFromIso("2026-11-23")! }).length // 360
 */
export function generateSampleInvoices(options: SampleOptions): SampleInvoice[] {
  const { asOf, invoices = 360, customers = 48, seed = 20261123 } = options;
  const rand = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  // One legal suffix per trading name: "Acme Foods Ltd" and "Acme Foods Inc." would be the same
  // customer spelled two ways, a data defect the sample should not carry.
  const bases = new Set<string>();
  const names: string[] = [];
  while (names.length < customers) {
    let base = `${pick(NAME_PARTS.first)} ${pick(NAME_PARTS.second)}`;
    if (bases.size >= NAME_PARTS.first.length * NAME_PARTS.second.length / 2) base = `${base} ${names.length}`;
    if (bases.has(base)) continue;
    bases.add(base);
    names.push(`${base} ${pick(NAME_PARTS.suffix)}`);
  }
  const customerList = names.map((name, i) => ({
    name,
    email: `ap@${name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}.example`,
    terms: pick(TERMS),
    // Size varies a lot between customers; lateness is a trait of the customer.
    scale: 200 + Math.floor(rand() ** 3 * 20000),
    lateness: rand() < 0.2 ? 25 + rand() * 60 : rand() * 12,
    stopsPaying: i % 9 === 4,
  }));

  const rows: SampleInvoice[] = [];
  for (let i = 0; i < invoices; i++) {
    const customer = customerList[Math.floor(rand() ** 1.4 * customerList.length)];
    const invoiceDate = asOf - Math.floor(rand() * 250);
    const dueDate = invoiceDate + customer.terms.days;
    const amountCents = Math.round(customer.scale * (0.3 + rand() * 1.7)) * 100 + Math.floor(rand() * 100);
    const wouldPayOn = dueDate + Math.round(customer.lateness * rand() * 2 - 5);
    let paidDate: DayNumber | null = null;
    let balanceCents = amountCents;
    if (!(customer.stopsPaying && invoiceDate > asOf - 215) && wouldPayOn <= asOf) {
      paidDate = wouldPayOn;
      balanceCents = 0;
    } else if (rand() < 0.12 && invoiceDate < asOf - 10) {
      // Partly paid: the paid date is that of the last payment, as ERP exports give it.
      balanceCents = Math.round(amountCents * (0.25 + rand() * 0.5));
      paidDate = invoiceDate + 1 + Math.floor(rand() * (asOf - invoiceDate - 1));
    }
    rows.push({
      invoice: `INV-${String(100000 + i * 7 + Math.floor(rand() * 7)).padStart(6, "0")}`,
      customer: customer.name,
      email: customer.email,
      invoiceDate,
      dueDate,
      terms: customer.terms.label,
      amountCents,
      balanceCents,
      paidDate,
    });
  }
  return rows.sort((a, b) => a.invoiceDate - b.invoiceDate || a.invoice.localeCompare(b.invoice));
}
