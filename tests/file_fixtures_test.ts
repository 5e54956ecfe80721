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

/** dcmdump's text with what legitimately differs between encodings taken out. */
function normalisedDump(path: string): string {
  const r = spawnSync("dcmdump", ["-q", "+uc", path], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`dcmdump failed on ${path}: ${r.stderr}`);
  return r.stdout.split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"))
    .filter((l) => !/^\s*\((0002,|fffe,e00d|fffe,e0dd)/.test(l)) // meta, delimiters
    .filter((l) => !/^\s*\(....,0000\) UL/.test(l)) // group lengths
    .map((l) => l.replace(/#.*$/, "").replace(/\((Sequence|Item) with [^)]*\)/, "($1)").trimEnd())
    .join("\n");
}

Deno.test("fixtures written in every uncompressed syntax read back with the same values, and dcmdump agrees", () => {
  const withDcmdump = requirePeer("dcmdump");
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-rt-"));
  try {
    let checked = 0;
    for (const [i, row] of readable.entries()) {
      const original = readDicom(readFileSync(row.path), { fileName: row.path });
      const encapsulated = original.dataSet.get(0x7fe00010)?.isEncapsulated ?? false;
      const targets = encapsulated ? [original.transferSyntaxUid] : UNCOMPRESSED;
      const before = withDcmdump ? normalisedDump(row.path) : "";
      for (const ts of targets) {
        if (transferSyntax(ts) === undefined) continue;
        const bytes = writeDicom(original.dataSet, ts, { meta: original.meta });
        const again = readDicom(bytes, { fileName: `${row.path} as ${ts}` });
        assertSameDataSet(again.dataSet, original.dataSet, `${row.path} as ${ts}`);
        if (withDcmdump) {
          const out = join(dir, `${i}_${basename(row.path)}_${ts}.dcm`);
          writeFileSync(out, bytes);
          assert.equal(normalisedDump(out), before, `dcmdump values differ: ${row.path} as ${ts}`);
        }
        checked++;
      }
    }
    assert.ok(checked > readable.length, `only ${checked} conversions checked`);
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
    if (file.warnings.length > 0 || file.preamble === undefined) continue;
    const out = writeDicom(file.dataSet, file.transferSyntaxUid, {
      meta: file.meta,
      preamble: file.preamble,
    });
    if (sameBytes(out, bytes)) identical.push(row.path);
    else different.push(row.path);
  }
  assert.deepEqual(different, [], `${identical.length} identical`);
});

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
