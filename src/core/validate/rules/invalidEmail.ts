import { distinctValues } from "../../parse/distinct";
import { customerCodes } from "../columns";
import { defineRule } from "../defineRule";
import { issueIn } from "../issue";
import type { Issue } from "../types";

const ID = "invalid-email";

const ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/;

/** True when every address in the cell (separated by ; or ,) looks like an email address. */
export function isValidEmailList(text: string): boolean {
  const addresses = text.split(/[;,]/).map((a) => a.trim()).filter(Boolean);
  return addresses.length > 0 && addresses.every((a) => ADDRESS.test(a.replace(/^.*<(.+)>$/, "$1")));
}

export const invalidEmail = defineRule({
  id: ID,
  title: "Email addresses are valid",
  checkColumns(table, context) {
    if (context.mapping.email === undefined) return [];
    // A customer's address repeats on each of its invoices: each distinct cell is checked once.
    const emails = distinctValues(table.text.email, customerCodes(table, context.mapping));
    const invalid = emails.values.map((email) => email !== "" && !isValidEmailList(email));
    if (!invalid.includes(true)) return [];
    const issues: Issue[] = [];
    for (let k = 0; k < table.length; k++) {
      if (!invalid[emails.codes[k]]) continue;
      const email = emails.values[emails.codes[k]];
      issues.push(issueIn(context, table, k, "email", "warning", ID, `"${email}" is not a valid email address: reminders cannot be sent to it.`, "Correct the address (name@example.com); separate several with a semicolon."));
    }
    return issues;
  },
});
