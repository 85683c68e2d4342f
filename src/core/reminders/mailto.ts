import { isEmailAddress } from "./addresses";
import { headerSafe } from "./eml";

/** The longest mailto: link offered; many mail programs and browsers cut longer ones. */
export const MAILTO_LIMIT = 2000;

const encode = (text: string) => encodeURIComponent(text).replace(/%40/g, "@");

/**
 * A `mailto:` link (RFC 6068) with the subject and the text body, percent-encoded, line breaks as
 * %0D%0A; null when it would be longer than the limit or there is no valid address.
 * @example mailtoLink({ to: ["ap@acme.com"], subject: "Reminder", body: "Hello" }) // "mailto:ap@acme.com?subject=Reminder&body=Hello"
 */
export function mailtoLink(draft: { to: readonly string[]; cc?: readonly string[]; subject: string; body: string }, limit = MAILTO_LIMIT): string | null {
  const valid = (list: readonly string[] | undefined) => (list ?? []).map(headerSafe).filter(isEmailAddress);
  const to = valid(draft.to);
  if (to.length === 0) return null;
  const cc = valid(draft.cc);
  const query = [
    ...(cc.length ? [`cc=${cc.map(encode).join(",")}`] : []),
    `subject=${encode(headerSafe(draft.subject))}`,
    `body=${encode(draft.body.replace(/\r\n|\r|\n/g, "\r\n"))}`,
  ];
  const link = `mailto:${to.map(encode).join(",")}?${query.join("&")}`;
  return link.length <= limit ? link : null;
}
