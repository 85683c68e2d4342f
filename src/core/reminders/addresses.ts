/** A plain addr-spec: local part, @, a domain with at least one dot. No display names, no comments. */
const ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;

/** True for a single plain email address (name@example.com). */
export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && ADDRESS.test(text);
}

/**
 * The email addresses in a cell: separated by semicolons, commas, spaces or line breaks, with or
 * without `Name <address>`. Anything else (including whatever follows a line break that tries to
 * start a header) is returned as invalid, never passed on.
 * @example parseAddresses("ap@acme.com; Jane <jane@acme.com>") // { valid: ["ap@acme.com", "jane@acme.com"], invalid: [] }
 */
export function parseAddresses(text: string | undefined): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  if (!text) return { valid, invalid };
  // Nearly every cell is one plain address: nothing in it separates, brackets or needs cleaning,
  // so the general reading below would give just the cell.
  if (isEmailAddress(text)) {
    valid.push(text);
    return { valid, invalid };
  }
  const clean = text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, " ");
  const parts = clean.split(/[;,]/);
  const seen = new Set<string>();
  for (const part of parts) {
    const bracketed = [...part.matchAll(/<([^<>]*)>/g)].map((m) => m[1].trim());
    const tokens = bracketed.length ? bracketed : part.split(/\s+/);
    const rest = bracketed.length ? part.replace(/<[^<>]*>/g, " ").replace(/["']/g, "").trim() : "";
    for (const raw of tokens) {
      const token = raw.replace(/^mailto:/i, "").trim();
      if (!token) continue;
      if (isEmailAddress(token)) {
        if (!seen.has(token.toLowerCase())) valid.push(token);
        seen.add(token.toLowerCase());
      } else invalid.push(token);
    }
    // A display name before <address> is fine; text after a bracketed address is not.
    if (bracketed.length && /[@:]/.test(rest)) invalid.push(rest);
  }
  return { valid, invalid };
}
