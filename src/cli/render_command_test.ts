import assert from "node:assert/strict";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode } from "fast-png";
import { fixture } from "../../tests/_fixtures.ts";
import { renderCommand } from "./render_command.ts";
import { UsageError } from "./usage_error.ts";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-render-"));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

Deno.test("render writes a grey PNG of a CT image with a preset or a window", () =>
  withDir(async (dir) => {
    const out = join(dir, "ct.png");
    const a = io();
    const ct = fixture("pydicom-v3.0.2/test_files/CT_small.dcm");
    assert.equal(await renderCommand.run([ct, "--out", out, "--preset", "soft"], a.io), 0);
    assert.match(a.out[0], /Wrote .*ct\.png: 128x128 grey/);
    const png = decode(readFileSync(out));
    assert.deepEqual([png.width, png.height, png.channels, png.depth], [128, 128, 1, 8]);
    const b = io();
    assert.equal(await renderCommand.run([ct, "--out", out, "--window", "0,1"], b.io), 0);
    assert.ok(decode(readFileSync(out)).data.every((v) => v === 0 || v === 255));
  }));

Deno.test("render picks a frame of a multi-frame palette image and writes RGB", () =>
  withDir(async (dir) => {
    const out = join(dir, "us.png");
    const a = io();
    const us = fixture("pydicom-data/OBXXXX1A_2frame.dcm");
    assert.equal(await renderCommand.run([us, "--out", out, "--frame", "2"], a.io), 0);
    const png = decode(readFileSync(out));
    assert.deepEqual([png.width, png.height, png.channels], [800, 600, 3]);
    const b = io();
    assert.equal(await renderCommand.run([us, "--out", out, "--frame", "3"], b.io), 1);
    assert.match(b.err[0], /has 2 frame\(s\), asked for 3/);
  }));

Deno.test("render --mpr stacks a shuffled-name series folder into a three-panel sheet", () =>
  withDir(async (dir) => {
    // copy the pacsman series under names whose order is not the slice order, plus a stray file
    const src = fixture("pacsman-series/dicomseries");
    const series = join(dir, "series");
    mkdirSync(series);
    readdirSync(src).forEach((name, i) =>
      copyFileSync(join(src, name), join(series, `${(i * 53) % 128}_${name}`))
    );
    writeFileSync(join(series, "notes.txt"), "not DICOM");
    const out = join(dir, "mpr.png");
    const a = io();
    assert.equal(await renderCommand.run([series, "--mpr", "--out", out], a.io), 0);
    assert.match(a.out[0], /392x128 MPR of 128 slices 128x128, voxel 1x1x1 mm/);
    assert.match(a.err.join("\n"), /notes\.txt: not a DICOM file; skipped/);
    const png = decode(readFileSync(out));
    assert.deepEqual([png.width, png.height, png.channels], [392, 128, 1]);
  }));

Deno.test("render rejects bad usage", async () => {
  const ct = fixture("pydicom-v3.0.2/test_files/CT_small.dcm");
  for (
    const args of [
      [ct],
      ["--out", "x.png"],
      [ct, "--out", "x.png", "--preset", "liver"],
      [ct, "--out", "x.png", "--window", "40"],
      [ct, "--out", "x.png", "--window", "40,400", "--preset", "bone"],
      [ct, "--out", "x.png", "--frame", "0"],
      [ct, "--out", "x.png", "--mpr", "--frame", "1"],
      [ct, "--out", "x.png", "--bogus"],
    ]
  ) {
    await assert.rejects(renderCommand.run(args, io().io), UsageError, args.join(" "));
  }
  const a = io();
  assert.equal(await renderCommand.run(["--help"], a.io), 0);
  assert.match(a.out[0], /--preset NAME/);
  const b = io();
  assert.equal(await renderCommand.run([ct, "--mpr", "--out", "x.png"], b.io), 1);
  assert.match(b.err[0], /--mpr needs a folder/);
});
