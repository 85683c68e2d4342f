import * as path from "path";
import { attribute, escapeXml, startTags } from "./xml";

/*
 * Open Packaging Conventions: relationships between parts and the content type of each part.
 */

export const REL = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  sharedStrings: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  table: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/table",
  drawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
  chart: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
};

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
};

export interface Relationship {
  id: string;
  type: string;
  /** The target part's name in the zip (no leading slash), or the raw target when external. */
  target: string;
  external: boolean;
}

/** The .rels part that holds a part's relationships: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relsPathOf(part: string): string {
  const dir = path.posix.dirname(part);
  return `${dir === "." ? "" : `${dir}/`}_rels/${path.posix.basename(part)}.rels`;
}

/** The relationships of a .rels part, targets resolved to part names. */
export function parseRelationships(xml: string | undefined, source: string): Relationship[] {
  if (!xml) return [];
  const base = path.posix.dirname(source);
  return startTags(xml, "Relationship").map((tag) => {
    const target = attribute(tag, "Target") ?? "";
    const external = attribute(tag, "TargetMode") === "External";
    const resolved = external ? target : target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(base === "." ? "" : base, target));
    return { id: attribute(tag, "Id") ?? "", type: attribute(tag, "Type") ?? "", target: resolved, external };
  });
}

/** A .rels part for these relationships, targets written relative to the source part. */
export function relationshipsXml(source: string, relationships: readonly Relationship[]): string {
  const base = path.posix.dirname(source);
  const items = relationships.map((r) => {
    const target = r.external ? r.target : path.posix.relative(base === "." ? "" : base, r.target);
    return `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(target)}"${r.external ? ' TargetMode="External"' : ""}/>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
}

/** [Content_Types].xml with the overrides of removed parts dropped and those of new parts added. */
export function updateContentTypes(xml: string, removed: ReadonlySet<string>, added: readonly { part: string; type: string }[]): string {
  let out = xml.replace(/<Override\b[^>]*>/g, (tag) => {
    const name = (attribute(tag, "PartName") ?? "").replace(/^\//, "");
    return removed.has(name) || added.some((a) => a.part === name) ? "" : tag;
  });
  const additions = added.map((a) => `<Override PartName="/${escapeXml(a.part)}" ContentType="${a.type}"/>`).join("");
  out = out.replace("</Types>", `${additions}</Types>`);
  return out;
}

/** The first name of the pattern `prefix{n}suffix` not already a part (n from 1). */
export function freePartName(taken: (name: string) => boolean, prefix: string, suffix: string): string {
  for (let n = 1; ; n++) {
    const name = `${prefix}${n}${suffix}`;
    if (!taken(name)) return name;
  }
}
