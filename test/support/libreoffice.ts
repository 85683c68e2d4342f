/**
 * LibreOffice Calc as an independent spreadsheet engine: it opens a workbook we wrote,
 * recalculates its formulas and exports every sheet to CSV, which we read back.
 * Needs `soffice` (Debian: libreoffice-calc-nogui; `npm test` installs it).
 */
import { execFileSync } from "child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { splitCsv } from "../../src/xlsx/csv";

/**
 * Every sheet of the workbook as LibreOffice computes it, by sheet name; numbers unformatted, or
 * with `asShown` as the cells show them (a date as its number format spells it).
 */
export function recalculateWithLibreOffice(xlsxFile: string, options: { asShown?: boolean } = {}): Map<string, string[][]> {
  const work = mkdtempSync(path.join(tmpdir(), "ar-desk-lo-"));
  try {
    // Own profile per run: two soffice processes sharing one profile block each other.
    const profile = `file://${path.join(work, "profile")}`;
    // Filter options: comma, double quote, UTF-8, from line 1, raw values (or as shown), all sheets (-1).
    const filter = `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,${options.asShown ? "true" : "false"},false,false,-1`;
    execFileSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", filter, "--outdir", work, xlsxFile], {
      stdio: "pipe",
      timeout: 180_000,
    });
    const base = path.parse(xlsxFile).name;
    const sheets = new Map<string, string[][]>();
    for (const file of readdirSync(work)) {
      if (!file.startsWith(`${base}-`) || !file.endsWith(".csv")) continue;
      sheets.set(file.slice(base.length + 1, -4), splitCsv(readFileSync(path.join(work, file), "utf8"), ","));
    }
    return sheets;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** LibreOffice's own .xlsx export of a file: it keeps only what it read (charts, formats, widths). */
export function libreOfficeRoundTrip(file: string): Buffer {
  const work = mkdtempSync(path.join(tmpdir(), "ar-desk-lo-roundtrip-"));
  try {
    const profile = `file://${path.join(work, "profile")}`;
    execFileSync("soffice", [`-env:UserInstallation=${profile}`, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", path.join(work, "out"), file], { stdio: "pipe", timeout: 180_000 });
    return readFileSync(path.join(work, "out", `${path.parse(file).name}.xlsx`));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
