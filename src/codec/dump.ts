/**
 * A text dump of a data set or file in the layout of DCMTK's `dcmdump`: one line per element with
 * tag, VR, value, length, VM and keyword; sequences, items and encapsulated pixel data nested with
 * their (re-encoding) delimitation items.
 *
 * Where it departs from dcmdump: UIDs are named with PS3.6 registry keywords
 * (`=ExplicitVRLittleEndian`, dcmdump says `=LittleEndianExplicit`); floating point values are
 * the shortest text that reads back as the same value; control characters in text (CR, LF, TAB in
 * LT/ST/UT) are escaped as `\r`, `\n`, `\t`, `\xNN` so that every element stays on one line;
 * elements read as UN because their tag is unknown show `UN` (dcmdump: `??`).
 * @module
 */
import { encodeText } from "../charset/encode_text.ts";
import type { DataSet } from "../core/dataset.ts";
import type { DataElement, Fragments } from "../core/element.ts";
import { type Tag, tagElement, tagGroup } from "../core/tag.ts";
import { transferSyntax } from "../core/transfer_syntax.ts";
import { lookupUid } from "../core/uid_registry.ts";
import { type Vr, VR_INFO } from "../core/vr.ts";
import type { DicomFile } from "./read_file.ts";

/** Options of {@linkcode dumpDataSet} and {@linkcode dumpFile}. */
export interface DumpOptions {
  /**
   * Longest value text; longer values are cut and end with "..." (dcmdump's limit, 70 characters,
   * counting the brackets of text values). Default 70; `Infinity` prints whole values.
   */
  maxValueLength?: number;
  /** Indentation per nesting level. Default two spaces, as dcmdump. */
  indent?: string;
  /**
   * Whether the lengths of sequences and items given as explicit are computed for explicit VR
   * (element headers of 8 or 12 bytes) or implicit VR (8 bytes). Default true; `dumpFile` uses
   * the file's transfer syntax.
   */
  explicitVr?: boolean;
}

/** Width of the value column (dcmdump pads shorter values to it). */
const VALUE_COLUMN = 40;

/** dcmdump's names of the native transfer syntaxes. */
const DCMTK_TS_NAMES: Readonly<Record<string, string>> = {
  "1.2.840.10008.1.2": "Little Endian Implicit",
  "1.2.840.10008.1.2.1": "Little Endian Explicit",
  "1.2.840.10008.1.2.2": "Big Endian Explicit",
  "1.2.840.10008.1.2.1.99": "Deflated Explicit VR Little Endian",
};

interface Context {
  readonly max: number;
  readonly indent: string;
  readonly explicit: boolean;
  readonly lines: string[];
}

/**
 * A dcmdump-like text dump of a data set (no file header lines).
 * @example
 * ```ts
 * import { DataSet } from "../core/dataset.ts";
 * import { dumpDataSet } from "./dump.ts";
 * const ds = new DataSet();
 * ds.set("PatientName", "Doe^John");
 * dumpDataSet(ds);
 * // "(0010,0010) PN [Doe^John]                               #   8, 1 PatientName\n"
 * ```
 */
export function dumpDataSet(dataSet: DataSet, options: DumpOptions = {}): string {
  const ctx: Context = {
    max: options.maxValueLength ?? 70,
    indent: options.indent ?? "  ",
    explicit: options.explicitVr ?? true,
    lines: [],
  };
  dumpElements(dataSet, 0, ctx);
  return ctx.lines.length ? ctx.lines.join("\n") + "\n" : "";
}

/**
 * A dcmdump-like text dump of a file: the file meta information, then the data set, each headed
 * by the transfer syntax it is encoded in.
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { readDicom } from "./read_file.ts";
 * import { dumpFile } from "./dump.ts";
 * const file = readDicom(readFileSync("../shared/fixtures/pydicom-v3.0.2/test_files/CT_small.dcm"));
 * dumpFile(file).split("\n")[3]; // "# Dicom-Meta-Information-Header"
 * ```
 */
export function dumpFile(file: DicomFile, options: DumpOptions = {}): string {
  const ts = transferSyntax(file.transferSyntaxUid);
  const parts = ["", "# Dicom-File-Format", ""];
  parts.push("# Dicom-Meta-Information-Header");
  if (file.meta.size > 0) {
    parts.push("# Used TransferSyntax: Little Endian Explicit");
    parts.push(dumpDataSet(file.meta, { ...options, explicitVr: true }));
  } else {
    parts.push("# Used TransferSyntax: Unknown Transfer Syntax", ""); // no meta, as dcmdump says
  }
  parts.push(
    "# Dicom-Data-Set",
    `# Used TransferSyntax: ${transferSyntaxName(file.transferSyntaxUid)}`,
  );
  parts.push(dumpDataSet(file.dataSet, { explicitVr: ts?.explicitVr ?? true, ...options }));
  return parts.join("\n");
}

function transferSyntaxName(uid: string): string {
  return DCMTK_TS_NAMES[uid] ?? transferSyntax(uid)?.name ?? `Unknown Transfer Syntax ${uid}`;
}

function formatTagLower(tag: Tag): string {
  const hex = (n: number) => n.toString(16).padStart(4, "0");
  return `(${hex(tagGroup(tag))},${hex(tagElement(tag))})`;
}

/** One dcmdump line: tag, VR, value padded to its column, then length, VM and name. */
function line(
  ctx: Context,
  level: number,
  tag: Tag,
  vr: string,
  value: string,
  length: number | undefined,
  vm: number,
  name: string,
): void {
  const padded = value.length < VALUE_COLUMN ? value.padEnd(VALUE_COLUMN) : value;
  const len = length === undefined ? "u/l" : String(length).padStart(3);
  ctx.lines.push(
    `${ctx.indent.repeat(level)}${formatTagLower(tag)} ${vr} ${padded} # ${len},${
      String(vm).padStart(2)
    } ${name}`,
  );
}

function nameOf(ds: DataSet, tag: Tag): string {
  const entry = ds.entryOf(tag);
  if (entry === undefined || entry.keyword === "") return "Unknown Tag & Data";
  // dcmdump marks retired elements, but not the (retired) generic group length.
  return entry.retired && tagElement(tag) !== 0 ? `RETIRED_${entry.keyword}` : entry.keyword;
}

function dumpElements(ds: DataSet, level: number, ctx: Context): void {
  for (const e of ds.elements()) dumpElement(ds, e, level, ctx);
}

function dumpElement(ds: DataSet, e: DataElement, level: number, ctx: Context): void {
  const name = nameOf(ds, e.tag);
  if (e.vr === "SQ") {
    const items = e.items;
    const kind = e.undefinedLength ? "undefined" : "explicit";
    line(
      ctx,
      level,
      e.tag,
      "SQ",
      `(Sequence with ${kind} length #=${items.length})`,
      e.undefinedLength ? undefined : sequenceLength(ds, e, ctx.explicit),
      1,
      name,
    );
    for (const item of items) {
      const itemKind = item.undefinedLength ? "undefined" : "explicit";
      line(
        ctx,
        level + 1,
        0xfffee000,
        "na",
        `(Item with ${itemKind} length #=${item.size})`,
        item.undefinedLength ? undefined : itemLength(item, ctx.explicit),
        1,
        "Item",
      );
      dumpElements(item, level + 2, ctx);
      const delimiter = item.undefinedLength
        ? "(ItemDelimitationItem)"
        : "(ItemDelimitationItem for re-encoding)";
      line(ctx, level + 1, 0xfffee00d, "na", delimiter, 0, 0, "ItemDelimitationItem");
    }
    const end = e.undefinedLength
      ? "(SequenceDelimitationItem)"
      : "(SequenceDelimitationItem for re-encod.)";
    line(ctx, level, 0xfffee0dd, "na", end, 0, 0, "SequenceDelimitationItem");
    return;
  }
  const fragments = e.fragments;
  if (fragments) {
    const items = [fragments.basicOffsetTable, ...fragments.fragments];
    line(ctx, level, e.tag, e.vr, `(PixelSequence #=${items.length})`, undefined, 1, name);
    for (const item of items) {
      const text = item.length ? hexValues(item, 1, item.length, ctx.max) : "(no value available)";
      line(ctx, level + 1, 0xfffee000, "pi", text, item.length, 1, "Item");
    }
    line(
      ctx,
      level,
      0xfffee0dd,
      "na",
      "(SequenceDelimitationItem)",
      0,
      0,
      "SequenceDelimitationItem",
    );
    return;
  }
  const [text, vm] = valueText(ds, e, ctx.max);
  line(ctx, level, e.tag, e.vr, text, valueLength(ds, e), vm, name);
}

/** The value as dcmdump shows it, and the value multiplicity. */
function valueText(ds: DataSet, e: DataElement, max: number): [string, number] {
  const info = VR_INFO[e.vr];
  if (info.kind === "text") {
    const values = e.strings(info.usesCharacterSet ? ds.textDecoder() : undefined);
    if (values.length === 0) return ["(no value available)", 0];
    if (e.vr === "UI" && values.length === 1) {
      const keyword = lookupUid(values[0])?.keyword;
      if (keyword) return [`=${keyword}`, 1];
    }
    const text = `[${values.map(escapeControls).join("\\")}]`;
    return [text.length > max ? text.slice(0, Math.max(0, max - 3)) + "..." : text, values.length];
  }
  if (info.kind === "bytes") {
    const bytes = e.bytesLittleEndian() ?? new Uint8Array(0);
    if (bytes.length === 0) return ["(no value available)", 0];
    if (e.vr === "OF" || e.vr === "OD") {
      const size = info.size;
      const count = Math.floor(bytes.length / size);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const at = (i: number) =>
        size === 4
          ? formatFloat32(view.getFloat32(i * 4, true))
          : String(view.getFloat64(i * 8, true));
      return [joinNumbers(count, at, max), 1];
    }
    const unit = e.vr === "OW" ? 2 : e.vr === "OL" ? 4 : e.vr === "OV" ? 8 : 1;
    return [hexValues(bytes, unit, Math.floor(bytes.length / unit), max), 1];
  }
  const numbers = e.numbers() as (number | bigint)[];
  if (numbers.length === 0) return ["(no value available)", 0];
  const format = info.kind === "tag"
    ? (i: number) => formatTagLower(Number(numbers[i]))
    : e.vr === "FL"
    ? (i: number) => formatFloat32(Number(numbers[i]))
    : (i: number) => String(numbers[i]);
  return [joinNumbers(numbers.length, format, max), numbers.length];
}

/**
 * Numbers joined with backslashes while they fit in `max - 3` characters, then "..." (dcmdump's
 * rule for binary numbers).
 */
function joinNumbers(count: number, at: (i: number) => string, max: number): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    const next = (i === 0 ? "" : "\\") + at(i);
    if (out.length + next.length > max - 3) return out + "...";
    out += next;
  }
  return out;
}

/**
 * Hex words of `unit` bytes (little endian) joined with backslashes; when all would be longer
 * than `max`, only as many as fit before "..." (dcmdump's rule for OB/OW).
 */
function hexValues(bytes: Uint8Array, unit: number, count: number, max: number): string {
  const width = unit * 2;
  const full = count * (width + 1) - 1;
  const shown = full > max ? Math.min(count, Math.floor((max - 3 + 1) / (width + 1))) : count;
  const parts: string[] = new Array(shown);
  for (let i = 0; i < shown; i++) {
    let word = "";
    for (let b = unit - 1; b >= 0; b--) word += HEX[bytes[i * unit + b]];
    parts[i] = word;
  }
  return parts.join("\\") + (shown < count ? "..." : "");
}

const HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, i) => i.toString(16).padStart(2, "0"),
);

/** The shortest decimal text that reads back as the same 32-bit float. */
function formatFloat32(n: number): string {
  if (!Number.isFinite(n) || n === 0) return String(n);
  for (let p = 1; p < 9; p++) {
    const s = n.toPrecision(p);
    if (Math.fround(Number(s)) === n) return String(Number(s));
  }
  return String(n);
}

function escapeControls(s: string): string {
  // deno-lint-ignore no-control-regex
  return s.replace(/[\x00-\x1f\x7f]/g, (c) => {
    switch (c) {
      case "\r":
        return "\\r";
      case "\n":
        return "\\n";
      case "\t":
        return "\\t";
      default:
        return "\\x" + c.charCodeAt(0).toString(16).padStart(2, "0");
    }
  });
}

// ---- Lengths (what the value length field says, or would say when written) ----

/** The value length of a non-sequence element: as read, or as it would be encoded. */
function valueLength(ds: DataSet, e: DataElement): number {
  const raw = e.bytes;
  if (raw !== undefined) return raw.length;
  const info = VR_INFO[e.vr];
  if (info.kind === "text") {
    const values = e.decodedStrings ?? [];
    const text = values.join("\\");
    const length = info.usesCharacterSet
      ? encodeText(text, ds.characterSet, { vr: e.vr, replace: true }).length
      : text.length;
    return length + (length & 1);
  }
  const count = e.numbers().length;
  return count * (e.vr === "AT" ? 4 : info.size);
}

function headerLength(vr: Vr, explicit: boolean): number {
  return explicit && VR_INFO[vr].longLength ? 12 : 8;
}

/** Bytes an element takes when encoded: header, value, and delimiters of undefined lengths. */
function encodedLength(ds: DataSet, e: DataElement, explicit: boolean): number {
  const header = headerLength(e.vr, explicit);
  if (e.vr === "SQ") {
    const content = sequenceLength(ds, e, explicit);
    return header + content + (e.undefinedLength ? 8 : 0);
  }
  if (e.fragments) return header + fragmentsLength(e.fragments) + 8;
  return header + valueLength(ds, e);
}

function fragmentsLength(f: Fragments): number {
  let n = 8 + f.basicOffsetTable.length;
  for (const fragment of f.fragments) n += 8 + fragment.length;
  return n;
}

/** The items of a sequence: each with its header and, if undefined length, its delimiter. */
function sequenceLength(_ds: DataSet, e: DataElement, explicit: boolean): number {
  let n = 0;
  for (const item of e.items) n += 8 + itemLength(item, explicit) + (item.undefinedLength ? 8 : 0);
  return n;
}

function itemLength(item: DataSet, explicit: boolean): number {
  let n = 0;
  for (const e of item.elements()) n += encodedLength(item, e, explicit);
  return n;
}
