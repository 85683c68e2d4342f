import { simpleParser } from "mailparser";
import { parseAddresses } from "../../../src/core/reminders/addresses";
import fc from "fast-check";
import { base64Utf8, buildEml, emlFileName, encodeHeaderText } from "../../../src/core/reminders/eml";
import { mailtoLink } from "../../../src/core/reminders/mailto";

const message = {
  from: { email: "ar@northwind.example", name: "Sam Lée" },
  to: ["ap@acme.example"],
  cc: ["team@northwind.example"],
  subject: "Rappel de paiement – Bâtiments Dupont – 1 234,56 € en retard, avec un sujet assez long pour être replié",
  text: "Bonjour,\nLigne deux — été.\n",
  html: "<p>Bonjour,<br>été</p>",
  date: new Date(Date.UTC(2026, 2, 31, 12)),
};

describe(".eml", () => {
  it("is an RFC 5322 draft a standard parser reads back", async () => {
    const eml = buildEml(message);
    expect(eml.split("\r\n").every((line) => line.length <= 998)).toBe(true);
    expect(eml.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const header = eml.slice(0, eml.indexOf("\r\n\r\n"));
    expect(header.split("\r\n").every((line) => line.length <= 78)).toBe(true);
    const parsed = await simpleParser(eml);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.from?.value).toEqual([{ address: "ar@northwind.example", name: "Sam Lée" }]);
    expect((parsed.to as { text: string }).text).toBe("ap@acme.example");
    expect((parsed.cc as { text: string }).text).toBe("team@northwind.example");
    expect(parsed.text).toBe("Bonjour,\nLigne deux — été.\n");
    expect(parsed.html).toContain("<p>Bonjour,<br>été</p>");
    expect(parsed.headers.get("x-unsent")).toBe("1");
    expect(parsed.date?.toISOString()).toBe("2026-03-31T12:00:00.000Z");
  });

  it("never lets data break a header", async () => {
    const eml = buildEml({ ...message, to: ["x@y.com\r\nBcc: evil@z.com"], subject: "Hi\r\nBcc: evil@z.com", from: { email: "ar@n.example", name: "Sam\nBcc: evil@z.com" } });
    const header = eml.slice(0, eml.indexOf("\r\n\r\n"));
    expect(header).not.toMatch(/^Bcc:/im);
    const parsed = await simpleParser(eml);
    expect(parsed.bcc).toBeUndefined();
    expect(parsed.to).toBeUndefined(); // "x@y.com Bcc: evil@z.com" is not an address: dropped
    expect(parsed.subject).toBe("Hi Bcc: evil@z.com");
    expect(parseAddresses("x@y.com\r\nBcc: evil@z.com")).toEqual({ valid: ["x@y.com", "evil@z.com"], invalid: ["Bcc:"] });
  });

  it("encodes non-ASCII subjects as encoded-words and leaves ASCII alone", () => {
    expect(encodeHeaderText("Payment reminder")).toBe("Payment reminder");
    expect(encodeHeaderText("Café")).toBe("=?UTF-8?B?Q2Fmw6k=?=");
  });

  it("is built without Node's Buffer, as in the task pane", async () => {
    const global = globalThis as { Buffer?: typeof Buffer };
    const saved = global.Buffer;
    let eml: string;
    try {
      delete global.Buffer;
      eml = buildEml(message);
    } finally {
      global.Buffer = saved;
    }
    const parsed = await simpleParser(eml);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text).toBe("Bonjour,\nLigne deux — été.\n");
  });

  it("encodes base64 exactly as Node does, for any text", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (text) => base64Utf8(text) === Buffer.from(text, "utf8").toString("base64")));
    expect(base64Utf8("")).toBe("");
    expect(base64Utf8("ab")).toBe("YWI=");
  });

  it("names files safely", () => {
    expect(emlFileName("Acme / Ltd: <EU>", "first")).toBe("Acme-Ltd-EU-first.eml");
    expect(emlFileName("Bâtiments Dupont", "final", "EUR")).toBe("Batiments-Dupont-EUR-final.eml");
    expect(emlFileName("../../etc", "x")).toBe("etc-x.eml");
  });
});

describe("mailto", () => {
  it("percent-encodes subject and body, CRLF line breaks", () => {
    expect(mailtoLink({ to: ["ap@acme.example"], cc: ["t@n.example"], subject: "Rappel – été & co", body: "Line 1\nLine 2" })).toBe(
      "mailto:ap@acme.example?cc=t@n.example&subject=Rappel%20%E2%80%93%20%C3%A9t%C3%A9%20%26%20co&body=Line%201%0D%0ALine%202",
    );
  });
  it("is null when too long or without an address", () => {
    expect(mailtoLink({ to: ["a@b.example"], subject: "s", body: "x".repeat(2000) })).toBeNull();
    expect(mailtoLink({ to: ["nope"], subject: "s", body: "b" })).toBeNull();
  });
});
