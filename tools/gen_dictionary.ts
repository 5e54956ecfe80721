/**
 * Generates the data dictionary, the UID registry and the private dictionary tables in
 * `src/core/_generated/` from the machine-readable standard in `../shared/standard/`.
 *
 * ```sh
 * deno run --allow-read=.,../shared --allow-write=src tools/gen_dictionary.ts          # write
 * deno run --allow-read=.,../shared tools/gen_dictionary.ts --check                     # CI drift check
 * ```
 *
 * Sources and editions:
 * - `attributes.json`: PS3.6 tables 6-1, 7-1 and 8-1 (2025 snapshot of innolitics/dicom-standard).
 *   It wins over DCMTK for every public tag. Repeating groups keep PS3.6's `xx` notation as a
 *   pattern, e.g. `(60xx,3000)`. Item and delimitation tags (FFFE,E000/E00D/E0DD), whose VR column
 *   says "See Note 2", get no VR (an empty VR list): they are not data elements (PS3.5 7.5). The
 *   few retired elements that PS3.6 lists without name, keyword (and sometimes VR) are kept with
 *   empty strings so that their tags are still known.
 * - `commands.json`: the command group 0000 of PS3.7 Annex E (E.1-1 and the retired E.2-1) as listed
 *   by DCMTK 3.6.7. DCMTK's `RETIRED_` keyword prefix becomes the retired flag; the name is derived
 *   from the keyword (PS3.7 spells a few differently, see COMMAND_NAMES).
 * - `uids.json`: the UID registry of PS3.6 Annex A as shipped by pydicom 3.0.2.
 * - `dcmtk_private.dic`: DCMTK 3.6.7's private tag dictionary. Element `ee` (2 hex digits) matches
 *   that element offset in any block the creator reserves; a 4-digit element `bbee` matches only in
 *   block `bb` (DCMTK tries the exact element first, then `00ee`). Group ranges (`6001-o-60ff`) are
 *   kept as ranges. DCMTK's pseudo VRs `ox` and `px` become "OB or OW". Duplicate lines: the last
 *   wins, as in DCMTK.
 *
 * The rendering is a pure function of the input texts ({@linkcode renderGeneratedFiles}), so a test
 * can compare the committed files with a fresh rendering on Deno and on Bun alike.
 * @module
 */

/** The texts of the input files, by file name in `../shared/standard/`. */
export interface GeneratorInputs {
  /** `attributes.json`. */
  attributes: string;
  /** `commands.json`. */
  commands: string;
  /** `uids.json`. */
  uids: string;
  /** `dcmtk_private.dic`. */
  privateDictionary: string;
}

/** The input file names in `../shared/standard/`, by {@linkcode GeneratorInputs} field. */
export const INPUT_FILES: Readonly<Record<keyof GeneratorInputs, string>> = {
  attributes: "attributes.json",
  commands: "commands.json",
  uids: "uids.json",
  privateDictionary: "dcmtk_private.dic",
};

/** The generated files, relative to the project root. */
export const OUTPUT_FILES = {
  dictionary: "src/core/_generated/dictionary_data.ts",
  uids: "src/core/_generated/uid_data.ts",
  privateDictionary: "src/core/_generated/private_dictionary_data.ts",
} as const;

const VRS = new Set(
  ("AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR " +
    "US UT UV").split(" "),
);

/** PS3.7 names of command elements that {@linkcode nameFromKeyword} would spell differently. */
const COMMAND_NAMES: Readonly<Record<string, string>> = {
  CommandLengthToEnd: "Command Length to End",
  NumberOfRemainingSuboperations: "Number of Remaining Sub-operations",
  NumberOfCompletedSuboperations: "Number of Completed Sub-operations",
  NumberOfFailedSuboperations: "Number of Failed Sub-operations",
  NumberOfWarningSuboperations: "Number of Warning Sub-operations",
  NormalReverse: "Normal/Reverse",
};

const SMALL_WORDS = new Set(["Of", "And", "Or", "In", "For", "On", "At", "By", "The", "A"]);

/**
 * A readable name from a keyword: `AffectedSOPClassUID` → `Affected SOP Class UID`,
 * `NumberOfMatches` → `Number of Matches`.
 */
export function nameFromKeyword(keyword: string): string {
  const words = keyword
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .replace(/([a-zA-Z])([0-9])/g, "$1 $2")
    .split(" ");
  return words.map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w.toLowerCase() : w)).join(" ");
}

interface AttributeJson {
  tag: string;
  name: string;
  keyword: string;
  valueRepresentation: string;
  valueMultiplicity: string;
  retired: string;
}

interface CommandJson {
  tag: string;
  vr: string;
  keyword: string;
  vm: string;
  version: string;
}

export interface UidJson {
  uid: string;
  name: string;
  type: string;
  info: string;
  retired: boolean;
  keyword: string;
}

interface PublicRow {
  group: string;
  element: string;
  keyword: string;
  name: string;
  vr: string;
  vm: string;
  retired: boolean;
}

const str = (s: string): string => JSON.stringify(s);

function checkVrs(vr: string, where: string): void {
  if (vr === "") return;
  for (const v of vr.split(" or ")) {
    if (!VRS.has(v)) throw new Error(`Unknown VR in ${where}: ${vr}`);
  }
}

function parsePublicTag(tag: string, where: string): { group: string; element: string } {
  const m = /^\(([0-9A-Fa-fXx]{4}),([0-9A-Fa-fXx]{4})\)$/.exec(tag);
  if (!m) throw new Error(`Bad tag in ${where}: ${tag}`);
  const norm = (s: string) => s.toUpperCase().replace(/X/g, "x");
  return { group: norm(m[1]), element: norm(m[2]) };
}

function publicRows(inputs: GeneratorInputs): PublicRow[] {
  const rows = new Map<string, PublicRow>();
  for (const a of JSON.parse(inputs.attributes) as AttributeJson[]) {
    const { group, element } = parsePublicTag(a.tag, "attributes.json");
    // PS3.6 Table 8-1 note 2: item and delimitation tags have no VR.
    const vr = a.valueRepresentation.startsWith("See Note") ? "" : a.valueRepresentation;
    checkVrs(vr, `attributes.json ${a.tag}`);
    rows.set(`${group},${element}`, {
      group,
      element,
      keyword: a.keyword,
      name: a.name,
      vr,
      vm: a.valueMultiplicity,
      retired: a.retired === "Y",
    });
  }
  for (const c of JSON.parse(inputs.commands) as CommandJson[]) {
    const { group, element } = parsePublicTag(c.tag, "commands.json");
    if (group !== "0000") throw new Error(`Command element outside group 0000: ${c.tag}`);
    checkVrs(c.vr, `commands.json ${c.tag}`);
    const retired = c.version.endsWith("retired") || c.keyword.startsWith("RETIRED_");
    const keyword = c.keyword.replace(/^RETIRED_/, "");
    // commands.json wins for group 0000.
    rows.set(`${group},${element}`, {
      group,
      element,
      keyword,
      name: COMMAND_NAMES[keyword] ?? nameFromKeyword(keyword),
      vr: c.vr,
      vm: c.vm,
      retired,
    });
  }
  const keywords = new Map<string, string>();
  for (const r of rows.values()) {
    if (r.keyword === "") continue;
    const other = keywords.get(r.keyword);
    if (other !== undefined) {
      throw new Error(`Duplicate keyword ${r.keyword}: (${other}) and (${r.group},${r.element})`);
    }
    keywords.set(r.keyword, `${r.group},${r.element}`);
  }
  return [...rows.values()];
}

function renderDictionary(inputs: GeneratorInputs): string {
  const rows = publicRows(inputs);
  const exact = rows.filter((r) => !`${r.group}${r.element}`.includes("x"));
  const repeating = rows.filter((r) => `${r.group}${r.element}`.includes("x"));
  exact.sort((a, b) => (a.group + a.element < b.group + b.element ? -1 : 1));
  repeating.sort((a, b) => (a.group + a.element < b.group + b.element ? -1 : 1));
  const out: string[] = [];
  out.push(
    "// Generated by tools/gen_dictionary.ts from ../shared/standard/attributes.json " +
      "(PS3.6 tables 6-1, 7-1, 8-1; 2025 snapshot of innolitics/dicom-standard) and " +
      "../shared/standard/commands.json (PS3.7 Annex E, as listed by DCMTK 3.6.7); do not edit.",
    "",
    "/**",
    ' * A public data element: [tag, keyword, name, VR(s) as PS3.6 writes them ("US or SS"; empty',
    " * for item/delimitation tags and for retired elements listed without VR), VM, retired].",
    " */",
    "export type DictionaryRow = readonly [",
    "  tag: number,",
    "  keyword: string,",
    "  name: string,",
    "  vr: string,",
    "  vm: string,",
    "  retired: boolean,",
    "];",
    "",
    '/** A repeating-group data element: like {@linkcode DictionaryRow} with a PS3.6 pattern such as "(60xx,3000)". */',
    "export type RepeatingDictionaryRow = readonly [",
    "  pattern: string,",
    "  keyword: string,",
    "  name: string,",
    "  vr: string,",
    "  vm: string,",
    "  retired: boolean,",
    "];",
    "",
    `/** The ${exact.length} public data elements with a fixed tag, incl. the command group 0000, by tag. */`,
    "// A function, not a constant: engines parse its body only when the table is first used.",
    "export function dictionaryRows(): readonly DictionaryRow[] {",
    "  return [",
  );
  for (const r of exact) {
    out.push(
      `  [0x${r.group}${r.element}, ${str(r.keyword)}, ${str(r.name)}, ${str(r.vr)}, ${
        str(r.vm)
      }, ${r.retired}],`,
    );
  }
  out.push(
    "  ];",
    "}",
    "",
    `/** The ${repeating.length} data elements of repeating groups (PS3.5 7.6) and ranges, by pattern. */`,
    "// A function, not a constant: engines parse its body only when the table is first used.",
    "export function repeatingDictionaryRows(): readonly RepeatingDictionaryRow[] {",
    "  return [",
  );
  for (const r of repeating) {
    out.push(
      `  [${str(`(${r.group},${r.element})`)}, ${str(r.keyword)}, ${str(r.name)}, ${str(r.vr)}, ${
        str(r.vm)
      }, ${r.retired}],`,
    );
  }
  out.push("  ];", "}", "");
  return out.join("\n");
}

/**
 * Transfer syntaxes registered in PS3.6 Table A-1 after the pydicom 3.0.2 table that uids.json
 * comes from (PS3.6 2024b-2025b editions); appended when the input lacks them.
 */
export const SUPPLEMENTARY_UIDS: readonly UidJson[] = [
  {
    uid: "1.2.840.10008.1.2.8.1",
    keyword: "DeflatedImageFrameCompression",
    name: "Deflated Image Frame Compression",
    type: "Transfer Syntax",
    info: "PS3.6 2024b",
    retired: false,
  },
  {
    uid: "1.2.840.10008.1.2.4.110",
    keyword: "JPEGXLLossless",
    name: "JPEG XL Lossless",
    type: "Transfer Syntax",
    info: "PS3.6 2024c",
    retired: false,
  },
  {
    uid: "1.2.840.10008.1.2.4.111",
    keyword: "JPEGXLJPEGRecompression",
    name: "JPEG XL JPEG Recompression",
    type: "Transfer Syntax",
    info: "PS3.6 2024c",
    retired: false,
  },
  {
    uid: "1.2.840.10008.1.2.4.112",
    keyword: "JPEGXL",
    name: "JPEG XL",
    type: "Transfer Syntax",
    info: "PS3.6 2024c",
    retired: false,
  },
];

function renderUids(inputs: GeneratorInputs): string {
  const given = JSON.parse(inputs.uids) as UidJson[];
  const present = new Set(given.map((u) => u.uid));
  const uids = [...given, ...SUPPLEMENTARY_UIDS.filter((u) => !present.has(u.uid))];
  const seen = new Set<string>();
  const keywords = new Set<string>();
  for (const u of uids) {
    if (!/^[0-9]+(\.[0-9]+)*$/.test(u.uid)) throw new Error(`Bad UID in uids.json: ${u.uid}`);
    if (seen.has(u.uid)) throw new Error(`Duplicate UID in uids.json: ${u.uid}`);
    seen.add(u.uid);
    if (u.keyword !== "") {
      if (keywords.has(u.keyword)) throw new Error(`Duplicate UID keyword: ${u.keyword}`);
      keywords.add(u.keyword);
    }
  }
  const out: string[] = [
    "// Generated by tools/gen_dictionary.ts from ../shared/standard/uids.json " +
    "(PS3.6 Annex A UID registry as shipped by pydicom 3.0.2) and SUPPLEMENTARY_UIDS in the " +
    "generator (newer transfer syntaxes); do not edit.",
    "",
    "/** A registered UID: [uid, keyword, name, type, info, retired]. */",
    "export type UidRow = readonly [",
    "  uid: string,",
    "  keyword: string,",
    "  name: string,",
    "  type: string,",
    "  info: string,",
    "  retired: boolean,",
    "];",
    "",
    `/** The ${uids.length} UIDs of PS3.6 Annex A, in the source's order. */`,
    "// A function, not a constant: engines parse its body only when the table is first used.",
    "export function uidRows(): readonly UidRow[] {",
    "  return [",
  ];
  for (const u of uids) {
    out.push(
      `  [${str(u.uid)}, ${str(u.keyword)}, ${str(u.name)}, ${str(u.type)}, ${str(u.info)}, ${
        u.retired === true
      }],`,
    );
  }
  out.push("  ];", "}", "");
  return out.join("\n");
}

interface PrivateRow {
  creator: string;
  firstGroup: number;
  lastGroup: number;
  element: number;
  vr: string;
  keyword: string;
  vm: string;
}

function parsePrivateDictionary(text: string): PrivateRow[] {
  const rows = new Map<string, PrivateRow>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === "" || line.trimStart().startsWith("#")) return;
    const where = `dcmtk_private.dic line ${index + 1}`;
    const fields = line.split("\t").map((f) => f.trim());
    if (fields.length < 4) throw new Error(`Too few fields in ${where}`);
    const m =
      /^\(([0-9A-Fa-f]{4})(?:-o-([0-9A-Fa-f]{4}))?,"([^"]*)",([0-9A-Fa-f]{2}|[0-9A-Fa-f]{4})\)$/
        .exec(fields[0]);
    if (!m) throw new Error(`Unsupported tag in ${where}: ${fields[0]}`);
    const firstGroup = parseInt(m[1], 16);
    const lastGroup = m[2] !== undefined ? parseInt(m[2], 16) : firstGroup;
    if ((firstGroup & 1) !== 1) throw new Error(`Even private group in ${where}`);
    // DCMTK pseudo VRs: ox = OB or OW, px = pixel data (OB or OW).
    const vr = fields[1] === "ox" || fields[1] === "px" ? "OB or OW" : fields[1];
    checkVrs(vr, where);
    if (vr === "") throw new Error(`Missing VR in ${where}`);
    const row: PrivateRow = {
      creator: m[3],
      firstGroup,
      lastGroup,
      element: parseInt(m[4], 16),
      vr,
      // A few DCMTK keywords contain a space ("End NumberForBaseline"); dcmdump prints them without.
      keyword: fields[2].replaceAll(" ", ""),
      vm: fields[3],
    };
    rows.set(`${row.creator}\0${firstGroup}\0${lastGroup}\0${row.element}`, row);
  });
  return [...rows.values()].sort((a, b) =>
    a.creator < b.creator ? -1 : a.creator > b.creator ? 1 : a.firstGroup - b.firstGroup ||
      a.lastGroup - b.lastGroup || a.element - b.element
  );
}

const hex = (n: number, digits: number): string =>
  "0x" + n.toString(16).toUpperCase().padStart(digits, "0");

function renderPrivateDictionary(inputs: GeneratorInputs): string {
  const rows = parsePrivateDictionary(inputs.privateDictionary);
  const out: string[] = [
    "// Generated by tools/gen_dictionary.ts from ../shared/standard/dcmtk_private.dic " +
    "(DCMTK 3.6.7 private tag dictionary); do not edit.",
    "",
    "/**",
    " * A private data element: [creator, first group, last group (odd groups in between), element,",
    " * VR(s), keyword, VM]. An element below 0x0100 is the offset `ee` in any block the creator",
    " * reserves; a larger one (`bbee`) applies only in block `bb` (DCMTK's rule).",
    " */",
    "export type PrivateDictionaryRow = readonly [",
    "  creator: string,",
    "  firstGroup: number,",
    "  lastGroup: number,",
    "  element: number,",
    "  vr: string,",
    "  keyword: string,",
    "  vm: string,",
    "];",
    "",
    `/** The ${rows.length} private data elements DCMTK knows, by creator, group and element. */`,
    "// A function, not a constant: engines parse its body only when the table is first used.",
    "export function privateDictionaryRows(): readonly PrivateDictionaryRow[] {",
    "  return [",
  ];
  for (const r of rows) {
    out.push(
      `  [${str(r.creator)}, ${hex(r.firstGroup, 4)}, ${hex(r.lastGroup, 4)}, ${
        hex(r.element, r.element > 0xff ? 4 : 2)
      }, ${str(r.vr)}, ${str(r.keyword)}, ${str(r.vm)}],`,
    );
  }
  out.push("  ];", "}", "");
  return out.join("\n");
}

/**
 * Renders the three generated files from the input texts: a map from path (relative to the
 * project root) to file content. Pure and deterministic.
 * @example
 * ```ts ignore
 * import { readFileSync } from "node:fs";
 * import { INPUT_FILES, renderGeneratedFiles } from "./gen_dictionary.ts";
 * const read = (name: string) => readFileSync(`../shared/standard/${name}`, "utf8");
 * const files = renderGeneratedFiles({
 *   attributes: read(INPUT_FILES.attributes),
 *   commands: read(INPUT_FILES.commands),
 *   uids: read(INPUT_FILES.uids),
 *   privateDictionary: read(INPUT_FILES.privateDictionary),
 * });
 * files["src/core/_generated/uid_data.ts"].startsWith("// Generated"); // true
 * ```
 */
export function renderGeneratedFiles(inputs: GeneratorInputs): Record<string, string> {
  return {
    [OUTPUT_FILES.dictionary]: renderDictionary(inputs),
    [OUTPUT_FILES.uids]: renderUids(inputs),
    [OUTPUT_FILES.privateDictionary]: renderPrivateDictionary(inputs),
  };
}

async function main(args: string[]): Promise<number> {
  const check = args.includes("--check");
  const root = new URL("../", import.meta.url);
  const standard = new URL("../shared/standard/", root);
  const read = (name: string) => Deno.readTextFile(new URL(name, standard));
  const inputs: GeneratorInputs = {
    attributes: await read(INPUT_FILES.attributes),
    commands: await read(INPUT_FILES.commands),
    uids: await read(INPUT_FILES.uids),
    privateDictionary: await read(INPUT_FILES.privateDictionary),
  };
  const files = renderGeneratedFiles(inputs);
  let stale = 0;
  for (const [path, content] of Object.entries(files)) {
    const url = new URL(path, root);
    let current: string | undefined;
    try {
      current = await Deno.readTextFile(url);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
    if (current === content) continue;
    if (check) {
      console.error(`${path} is out of date: run deno task gen`);
      stale++;
    } else {
      await Deno.mkdir(new URL(".", url), { recursive: true });
      await Deno.writeTextFile(url, content);
      console.log(`wrote ${path}`);
    }
  }
  return stale === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main(Deno.args));
