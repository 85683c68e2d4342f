import { issueAt } from "../issue";
import type { Rule } from "../types";

const ADDRESS = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[A-Za-z]{2,}$/;

/** True when every address in the cell (separated by ; or ,) looks like an email address. */
export function isValidEmailList(text: string): boolean {
  const addresses = text.split(/[;,]/).map((a) => a.trim()).filter(Boolean);
  return addresses.length > 0 && addresses.every((a) => ADDRESS.test(a.replace(/^.*<(.+)>$/, "$1")));
}

export const invalidEmail: Rule = {
  id: "invalid-email",
  title: "Email addresses are valid",
  check(rows, context) {
    if (context.mapping.email === undefined) return [];
    return rows
      .filter((r) => r.text.email !== "" && !isValidEmailList(r.text.email))
      .map((row) =>
        issueAt(context, row, "email", "warning", this.id, `"${row.text.email}" is not a valid email address: reminders cannot be sent to it.`, "Correct the address (name@example.com); separate several with a semicolon."),
      );
  },
};
