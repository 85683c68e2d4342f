import { issueAt } from "../issue";
import type { Rule } from "../types";

/**
 * Days to pay that payment terms give, or null when they do not say plainly (end-of-month terms).
 * @example termsDays("2/10 Net 30") // 30
 * @example termsDays("30 jours") // 30
 * @example termsDays("Due on receipt") // 0
 */
export function termsDays(terms: string): number | null {
  const text = terms.trim().toLowerCase();
  if (!text) return null;
  if (/\b(eom|end of month|fin de mois|fdm|monatsende|fin de mes)\b/.test(text)) return null;
  if (/^(due on receipt|upon receipt|on receipt|cod|cash on delivery|immediate|immediately|a reception|comptant|sofort|contado)$/.test(text.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""))) return 0;
  const net = /\bn(?:et)?\s*(\d{1,3})\b/.exec(text);
  if (net) return Number(net[1]);
  const days = /^(\d{1,3})\s*(days?|d|jours?|j|tage?|dias?|días?)?$/.exec(text.normalize("NFC"));
  return days ? Number(days[1]) : null;
}

export const termsMismatch: Rule = {
  id: "terms-mismatch",
  title: "Due dates agree with the payment terms",
  check(rows, context) {
    if (context.mapping.terms === undefined || context.mapping.invoiceDate === undefined) return [];
    // A ledger uses a handful of distinct terms: read each once.
    const known = new Map<string, number | null>();
    return rows.flatMap((row) => {
      let days = known.get(row.text.terms);
      if (days === undefined) known.set(row.text.terms, (days = termsDays(row.text.terms)));
      const [issued, due] = [row.dates.invoiceDate.value, row.dates.dueDate.value];
      if (days === null || issued === null || due === null || due - issued === days) return [];
      return [
        issueAt(context, row, "dueDate", "warning", this.id, `Terms "${row.text.terms}" give ${days} days, but the due date is ${due - issued} days after the invoice date.`, "Check the due date or the terms."),
      ];
    });
  },
};
