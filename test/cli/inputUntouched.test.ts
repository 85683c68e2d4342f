/**
 * The command line never changes its input file unless --out names it: every command, hashed
 * before and after.
 */
import { createHash } from "crypto";
import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { runCli, tempDir } from "../support/cliRunner";

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("the input workbook", () => {
  it("is byte for byte the same after every command that was not told to write it", async () => {
    const dir = tempDir();
    const book = path.join(dir, "book.xlsx");
    expect((await runCli("sample", book, "--as-of", "2026-11-23")).code).toBe(0);
    const sender = path.join(dir, "sender.json");
    writeFileSync(sender, JSON.stringify({ company: "Northwind Ltd", name: "Sam Lee", email: "ar@northwind.example" }));
    const before = sha(book);
    const commands: string[][] = [
      ["refresh", book, "--as-of", "2026-11-23"],
      ["refresh", book, "--as-of", "2026-11-23", "--snapshot", "--json", "--out", path.join(dir, "snap.xlsx")],
      ["validate", book, "--as-of", "2026-11-23", "--out", path.join(dir, "checked.xlsx")],
      ["reminders", book, "--as-of", "2026-11-23", "--sender", sender, "--eml", path.join(dir, "eml"), "--out", path.join(dir, "reminders.xlsx")],
    ];
    for (const command of commands) {
      const run = await runCli(...command);
      expect({ command: command[0], code: run.code < 2 }).toEqual({ command: command[0], code: true });
      expect({ command: command.join(" "), hash: sha(book) }).toEqual({ command: command.join(" "), hash: before });
    }
  });
});
