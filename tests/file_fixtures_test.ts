/**
 * The file codec against every real file in ../shared/fixtures: what DCMTK reads we read; what we
 * write in every uncompressed transfer syntax DCMTK reads back with the same values; malformed
 * files give typed errors, never crashes.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { DicomLimitError, DicomParseError } from "../src/codec/errors.ts";
import { readDicom } from "../src/codec/read_file.ts";
import { writeDicom } from "../src/codec/write_file.ts";
import { transferSyntax } from "../src/core/transfer_syntax.ts";
import { fixtureRows } from "./_fixtures.ts";
import { assertSameDataSet } from "./_compare.ts";
import { requirePeer } from "./_peers.ts";

const rows = fixtureRows();
const readable = rows.filter((r) => r.dcmdumpRc === 0);
const UNCOMPRESSED = [
  "1.2.840.10008.1.2",
  "1.2.840.10008.1.2.1",
  "1.2.840.10008.1.2.2",
  "1.2.840.10008.1.2.1.99",
];

Deno.test("every fixture that DCMTK reads is read without error", () => {
  const failures: string[] = [];
  for (const row of readable) {
    try {
      readDicom(readFileSync(row.path), { fileName: row.path });
    } catch (error) {
      failures.push(`${row.path}: ${(error as Error).message}`);
    }
  }
  assert.deepEqual(failures, []);
});

Deno.test("fixtures that DCMTK rejects give a typed error or warnings, never a crash", () => {
  for (const row of rows.filter((r) => r.dcmdumpRc !== 0)) {
    for (const lenient of [false, true]) {
      try {
        readDicom(readFileSync(row.path), { fileName: row.path, lenient });
      } catch (error) {
        assert.ok(
          error instanceof DicomParseError || error instanceof DicomLimitError,
          `${row.path}: ${error}`,
        );
      }
    }
  }
});

/** dcmdump's text of several files (one process per batch of files). */
function dcmdumpMany(paths: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < paths.length; i += 100) {
    const batch = paths.slice(i, i + 100);
    const r = spawnSync("dcmdump", ["-q", "+uc", ...batch], {
      encoding: "utf8",
      maxBuffer: 1 << 28,
    });
    if (r.status !== 0) throw new Error(`dcmdump failed on one of ${batch.join(" ")}: ${r.stderr}`);
    const parts = r.stdout.split(/^# Dicom-File-Format$/m).slice(1);
    assert.equal(parts.length, batch.length, "dcmdump printed one dump per file");
    out.push(...parts.map(normaliseDump));
  }
  return out;
}

/** dcmdump's text with what legitimately differs between encodings taken out. */
function normaliseDump(text: string): string {
  return text.split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .filter((l) => !/^\s*\((0002,|fffe,e00d|fffe,e0dd)/.test(l)) // meta, delimiters
    .filter((l) => !/^\s*\(....,0000\) UL/.test(l)) // group lengths
    .map((l) => l.replace(/\((Sequence|Item) with [^)]*\)/, "($1)").replace(/#.*$/, "").trimEnd())
    // In implicit VR, DCMTK prints ambiguous VRs as xs (US or SS), ox (OB or OW), lt (US, SS or OW).
    // (DCMTK also prints such values signed or as words depending on the encoding: the bytes are
    // compared by our own round trip instead.)
    .map((l) => l.replace(/^(\s*\([0-9a-f]{4},[0-9a-f]{4}\)) (US|SS|xs|lt) .*$/, "$1 xs"))
    .map(obOrOwAsBytes)
    .map((l) => l.replace(/^(\s*\([0-9a-f]{4},[0-9a-f]{4}\)) \?\? /, "$1 UN ")) // unknown VR
    .join("\n");
}

/**
 * OB and OW values of ambiguous elements (DCMTK: ox) as their first 8 bytes in little endian order,
 * so that the same bytes printed as words (OW) or bytes (OB) compare equal.
 */
function obOrOwAsBytes(line: string): string {
  const m = /^(\s*\([0-9a-f]{4},[0-9a-f]{4}\)) (OB|OW|ox) ([0-9a-f\\]+)/.exec(line);
  if (!m) return line;
  const bytes = m[3].split("\\").flatMap((v) => v.length === 4 ? [v.slice(2), v.slice(0, 2)] : [v]);
  return `${m[1]} ox ${bytes.slice(0, 8).join("\\")}`;
}

/**
 * Without private elements (odd groups) and what is nested in them: implicit VR cannot carry the
 * VR of a private element no dictionary knows, so readers (DCMTK included) see it as UN there.
 */
function withoutPrivate(dump: string): string {
  const out: string[] = [];
  let skipDeeperThan = -1;
  for (const line of dump.split("\n")) {
    const indent = line.length - line.trimStart().length;
    if (skipDeeperThan >= 0 && indent > skipDeeperThan) continue;
    skipDeeperThan = -1;
    if (/^\s*\([0-9a-f]{3}[13579bdf],/.test(line)) {
      skipDeeperThan = indent;
      continue;
    }
    out.push(line);
  }
  return out.join("\n");
}

Deno.test("fixtures written in every uncompressed syntax read back with the same values, and dcmdump agrees", () => {
  const withDcmdump = requirePeer("dcmdump");
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-rt-"));
  try {
    const written: { original: number; path: string; implicit: boolean; what: string }[] = [];
    for (const [i, row] of readable.entries()) {
      const original = readDicom(readFileSync(row.path), { fileName: row.path });
      const encapsulated = original.dataSet.get(0x7fe00010)?.isEncapsulated ?? false;
      const targets = encapsulated ? [original.transferSyntaxUid] : UNCOMPRESSED;
      for (const ts of targets) {
        if (transferSyntax(ts) === undefined) continue;
        const bytes = writeDicom(original.dataSet, ts, { meta: original.meta });
        const what = `${row.path} as ${ts}`;
        const again = readDicom(bytes, { fileName: what });
        assertSameDataSet(again.dataSet, original.dataSet, what);
        const path = join(dir, `${i}_${basename(row.path)}_${ts}.dcm`);
        writeFileSync(path, bytes);
        written.push({ original: i, path, implicit: ts === "1.2.840.10008.1.2", what });
      }
    }
    assert.ok(written.length > readable.length * 3, `only ${written.length} conversions checked`);
    if (!withDcmdump) return;
    const before = dcmdumpMany(readable.map((r) => r.path));
    const after = dcmdumpMany(written.map((w) => w.path));
    written.forEach((w, k) => {
      const expected = before[w.original];
      assert.equal(
        w.implicit ? withoutPrivate(after[k]) : after[k],
        w.implicit ? withoutPrivate(expected) : expected,
        `dcmdump values differ: ${w.what}`,
      );
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("a valid file written in its own transfer syntax is byte-identical", () => {
  const identical: string[] = [];
  const different: string[] = [];
  for (const row of readable) {
    const bytes = readFileSync(row.path);
    const file = readDicom(bytes, { fileName: row.path });
    // Valid input only; deflated data sets are excluded (another deflater gives other bytes).
    if (file.warnings.length > 0 || file.preamble === undefined) continue;
    if (transferSyntax(file.transferSyntaxUid)?.deflated) continue;
    const out = writeDicom(file.dataSet, file.transferSyntaxUid, {
      meta: file.meta,
      preamble: file.preamble,
    });
    if (sameBytes(out, bytes)) identical.push(row.path);
    else different.push(row.path);
  }
  assert.deepEqual(different, [], `${identical.length} identical`);
  assert.ok(identical.length > 300, `only ${identical.length} valid files compared`);
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
