import { distinctValues } from "../../parse/distinct";
import { customerCodes } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "terms-mismatch";

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

export const termsMismatch = defineRule({
  id: ID,
  title: "Due dates agree with the payment terms",
  checkColumns(table, context) {
    if (context.mapping.terms === undefined || context.mapping.invoiceDate === undefined) return [];
    // A ledger uses a handful of distinct terms, nearly always one per customer: each is read once.
    const terms = distinctValues(table.text.terms, customerCodes(table, context.mapping));
    const daysOf = terms.values.map(termsDays);
    const issued = table.dates.invoiceDate.values;
    const due = table.dates.dueDate.values;
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      const days = daysOf[terms.codes[k]];
      // NaN (a missing date) makes the difference NaN, which equals nothing: such rows pass here.
      if (days === null || !(issued[k] === issued[k] && due[k] === due[k]) || due[k] - issued[k] === days) continue;
      issues.push(
        issueIn(context, table, k, "dueDate", "warning", ID, `Terms "${terms.values[terms.codes[k]]}" give ${days} days, but the due date is ${due[k] - issued[k]} days after the invoice date.`, "Check the due date or the terms."),
      );
    }
    return issues;
  },
});
