/** The command line: dump, convert, help and exit codes (run in-process). */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/main.ts";
import { readDicom } from "../src/codec/read_file.ts";
import { fixture } from "./_fixtures.ts";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const CT = fixture("pydicom-v3.0.2/test_files/CT_small.dcm");

Deno.test("dicomsim --help lists the commands; every command has --help", async () => {
  const help = await run(["--help"]);
  assert.equal(help.code, 0);
  for (const name of ["dump", "convert"]) {
    assert.match(help.out, new RegExp(`\\b${name}\\b`));
    const r = await run([name, "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: dicomsim /);
  }
});

Deno.test("bad usage exits 2 with the usage; an unreadable file exits 1", async () => {
  assert.equal((await run([])).code, 2);
  assert.equal((await run(["nonsense"])).code, 2);
  assert.equal((await run(["dump"])).code, 2);
  assert.equal((await run(["dump", "--bogus", CT])).code, 2);
  assert.equal((await run(["convert", CT, "/tmp/x.dcm"])).code, 2);
  assert.equal((await run(["convert", CT, "/tmp/x.dcm", "-t", "NoSuchSyntax"])).code, 2);
  const missing = await run(["dump", "/nonexistent/file.dcm"]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^E: /);
});

Deno.test("dump prints a dcmdump-like listing; --json prints DICOM JSON", async () => {
  const text = await run(["dump", CT]);
  assert.equal(text.code, 0);
  assert.match(text.out, /\(0008,0060\) CS \[CT\]/);
  const json = await run(["dump", "--json", "--stop-before-pixels", CT]);
  assert.equal(json.code, 0);
  const parsed = JSON.parse(json.out);
  assert.deepEqual(parsed["00080060"], { vr: "CS", Value: ["CT"] });
  assert.equal(parsed["7FE00010"], undefined);
  const two = JSON.parse((await run(["dump", "--json", "--stop-before-pixels", CT, CT])).out);
  assert.ok(Array.isArray(two) && two.length === 2);
});

Deno.test("convert rewrites a file in each uncompressed syntax", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-cli-"));
  try {
    for (
      const ts of [
        "ImplicitVRLittleEndian",
        "ExplicitVRBigEndian",
        "DeflatedExplicitVRLittleEndian",
        "1.2.840.10008.1.2.1",
      ]
    ) {
      const out = join(dir, `${ts}.dcm`);
      const r = await run(["convert", CT, out, "--transfer-syntax", ts]);
      assert.equal(r.code, 0, r.err);
      const file = readDicom(readFileSync(out));
      assert.equal(file.dataSet.getString("PatientName"), "CompressedSamples^CT1");
    }
    const jpeg = fixture("pydicom-v3.0.2/test_files/MR_small_jp2klossless.dcm");
    const refused = await run([
      "convert",
      jpeg,
      join(dir, "x.dcm"),
      "-t",
      "ExplicitVRLittleEndian",
    ]);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /encapsulated pixel data/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
