/**
 * The looks AR Desk writes into .xlsx files (column widths, number formats, the aging's colour
 * scale, the risk tiers' fills) as an independent reader understands them:
 * LibreOffice opens what the command line wrote and saves it again as .xlsx, keeping only what it read.
 */
import JSZip from "jszip";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";
import { libreOfficeRoundTrip } from "../support/libreoffice";

jest.setTimeout(240_000);

const AS_OF = "2026-11-23";
const attr = (xml: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1];

let zip: JSZip;

/** The XML of a sheet by name, found through workbook.xml and its relationships. */
async function sheetXml(sheet: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const element = [...workbook.matchAll(/<sheet [^>]*>/g)].map((m) => m[0]).find((s) => attr(s, "name") === sheet)!;
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  const rel = [...rels.matchAll(/<Relationship [^>]*>/g)].map((m) => m[0]).find((r) => attr(r, "Id") === attr(element, "r:id"))!;
  return zip.file(`xl/${attr(rel, "Target")!.replace(/^\/?xl\//, "")}`)!.async("string");
}

beforeAll(async () => {
  const dir = tempDir();
  expect((await runCli("sample", path.join(dir, "sample.xlsx"), "--as-of", AS_OF)).code).toBe(0);
  const refresh = await runCli("refresh", path.join(dir, "sample.xlsx"), "--as-of", AS_OF);
  expect(refresh.stderr).toBe("");
  zip = await JSZip.loadAsync(libreOfficeRoundTrip(path.join(dir, "sample.ar.xlsx")));
});

test("the columns keep their widths", async () => {
  const firstColumn = /<col [^>]*min="1"[^>]*>/.exec(await sheetXml("AR Aging"))![0];
  expect(Number(attr(firstColumn, "width"))).toBeCloseTo(34, 0);
  // (Frozen panes are view settings, which LibreOffice without a window does not save: not checked here.)
});

test("the aging's bucket cells keep a white-to-red colour scale", async () => {
  const xml = await sheetXml("AR Aging");
  const scale = /<conditionalFormatting [^>]*>[\s\S]*?<\/conditionalFormatting>/.exec(xml)?.[0] ?? "";
  expect(scale).toContain("<colorScale>");
  expect(scale).toMatch(/rgb="FFFFFFFF"/i);
  expect(scale).toMatch(/rgb="FFF8696B"/i);
});

test("risk tiers keep their fills and money its number format", async () => {
  const styles = await zip.file("xl/styles.xml")!.async("string");
  const fills = [...styles.matchAll(/<fill>[\s\S]*?<\/fill>/g)].map((m) => m[0]);
  const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
  const formats = new Map([...styles.matchAll(/<numFmt [^>]*>/g)].map((m) => [attr(m[0], "numFmtId"), attr(m[0], "formatCode")]));
  const strings = await zip.file("xl/sharedStrings.xml")!.async("string");
  const stringIndex = (text: string) => [...strings.matchAll(/<si>([\s\S]*?)<\/si>/g)].findIndex((m) => m[1].replace(/<[^>]+>/g, "") === text);
  const risk = await sheetXml("AR Risk");
  // Cells of the Tier column that say "Critical" (or, failing any, "High") are filled with their colour.
  const tier = stringIndex("Critical") >= 0 && risk.includes(`<v>${stringIndex("Critical")}</v>`) ? { text: "Critical", rgb: "FFFFC7CE" } : { text: "High", rgb: "FFFFCC99" };
  const cell = new RegExp(`<c [^>]*s="(\\d+)"[^>]*t="s"[^>]*><v>${stringIndex(tier.text)}</v>`).exec(risk);
  expect(cell).not.toBeNull();
  const fill = fills[Number(attr(xfs[Number(cell![1])], "fillId"))];
  expect(fill).toMatch(new RegExp(`rgb="${tier.rgb}"`, "i"));

  const aging = await sheetXml("AR Aging");
  const money = [...aging.matchAll(/<c [^>]*s="(\d+)"[^>]*>/g)].map((m) => formats.get(attr(xfs[Number(m[1])], "numFmtId")!));
  expect(money).toContain("#,##0.00;\\-#,##0.00");
});
