/**
 * Acceptance test of the DICOM JSON Model writer against pydicom: every fixture DCMTK accepts is
 * read with `readDicom` (lenient) and converted with `dataSetToJson`, and the result must equal
 * `Dataset.to_json_dict` of Debian's pydicom (run once for all files by tests/pydicom_json.py),
 * after the normalisations listed in NORMALISATIONS below. Anything else that differs fails the
 * test, except the differences in KNOWN_DIFFERENCES (reader defects waiting for a fix, each with
 * its reason); an entry there that no longer differs fails the test too, so the list stays true.
 * @module
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { decodeBase64 } from "../src/codec/base64.ts";
import { dataSetToJson, type DicomJsonObject } from "../src/codec/dicom_json.ts";
import { DataSet } from "../src/core/dataset.ts";
import { DataElement } from "../src/core/element.ts";
import { isPrivateCreatorTag, isPrivateTag } from "../src/core/tag.ts";
import { isVr } from "../src/core/vr.ts";
import { readDicom } from "../src/codec/read_file.ts";
import { fixtureRows, FIXTURES_DIR, PROJECT_ROOT } from "./_fixtures.ts";
import { requirePeer } from "./_peers.ts";

/** pydicom's threshold on the length of the base64 text, above which a value is bulk data. */
const BULK_THRESHOLD = 1024;

/**
 * The representational differences between pydicom 2.3's `to_json_dict` and PS3.18 F.2 that the
 * comparison removes from pydicom's side. (tests/pydicom_json.py documents what it does before
 * the JSON crosses over: bulk data as sha256 URIs, big endian OW/OF/OD/OL/OV swapped to little
 * endian, integers beyond 2^53 and NaN as strings, elements pydicom cannot convert reported apart.)
 */
const NORMALISATIONS = [
  // 1. PS3.18 F.2.2: "Group Length (gggg,0000) attributes shall not be included"; pydicom keeps them.
  "group length attributes dropped",
  // 2. PS3.18 F.2.5: an empty attribute has no "Value"; pydicom writes "Value": [] for a sequence
  //    with no items.
  "empty sequence Value [] dropped",
  // 3. PS3.18 F.2.2: only the non-empty component groups of a PN are written; pydicom writes
  //    "Alphabetic": "" when the first group is empty and keeps empty later groups. Empty groups
  //    are dropped, and a PN value left with none is null (F.2.5), as is pydicom's "" for it.
  "empty PN component groups dropped; empty PN values null",
  // 4. PS3.18 F.2.5: empty values of a multi-valued attribute are null; pydicom writes "".
  "empty text values null",
  // 5. pydicom strips the padding at the end of the whole value field only, so inner values of
  //    multi-valued text keep trailing spaces ("DERIVED \\PRIMARY"); PS3.5 Table 6.2-1 makes them
  //    insignificant, and they are removed from each value.
  "trailing spaces of each text value removed",
  // 6. DS "-0" is -0.0 in pydicom; JSON has no negative zero (JSON.stringify(-0) is "0").
  "negative zero is zero",
  // 7. Private elements that DCMTK's private dictionary (ours) does not know but pydicom's does
  //    are UN here and typed in pydicom: our UN bytes are re-read with pydicom's VR, and the
  //    result must equal pydicom's attribute.
  "UN where pydicom's private dictionary knows the VR: compared after re-reading with its VR",
] as const;

/**
 * Differences that are defects of our reader (or of pydicom), tolerated here until fixed:
 * key `fixture path relative to the fixtures folder` + " " + tag path; value: the reason.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Applies NORMALISATIONS to pydicom's JSON of a data set. */
function normalisePydicom(ds: Record<string, Json>): DicomJsonObject {
  const out: Record<string, Json> = {};
  for (const [key, raw] of Object.entries(ds)) {
    if (key.endsWith("0000")) continue; // 1
    const attribute = { ...(raw as Record<string, Json>) };
    const value = attribute.Value;
    if (Array.isArray(value)) {
      if (attribute.vr === "SQ") {
        if (value.length === 0) delete attribute.Value; // 2
        else attribute.Value = value.map((item) => normalisePydicom(item as Record<string, Json>));
      } else if (attribute.vr === "PN") {
        attribute.Value = value.map((v) => {
          if (!isObject(v)) return v === "" ? null : v;
          const groups = Object.fromEntries(Object.entries(v).filter(([, g]) => g !== "")); // 3
          return Object.keys(groups).length === 0 ? null : groups;
        });
      } else {
        attribute.Value = value.map((v) => {
          if (typeof v === "string") {
            const trimmed = v.replace(/ +$/, ""); // 5
            return trimmed === "" ? null : trimmed; // 4
          }
          return Object.is(v, -0) ? 0 : v; // 6
        });
      }
    }
    out[key] = attribute;
  }
  return out as DicomJsonObject;
}

/**
 * Our JSON, with bulk data as the same `sha256:<hex>:<length>` URIs the script writes, passed
 * through JSON text as a DICOMweb client would see it; and the Specific Character Set element.
 */
function ourJson(path: string): { json: DicomJsonObject; charset: DataElement | undefined } {
  const file = readDicom(readFileSync(path), { lenient: true, fileName: path });
  const json = dataSetToJson(file.dataSet, {
    bulkDataThreshold: 0,
    bulkDataUri: (_path, _element, value) =>
      Math.ceil(value.length / 3) * 4 > BULK_THRESHOLD
        ? `sha256:${createHash("sha256").update(value).digest("hex")}:${value.length}`
        : undefined,
  });
  return { json: JSON.parse(JSON.stringify(json)), charset: file.dataSet.get(0x00080005) };
}

/**
 * Normalisation 7: our UN attribute re-read with pydicom's VR, when pydicom typed a private element
 * from its private dictionary; undefined when that does not apply.
 */
function rereadUn(
  key: string,
  ours: Record<string, Json> | undefined,
  theirs: Record<string, Json> | undefined,
  charset: DataElement | undefined,
): Json {
  const tag = parseInt(key, 16);
  if (
    ours?.vr !== "UN" || typeof ours.InlineBinary !== "string" || typeof theirs?.vr !== "string" ||
    theirs.vr === "UN" || !isVr(theirs.vr) || !isPrivateTag(tag) || isPrivateCreatorTag(tag)
  ) {
    return undefined;
  }
  const ds = new DataSet();
  if (charset) ds.add(charset);
  ds.add(DataElement.fromBytes(tag, theirs.vr, decodeBase64(ours.InlineBinary), true));
  return JSON.parse(JSON.stringify(dataSetToJson(ds)[key]));
}

interface Difference {
  path: string;
  ours: Json;
  theirs: Json;
}

/** The differing attributes of two JSON data sets, by tag path, descending into sequences. */
function compare(
  ours: Json,
  theirs: Json,
  prefix: string,
  charset: DataElement | undefined,
  out: Difference[],
  rereads: string[],
): void {
  const a = ours as Record<string, Json>;
  const b = theirs as Record<string, Json>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const path = `${prefix}(${key.slice(0, 4)},${key.slice(4)})`;
    const x = a[key] as Record<string, Json> | undefined;
    const y = b[key] as Record<string, Json> | undefined;
    if (
      x && y && x.vr === "SQ" && y.vr === "SQ" && Array.isArray(x.Value) &&
      Array.isArray(y.Value) && x.Value.length === y.Value.length
    ) {
      x.Value.forEach((item, i) =>
        compare(item, (y.Value as Json[])[i], `${path}[${i}].`, charset, out, rereads)
      );
      continue;
    }
    if (isDeepStrictEqual(x, y)) continue;
    const reread = rereadUn(key, x, y, charset);
    if (reread !== undefined && isDeepStrictEqual(reread, y)) {
      rereads.push(path);
      continue;
    }
    out.push({ path, ours: x, theirs: y });
  }
}

function isDeepStrictEqual(a: Json, b: Json): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

function short(v: Json): string {
  const s = JSON.stringify(v) ?? "undefined";
  return s.length > 160 ? s.slice(0, 157) + "..." : s;
}

/** Python's environment: UTF-8 output whatever the locale. */
const PYTHON_ENV = { PYTHONUTF8: "1", PYTHONIOENCODING: "utf-8", PYTHONDONTWRITEBYTECODE: "1" };

// Needs --allow-env besides --allow-read and --allow-run on Deno (node:child_process reads it).
const available = requirePeer("pydicom");

Deno.test({
  name: "dataSetToJson matches pydicom's to_json_dict on every fixture DCMTK accepts",
  ignore: !available,
  fn() {
    const rows = fixtureRows().filter((r) => r.dcmdumpRc === 0);
    assert.ok(rows.length > 0, "no fixtures found");
    const script = join(PROJECT_ROOT, "tests", "pydicom_json.py");
    const run = spawnSync("/usr/bin/python3", [script], {
      input: rows.map((r) => r.path).join("\n") + "\n",
      encoding: "utf8",
      maxBuffer: 1 << 28,
      env: PYTHON_ENV,
    });
    assert.equal(run.status, 0, `pydicom_json.py failed: ${run.stderr}`);
    const records = run.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(records.length, rows.length);

    const unexpected: string[] = [];
    const seenKnown = new Set<string>();
    let identical = 0;
    for (const record of records) {
      const name = relative(FIXTURES_DIR, record.path);
      if (record.fatal) {
        console.log(`  pydicom cannot read ${name}: ${record.fatal}; skipped`);
        continue;
      }
      const pydicomErrors = record.errors as Record<string, string>;
      let ours: ReturnType<typeof ourJson>;
      try {
        ours = ourJson(record.path);
      } catch (e) {
        unexpected.push(`${name}: readDicom/dataSetToJson threw ${(e as Error).message}`);
        continue;
      }
      const differences: Difference[] = [];
      const rereads: string[] = [];
      compare(ours.json, normalisePydicom(record.json), "", ours.charset, differences, rereads);
      if (rereads.length > 0) {
        console.log(
          `  ${name}: ${rereads.length} private UN elements typed by pydicom (normalisation 7)`,
        );
      }
      const left = differences.filter((d) => {
        if (pydicomErrors[d.path] !== undefined) {
          // pydicom could not convert this element; nothing to compare against.
          console.log(
            `  ${name} ${d.path}: pydicom failed (${pydicomErrors[d.path]}); ours ${short(d.ours)}`,
          );
          return false;
        }
        const key = `${name} ${d.path}`;
        if (KNOWN_DIFFERENCES[key] !== undefined) {
          seenKnown.add(key);
          return false;
        }
        return true;
      });
      if (differences.length === 0) identical++;
      for (const d of left) {
        unexpected.push(
          `${name} ${d.path}:\n    ours   ${short(d.ours)}\n    pydicom ${short(d.theirs)}`,
        );
      }
    }
    for (const [key, reason] of Object.entries(KNOWN_DIFFERENCES)) {
      if (!seenKnown.has(key)) {
        unexpected.push(`${key}: known difference (${reason}) is gone; remove it`);
      } else console.log(`  known difference ${key}: ${reason}`);
    }
    console.log(
      `  ${identical}/${records.length} fixtures identical to pydicom (${NORMALISATIONS.length} normalisations)`,
    );
    if (unexpected.length > 0) {
      assert.fail(`${unexpected.length} unexpected differences:\n${unexpected.join("\n")}`);
    }
  },
});
