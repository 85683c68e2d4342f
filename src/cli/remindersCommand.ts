import { promises as fs } from "fs";
import * as path from "path";
import { ArDeskError } from "../core/errors";
import { isoFromDay } from "../core/parse/dates";
import { minorDigits, unitsFromMinor } from "../core/parse/money";
import { emlFileName } from "../core/reminders/eml";
import type { Sender, TemplateSet } from "../core/reminders/templates";
import { draftReminders, reminderEml } from "../workbook/reminders";
import { openWorkbook, saveWorkbookAtomically } from "../xlsx/files";
import { XlsxWorkbookPort } from "../xlsx/xlsxPort";
import type { ParsedArgs } from "./args";
import { asOfFlag } from "./flags";
import type { Io } from "./main";

export const REMINDERS_USAGE = `  ar-desk reminders <book.xlsx|.csv> [--as-of YYYY-MM-DD] [--table <name>] [--eml <dir>] [--json]
                    [--out <file>] [--sender <sender.json>] [--templates <templates.json>]
      Drafts one reminder per overdue customer (courtesy, first, second, third reminder, final
      notice; collections past 90 days) from the templates, writes one .eml draft per customer
      to --eml (Outlook opens them as drafts), and with --out the "AR Reminders" sheet (a
      mail-merge source; rows marked Sent there are not drafted again). --sender names a JSON
      file {company, name, email, signature, paymentInstructions, paymentLink, cc}. Exit code 1
      when a template problem held drafts back.`;

const stringFlag = (args: ParsedArgs, name: string) => (typeof args.flags[name] === "string" ? (args.flags[name] as string) : undefined);

async function readJson<T>(file: string, what: string): Promise<T> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch {
    throw new ArDeskError("FILE_NOT_FOUND", `Cannot read the ${what} file ${file}.`, "Check the path.");
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new ArDeskError("BAD_OPTION", `The ${what} file ${file} is not valid JSON (${(error as Error).message}).`, "Fix the JSON and run again.");
  }
}

/** `ar-desk reminders`: select, check, render and write the reminders of a workbook. Returns the exit code. */
export async function remindersCommand(args: ParsedArgs, io: Io): Promise<number> {
  const input = args.positional[0];
  if (!input) throw new ArDeskError("BAD_OPTION", "Missing book.xlsx.", "Usage: ar-desk reminders <book.xlsx>. Run `ar-desk help` for more.");
  const day = asOfFlag(args);
  const senderFile = stringFlag(args, "sender");
  const templatesFile = stringFlag(args, "templates");
  const { workbook, typedCells } = await openWorkbook(input);
  const port = new XlsxWorkbookPort(workbook);
  // Company details and templates saved in the workbook come first; files given here go over them.
  const result = await draftReminders(port, {
    asOf: day,
    table: stringFlag(args, "table"),
    typedCells,
    sender: senderFile ? await readJson<Sender>(senderFile, "sender") : undefined,
    templates: templatesFile ? await readJson<TemplateSet>(templatesFile, "templates") : undefined,
  });
  const { reminders, held, problems, selection, sender, source } = result;

  const emlDir = stringFlag(args, "eml");
  const files = new Map<(typeof reminders)[number], string>();
  if (emlDir) {
    await fs.mkdir(emlDir, { recursive: true });
    const taken = new Set<string>();
    for (const r of reminders) {
      let name = emlFileName(r.draft.customer, r.draft.level.id, r.draft.currency);
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = name.replace(/(-\d+)?\.eml$/, `-${n}.eml`);
      taken.add(name.toLowerCase());
      const file = path.join(emlDir, name);
      await fs.writeFile(file, reminderEml(r, sender), "utf8");
      files.set(r, file);
    }
  }

  const output = stringFlag(args, "out");
  // The sheet is already in the workbook in memory; only --out saves it.
  if (output) await saveWorkbookAtomically(workbook, output, port.charts);

  const money = (minor: number, currency: string) => unitsFromMinor(minor, minorDigits(currency || undefined));
  const brief = (d: (typeof selection.drafts)[number]) => ({ customer: d.customer, level: d.level.id, total: money(d.totalMinor, d.currency), currency: d.currency, invoices: d.items.map((i) => i.invoice) });
  if (args.flags.json) {
    io.out(
      JSON.stringify(
        {
          asOf: isoFromDay(day),
          drafts: reminders.map((r) => ({ ...brief(r.draft), to: r.draft.to, subject: r.subject, eml: files.get(r) ?? null })),
          held: held.map((r) => ({ ...brief(r.draft), problems: r.problems.map((p) => p.message) })),
          skipped: selection.skipped.map((s) => ({ customer: s.customer, currency: s.currency, reason: s.reason, code: s.code, invoices: s.invoices, total: money(s.totalMinor, s.currency) })),
          needsContact: selection.needsContact.map((d) => ({ ...brief(d), invalidEmails: d.invalidEmails })),
          collections: selection.collections.map((d) => ({ ...brief(d), oldestDaysOverdue: d.oldestDaysOverdue })),
          problems: problems.map((p) => ({ kind: p.kind, level: p.level, language: p.language, part: p.part ?? null, placeholder: p.placeholder ?? null, message: p.message, customers: p.customers })),
          rowsSkipped: result.rowsSkipped,
          out: output ?? null,
        },
        null,
        2,
      ),
    );
  } else {
    const lines = [`Reminders as of ${isoFromDay(day)} from table ${source.table} on sheet ${source.sheet}:`, `  ${reminders.length} drafted${emlDir ? ` (.eml files in ${emlDir})` : ""}`];
    for (const r of reminders) lines.push(`    ${r.draft.customer}: ${r.draft.level.name}, ${money(r.draft.totalMinor, r.draft.currency)} ${r.draft.currency} to ${r.draft.to.join(", ")}`);
    if (held.length) lines.push(`  ${held.length} held back by template problems:`);
    for (const p of problems) lines.push(`    ${p.message} (${p.level}, ${p.language}${p.part ? `, ${p.part}` : ""}) for ${p.customers.join(", ")}`);
    if (selection.needsContact.length) lines.push(`  ${selection.needsContact.length} need a contact (no email): ${selection.needsContact.map((d) => d.customer).join(", ")}`);
    if (selection.collections.length) lines.push(`  ${selection.collections.length} for collections: ${selection.collections.map((d) => d.customer).join(", ")}`);
    if (selection.skipped.length) lines.push(`  ${selection.skipped.length} skipped:`, ...selection.skipped.map((s) => `    ${s.customer}: ${s.reason}`));
    if (result.rowsSkipped) lines.push(`  ${result.rowsSkipped} rows with errors were left out (run ar-desk validate).`);
    if (output) lines.push(`Wrote the AR Reminders sheet to ${output}`);
    io.out(lines.join("\n"));
  }
  return held.length ? 1 : 0;
}
