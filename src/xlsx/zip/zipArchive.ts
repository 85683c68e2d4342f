import { once } from "events";
import { Readable } from "stream";
import * as zlib from "zlib";

/*
 * Just enough of the zip format for .xlsx files: read the central directory, inflate the parts
 * AR Desk reads, and write a new archive in which every part it does not own is copied as the
 * original compressed bytes (local header, data and descriptor untouched), so the user's parts
 * come out byte for byte as they went in.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = 0x08074b50;
/** Sizes and offsets that say "look in the zip64 record", which these files never need. */
const ZIP64_MARK = 0xffffffff;

/** One part of the archive as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local header in the archive. */
  localOffset: number;
  /** The central directory record as found, copied into the new archive with a new offset. */
  central: Buffer;
}

/** Thrown when the bytes are not a zip this reader can take; callers say "damaged" to the user. */
export class ZipFormatError extends Error {}

/** Thrown for valid archives outside what this reader handles (zip64, encryption). */
export class ZipUnsupportedError extends Error {}

/** The archive's parts, by name, from its central directory. */
export function readDirectory(bytes: Buffer): Map<string, ZipEntry> {
  const end = findEndOfDirectory(bytes);
  const count = bytes.readUInt16LE(end + 10);
  const size = bytes.readUInt32LE(end + 12);
  const offset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || size === ZIP64_MARK || offset === ZIP64_MARK) throw new ZipUnsupportedError("zip64 archive");
  if (offset + size > bytes.length) throw new ZipFormatError("central directory out of range");
  const entries = new Map<string, ZipEntry>();
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipFormatError("bad central directory record");
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const length = 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      name: bytes.toString(flags & 0x800 ? "utf8" : "latin1", at + 46, at + 46 + nameLength),
      method: bytes.readUInt16LE(at + 10),
      crc: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      central: bytes.subarray(at, at + length),
    };
    if (flags & 0x1) throw new ZipUnsupportedError("encrypted part");
    if (entry.compressedSize === ZIP64_MARK || entry.size === ZIP64_MARK || entry.localOffset === ZIP64_MARK) throw new ZipUnsupportedError("zip64 part");
    entries.set(entry.name, entry);
    at += length;
  }
  return entries;
}

function findEndOfDirectory(bytes: Buffer): number {
  // The record is 22 bytes plus a comment of up to 64 KiB, at the very end.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) return at;
  }
  throw new ZipFormatError("no end of central directory");
}

/** Where an entry's compressed data starts and how long its stored form (header to descriptor) is. */
function localSpan(bytes: Buffer, entry: ZipEntry): { dataStart: number; end: number } {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw new ZipFormatError(`bad local header for ${entry.name}`);
  const flags = bytes.readUInt16LE(at + 6);
  const dataStart = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  let end = dataStart + entry.compressedSize;
  if (end > bytes.length) throw new ZipFormatError(`${entry.name} runs past the end of the file`);
  if (flags & 0x8) end += end + 4 <= bytes.length && bytes.readUInt32LE(end) === DATA_DESCRIPTOR ? 16 : 12;
  return { dataStart, end: Math.min(end, bytes.length) };
}

/** An entry's uncompressed bytes. */
export function inflateEntry(bytes: Buffer, entry: ZipEntry): Buffer {
  const { dataStart } = localSpan(bytes, entry);
  const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipUnsupportedError(`compression method ${entry.method}`);
  try {
    return zlib.inflateRawSync(data);
  } catch {
    throw new ZipFormatError(`${entry.name} cannot be decompressed`);
  }
}

/**
 * An entry's uncompressed bytes as a stream of chunks, for parts too big to hold whole. Stopping
 * the iteration early stops the decompression.
 */
export function inflateEntryChunks(bytes: Buffer, entry: ZipEntry): AsyncIterable<Buffer> {
  const { dataStart } = localSpan(bytes, entry);
  const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
  if (entry.method === 0) return Readable.from([data]);
  if (entry.method !== 8) throw new ZipUnsupportedError(`compression method ${entry.method}`);
  const inflater = zlib.createInflateRaw({ chunkSize: 1 << 18 });
  inflater.end(data);
  return inflater;
}

const crc32 = (data: Buffer): number => zlib.crc32(data) >>> 0;

/** New content already deflated, with what the zip records need about it. */
export interface DeflatedData {
  compressed: Buffer;
  crc: number;
  size: number;
}

/** Deflates new content; big parts at a low level, where speed matters more than a few percent of size. */
export function deflateData(data: Buffer): DeflatedData {
  return { compressed: zlib.deflateRawSync(data, { level: data.length > 1_000_000 ? 1 : 6 }), crc: crc32(data), size: data.length };
}

/**
 * Deflates content arriving in pieces on zlib's worker thread while the pieces are still being
 * made, holding only the compressed result.
 */
export async function deflateChunks(chunks: Iterable<Buffer>, level: number): Promise<DeflatedData> {
  const deflater = zlib.createDeflateRaw({ level });
  const compressed: Buffer[] = [];
  deflater.on("data", (piece: Buffer) => compressed.push(piece));
  const finished = new Promise<void>((resolve, reject) => {
    deflater.on("end", resolve);
    deflater.on("error", reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    if (!deflater.write(chunk)) await once(deflater, "drain");
  }
  deflater.end();
  await finished;
  return { compressed: Buffer.concat(compressed), crc: crc >>> 0, size };
}

/** A part to write: copied as it was from the original archive, or new content. */
export type OutputPart = { name: string; original: ZipEntry } | { name: string; deflated: DeflatedData };

/** 1980-01-01 00:00, the earliest zip time: new parts get a fixed stamp so equal input gives equal output. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A new archive with the parts in this order. Original parts are copied from `source` without
 * being decompressed; new ones are deflated.
 */
export function writeArchive(source: Buffer, parts: readonly OutputPart[]): Buffer {
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    if ("original" in part) {
      const { end } = localSpan(source, part.original);
      const stored = source.subarray(part.original.localOffset, end);
      const central = Buffer.from(part.original.central);
      central.writeUInt32LE(offset, 42);
      chunks.push(stored);
      directory.push(central);
      offset += stored.length;
      continue;
    }
    const name = Buffer.from(part.name, "utf8");
    const { compressed, crc, size } = part.deflated;
    const flags = /[^\x20-\x7e]/.test(part.name) ? 0x800 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL_HEADER, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    chunks.push(local, name, compressed);
    directory.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directorySize = directory.reduce((sum, b) => sum + b.length, 0);
  if (offset > ZIP64_MARK - directorySize || parts.length >= 0xffff) throw new ZipUnsupportedError("the workbook would need zip64");
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_DIRECTORY, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...directory, end]);
}
