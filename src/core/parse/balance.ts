import type { ParsedColumns, ValueColumn } from "./parseColumns";
import type { ParsedRow } from "./parseRows";

/**
 * What the row says is still owed, as the table stands: the open balance column when there is
 * one, else the amount less what was paid, else the whole amount (nothing when a paid date says
 * it was settled). Null when the amount is unknown.
 */
export function openBalanceOf(row: ParsedRow): number | null {
  const { amount, openBalance, paidAmount } = row.money;
  return openBalanceFrom(amount.value, openBalance.value, paidAmount.value, row.dates.paidDate.value);
}

/** `openBalanceOf` for row k of a table read by columns. */
export function openBalanceAt(table: ParsedColumns, k: number): number | null {
  const value = (column: ValueColumn) => (column.values[k] === column.values[k] ? column.values[k] : null);
  return openBalanceFrom(value(table.money.amount), value(table.money.openBalance), value(table.money.paidAmount), value(table.dates.paidDate));
}

function openBalanceFrom(amount: number | null, openBalance: number | null, paidAmount: number | null, paidDate: number | null): number | null {
  if (openBalance !== null) return openBalance;
  if (amount === null) return null;
  if (paidAmount !== null) return amount - paidAmount;
  if (paidDate !== null) return 0;
  return amount;
}

const PAID_WORDS = ["paid", "closed", "settled", "cleared", "fully paid", "paye", "regle", "solde", "acquitte", "bezahlt", "ausgeglichen", "erledigt", "beglichen", "pagado", "pagada", "cobrado", "cobrada", "cerrado", "liquidado", "saldado"];
const OPEN_WORDS = ["open", "unpaid", "outstanding", "due", "overdue", "partially paid", "partial", "past due", "ouvert", "impaye", "en retard", "en attente", "offen", "unbezahlt", "fallig", "uberfallig", "teilbezahlt", "abierto", "pendiente", "impagado", "vencido", "parcial"];

const fold = (text: string) => text.trim().toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");

/** What a status cell says: "paid", "open", or null when it says neither (or is empty). */
export function statusMeaning(status: string): "paid" | "open" | null {
  const word = fold(status);
  if (!word) return null;
  if (OPEN_WORDS.includes(word)) return "open";
  if (PAID_WORDS.includes(word)) return "paid";
  return null;
}

const CREDIT_WORDS = ["credit", "credit note", "credit memo", "cn", "cr", "cm", "avoir", "note de credit", "gutschrift", "nota de credito", "nota credito", "abono", "refund"];

/** True when a document type says the row is a credit note. */
export function isCreditType(type: string): boolean {
  if (type === "") return false; // most tables have no type column: every row asks this of ""
  return CREDIT_WORDS.includes(fold(type));
}
