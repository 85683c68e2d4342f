import { decodeCsv, sheetNameFor, sniffDelimiter, splitCsv, workbookFromCsv } from "../../src/xlsx/csv";

/** "Société;Montant\r\n" as Windows-1252 bytes: é is 0xE9. */
const CP1252 = Uint8Array.from([0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9, 0x3b, 0x4d, 0x6f, 0x6e, 0x74, 0x61, 0x6e, 0x74, 0x0d, 0x0a]);

describe("decodeCsv", () => {
  it("reads UTF-8 with and without a byte-order mark", () => {
    const text = "Société,Montant €\n";
    const bytes = new TextEncoder().encode(text);
    expect(decodeCsv(bytes)).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]))).toEqual({ text, encoding: "utf-8" });
  });

  it("falls back to Windows-1252", () => {
    expect(decodeCsv(CP1252)).toEqual({ text: "Société;Montant\r\n", encoding: "windows-1252" });
  });

  // Node 20's TextDecoder("windows-1252") decodes as ISO-8859-1; decodeCsv maps bytes 0x80–0x9F
  // (€, curly quotes, dashes, Œ, Š…) to Windows-1252's characters itself.
  it("decodes Windows-1252's own characters in 0x80–0x9F (€, quotes, dashes)", () => {
    expect(decodeCsv(Uint8Array.from([0x80, 0x20, 0x35, 0x20, 0x93, 0x78, 0x94, 0x96, 0xe9])).text).toBe("€ 5 \u201cx\u201d\u2013é");
  });

  it("reads empty input", () => expect(decodeCsv(new Uint8Array())).toEqual({ text: "", encoding: "utf-8" }));
});

describe("splitCsv", () => {
  it("splits rows and fields with RFC 4180 quoting", () => {
    expect(splitCsv('a,b,c\r\n"x, y","say ""hi""",\n"multi\nline",2,3', ",")).toEqual([["a", "b", "c"], ["x, y", 'say "hi"', ""], ["multi\nline", "2", "3"]]);
  });
  it("handles a last line without newline, lone CR and other delimiters", () => {
    expect(splitCsv("a;b\rc;d", ";")).toEqual([["a", "b"], ["c", "d"]]);
    expect(splitCsv("a\tb\n", "\t")).toEqual([["a", "b"]]);
    expect(splitCsv("", ",")).toEqual([]);
  });
});

describe("sniffDelimiter", () => {
  it.each([
    ["Invoice,Customer,Amount\nI1,Acme,100\n", ","],
    ["Facture;Client;Montant\nF1;Acme;1 234,50\nF2;Beta;12,00\n", ";"],
    ["Invoice\tCustomer\tAmount\nI1\tAcme, Inc.\t100\n", "\t"],
    ['Invoice,Customer,Amount\nI1,"Acme; Beta",100\n', ","],
  ])("%j → %j", (text, delimiter) => expect(sniffDelimiter(text)).toBe(delimiter));
});

describe("sheetNameFor", () => {
  it("names the sheet after the file, as Excel allows", () => {
    expect(sheetNameFor("/tmp/ar [2026]: export?.csv")).toBe("ar  2026   export");
    expect(sheetNameFor("x".repeat(40) + ".csv")).toHaveLength(31);
    expect(sheetNameFor(".csv")).toBe(".csv");
  });
});

describe("workbookFromCsv", () => {
  it("puts every cell as text on one sheet named after the file, blanks left empty", () => {
    const bytes = new TextEncoder().encode("Invoice;Amount;Note\nI1;1.234,50;\n");
    const workbook = workbookFromCsv(bytes, "export.csv");
    const sheet = workbook.getWorksheet("export")!;
    expect(sheet.getCell("A1").value).toBe("Invoice");
    expect(sheet.getCell("B2").value).toBe("1.234,50");
    expect(sheet.getCell("C2").value).toBeNull();
  });
});
