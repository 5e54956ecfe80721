/**
 * Reference decodings of the compressed fixtures for the codec fixture tests: pydicom 2.3.1
 * (GDCM, Pillow and RLE handlers; Pillow's OpenJPEG for HTJ2K; zlib for deflated frames) run by
 * tests/_pydicom_pixels.py, with `gdcmconv --raw` as the fallback for files pydicom cannot decode.
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDicom } from "../src/codec/read_file.ts";
import { decodeFrameWithInfo } from "../src/pixel/decode_frame.ts";
import { imageDescriptionOf } from "../src/pixel/frame_pixels.ts";
import assert from "node:assert/strict";
import { fixtureRows, PROJECT_ROOT } from "./_fixtures.ts";
import { requirePeer } from "./_peers.ts";

/** The compressed transfer syntaxes of the fixtures. */
export const COMPRESSED = /^(1\.2\.840\.10008\.1\.2\.(4\.\d+|5|8\.1))$/;

/** Syntaxes whose fixtures are lossy (compared within a tolerance). */
export const LOSSY = new Set([
  "1.2.840.10008.1.2.4.50",
  "1.2.840.10008.1.2.4.51",
  "1.2.840.10008.1.2.4.81",
  "1.2.840.10008.1.2.4.91",
  "1.2.840.10008.1.2.4.203",
]);

/** One fixture to compare. */
export interface CodecFixture {
  path: string;
  name: string;
  transferSyntaxUid: string;
}

/** The compressed fixtures (by the transfer syntax our reader finds), optionally filtered. */
export function compressedFixtures(keep: (uid: string) => boolean): CodecFixture[] {
  const out: CodecFixture[] = [];
  for (const row of fixtureRows()) {
    if (row.dcmdumpRc !== 0) continue;
    let uid: string;
    try {
      uid = readDicom(readFileSync(row.path), { lenient: true }).transferSyntaxUid;
    } catch {
      continue;
    }
    if (!COMPRESSED.test(uid) || !keep(uid)) continue;
    if (row.rows === "") continue; // not an image (UN_sequence.dcm)
    out.push({ path: row.path, name: row.path.split("/fixtures/")[1], transferSyntaxUid: uid });
  }
  return out;
}

/** A reference decoding: all frames' samples, colour-by-pixel, or why there is none. */
export interface Reference {
  samples?: ArrayLike<number>;
  shape?: number[];
  handler?: string;
  error?: string;
}

const DTYPES: Record<string, new (b: ArrayBuffer) => ArrayLike<number>> = {
  uint8: Uint8Array,
  int8: Int8Array,
  uint16: Uint16Array,
  int16: Int16Array,
  uint32: Uint32Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
};

/** Runs the pydicom reference script over `paths`; one `Reference` per path. */
export function pydicomReferences(paths: string[]): Map<string, Reference> {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-ref-"));
  try {
    const r = spawnSync(
      "/usr/bin/python3",
      [join(PROJECT_ROOT, "tests", "_pydicom_pixels.py"), dir, ...paths],
      { encoding: "utf8", maxBuffer: 1 << 26, timeout: 120_000 },
    );
    const out = new Map<string, Reference>();
    for (const line of (r.stdout ?? "").split("\n")) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as {
        path: string;
        file: string | null;
        shape?: number[];
        dtype?: string;
        handler?: string;
        error: string | null;
      };
      if (row.file === null || row.dtype === undefined || DTYPES[row.dtype] === undefined) {
        out.set(row.path, { error: row.error ?? `dtype ${row.dtype}` });
        continue;
      }
      const bytes = readFileSync(row.file);
      const copy = new Uint8Array(bytes.length);
      copy.set(bytes);
      out.set(row.path, {
        samples: new DTYPES[row.dtype](copy.buffer),
        shape: row.shape,
        handler: row.handler,
      });
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `gdcmconv --raw` of `path`, read back natively: all frames, colour-by-pixel. */
export async function gdcmconvReference(path: string): Promise<Reference> {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-gdcm-"));
  try {
    const out = join(dir, "raw.dcm");
    const r = spawnSync("gdcmconv", ["--raw", path, out], { encoding: "utf8", timeout: 60_000 });
    if (r.status !== 0) return { error: `gdcmconv exit ${r.status}: ${r.stderr}` };
    const file = readDicom(readFileSync(out));
    return { samples: await allFrames(file.dataSet, file.transferSyntaxUid), handler: "gdcmconv" };
  } catch (error) {
    return { error: String(error) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** All frames of a data set decoded by us, concatenated, with the decoded colour. */
export async function allFrames(
  ds: Parameters<typeof decodeFrameWithInfo>[0],
  uid: string,
): Promise<number[] & { photometric?: string }> {
  const d = imageDescriptionOf(ds);
  const all: number[] & { photometric?: string } = [];
  for (let i = 0; i < d.numberOfFrames; i++) {
    const f = await decodeFrameWithInfo(ds, uid, i);
    all.photometric = f.photometricInterpretation;
    for (let k = 0; k < f.pixels.length; k++) all.push(Number(f.pixels[k]));
  }
  return all;
}

/** Largest absolute difference, or `undefined` when the lengths differ. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number | undefined {
  if (a.length !== b.length) return undefined;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > max) max = d;
  }
  return max;
}

/** Fixtures compared with the reference of a sibling file holding the same image. */
const SIBLING: Record<string, string> = {
  "pydicom-data/liver_rle.dcm": "pydicom-data/liver_deflate.dcm",
  "pydicom-data/liver_j2k.dcm": "pydicom-data/liver_deflate.dcm",
  "pydicom-data/liver_nonbyte_aligned_rle.dcm": "pydicom-data/liver_nonbyte_aligned_deflate.dcm",
  "pydicom-data/liver_nonbyte_aligned_j2k.dcm": "pydicom-data/liver_nonbyte_aligned_deflate.dcm",
};

/** Fixtures we expect to fail with a typed error, and why. */
export const EXPECTED_FAILURES: Record<string, { error: string; why: string }> = {
  "pydicom-v3.0.2/test_files/JPEG2000-embedded-sequence-delimiter.dcm": {
    error: "FrameDecodeError",
    why: "the codestream's SIZ holds FFFE,E0DD bytes (a parser test); OpenJPEG rejects it",
  },
};

/** What `compareWithReference` found. */
export interface Comparison {
  name: string;
  lossy: boolean;
  maxAbsDiff?: number;
  reference?: string;
  error?: string;
  photometric?: string;
}

/**
 * Decodes every frame of each fixture and compares with its reference. Signed data with Bits
 * Stored below Bits Allocated is compared modulo 2^bitsStored: GDCM returns JPEG-LS samples
 * without sign extension, we sign-extend them (PS3.5 8.1.1).
 */
export async function compareWithReferences(fixtures: CodecFixture[]): Promise<Comparison[]> {
  const byName = new Map(fixtures.map((f) => [f.name, f]));
  const extra = Object.values(SIBLING).filter((s) => byName.has(s) === false);
  const paths = [...fixtures.map((f) => f.path), ...extra.map((s) => join(FIXTURES_ROOT, s))];
  const refs = pydicomReferences(paths);
  const out: Comparison[] = [];
  for (const f of fixtures) {
    const lossy = LOSSY.has(f.transferSyntaxUid);
    const file = readDicom(readFileSync(f.path));
    let ours: Awaited<ReturnType<typeof allFrames>>;
    try {
      ours = await allFrames(file.dataSet, file.transferSyntaxUid);
    } catch (error) {
      out.push({ name: f.name, lossy, error: (error as Error).name });
      continue;
    }
    const sibling = SIBLING[f.name];
    let ref = refs.get(sibling ? join(FIXTURES_ROOT, sibling) : f.path) ?? { error: "none" };
    if (ref.samples === undefined) ref = await gdcmconvReference(f.path);
    if (ref.samples === undefined) {
      out.push({ name: f.name, lossy, error: `no reference: ${ref.error}` });
      continue;
    }
    const d = imageDescriptionOf(file.dataSet);
    let a: ArrayLike<number> = ours;
    let b: ArrayLike<number> = ref.samples;
    if (d.pixelRepresentation === 1 && d.bitsStored < d.bitsAllocated) {
      const m = 2 ** d.bitsStored;
      a = Array.from(ours, (v) => ((v % m) + m) % m);
      b = Array.from(ref.samples, (v) => ((v % m) + m) % m);
    }
    out.push({
      name: f.name,
      lossy,
      maxAbsDiff: maxAbsDiff(a, b),
      reference: (sibling ? `${sibling} via ` : "") + ref.handler,
      photometric: ours.photometric,
    });
  }
  return out;
}

const FIXTURES_ROOT = join(PROJECT_ROOT, "..", "shared", "fixtures");

/** Lossy tolerance: max abs difference allowed against the reference. */
export const LOSSY_TOLERANCE = 2;

/**
 * Defines the Deno test that compares the fixtures whose syntax `keep` accepts with their
 * references (skipped without pydicom; failing under CI=true when it is missing).
 */
export function runCodecFixtureTests(label: string, keep: (uid: string) => boolean): void {
  Deno.test(`${label} fixtures decode like pydicom/GDCM`, async () => {
    if (!requirePeer("pydicom") || !requirePeer("gdcmconv")) return;
    const fixtures = compressedFixtures(keep);
    assert.ok(fixtures.length > 0, "no compressed fixtures found");
    const results = await compareWithReferences(fixtures);
    const problems: string[] = [];
    for (const r of results) {
      const expected = EXPECTED_FAILURES[r.name];
      if (expected) {
        if (r.error !== expected.error) {
          problems.push(`${r.name}: expected ${expected.error} (${expected.why}), got ${r.error}`);
        }
        continue;
      }
      if (r.error !== undefined) problems.push(`${r.name}: ${r.error}`);
      else if (r.maxAbsDiff === undefined) problems.push(`${r.name}: length differs`);
      else if (r.maxAbsDiff > (r.lossy ? LOSSY_TOLERANCE : 0)) {
        problems.push(`${r.name}: max abs diff ${r.maxAbsDiff} vs ${r.reference}`);
      }
    }
    if (Deno.env.get("CODEC_REPORT")) {
      for (const r of results) console.log(JSON.stringify(r));
    }
    assert.deepEqual(problems, []);
  });
}
