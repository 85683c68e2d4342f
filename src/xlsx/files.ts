import type ExcelJS from "exceljs";
import { promises as fs } from "fs";
import * as path from "path";
import { ArDeskError } from "../core/errors";
import { addCharts } from "./charts";
import type { PendingChart } from "./xlsxPort";
import { XlsxPackage } from "./zip/xlsxPackage";
import { ZipUnsupportedError } from "./zip/zipArchive";

/** The first bytes of every .xlsx (a zip) and of encrypted/legacy Office files (an OLE2 compound file). */
const ZIP_MAGIC = "504b0304";
const OLE2_MAGIC = "d0cf11e0";

/** A workbook opened for AR Desk, and whether its cells carry types (not for CSV). */
export interface OpenedInput {
  /** An .xlsx package read part by part, or (CSV, and the rare zip64 workbook) an ExcelJS workbook. */
  workbook: ExcelJS.Workbook | XlsxPackage;
  typedCells: boolean;
}

/** True for the text formats read as CSV. */
export function isCsvPath(file: string): boolean {
  return /\.(csv|tsv|txt)$/i.test(file);
}

/**
 * An .xlsx workbook or a .csv file read from disk, or an ArDeskError that names the file and says what to do:
 * missing file, a folder, a password-protected or old .xls file, anything that is not a workbook.
 */
export async function openWorkbook(file: string): Promise<OpenedInput> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ArDeskError("FILE_NOT_FOUND", `File not found: ${file}.`, "Check the path and the file name.");
    if (code === "EISDIR") throw new ArDeskError("NOT_A_WORKBOOK", `${file} is a folder, not a workbook.`, "Give the path of an .xlsx file.");
    throw new ArDeskError("NOT_A_WORKBOOK", `Cannot read ${file} (${code ?? "unknown error"}).`, "Check that the file exists and you may read it.");
  }
  // ExcelJS (behind the CSV reader) takes a while to load; .xlsx files never need it.
  if (isCsvPath(file)) return { workbook: (await import("./csv")).workbookFromCsv(bytes, file), typedCells: false };
  const magic = bytes.subarray(0, 4).toString("hex");
  if (magic === OLE2_MAGIC) {
    throw new ArDeskError(
      "NOT_A_WORKBOOK",
      `${file} is password-protected or in the old .xls format; AR Desk cannot read it.`,
      "Open it in Excel, remove the password if it has one, and save it as an .xlsx workbook.",
    );
  }
  if (magic !== ZIP_MAGIC) {
    throw new ArDeskError("NOT_A_WORKBOOK", `${file} is not an Excel workbook (.xlsx) or a .csv file.`, "Save it from Excel as an .xlsx workbook (or CSV) and try again.");
  }
  const damaged = () => new ArDeskError("NOT_A_WORKBOOK", `${file} looks like a workbook but cannot be read: it may be damaged.`, "Open it in Excel and save it again as .xlsx.");
  try {
    return { workbook: XlsxPackage.open(bytes, file), typedCells: true };
  } catch (error) {
    if (error instanceof ArDeskError) throw error;
    if (!(error instanceof ZipUnsupportedError)) throw damaged();
  }
  // A zip64 archive (a workbook of several GB): ExcelJS reads those, in memory.
  const { default: ExcelJSModule } = await import("exceljs");
  const workbook = new ExcelJSModule.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw damaged();
  }
  return { workbook, typedCells: true };
}

/**
 * Writes the workbook to a temporary file beside the target, then renames it over the target,
 * so a crash or a full disk never leaves a half-written workbook under the user's file name.
 */
export async function saveWorkbookAtomically(workbook: ExcelJS.Workbook | XlsxPackage, file: string, charts: readonly PendingChart[] = []): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    const bytes = workbook instanceof XlsxPackage ? workbook.save() : Buffer.from(await workbook.xlsx.writeBuffer());
    await fs.writeFile(temporary, charts.length && !(workbook instanceof XlsxPackage) ? await addCharts(bytes, charts) : bytes);
    await fs.rename(temporary, file);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new ArDeskError("WRITE_FAILED", `Could not write ${file} (${detail}).`, "Check that the folder exists, is writable and the file is not open in another program.");
  }
}

/** The default output beside the input: book.xlsx → book.ar.xlsx. */
export function defaultOutputPath(input: string): string {
  const parsed = path.parse(input);
  return path.join(parsed.dir, `${parsed.name}.ar.xlsx`);
}
