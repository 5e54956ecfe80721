/**
 * The MR, Secondary Capture, CR, DX and US generators and template mode against outside
 * readers: DCMTK dcmdump reads every file and dicom3tools dciodvfy reports no errors for the
 * generated IODs; the simulated modality sends them to DCMTK storescp.
 */
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
import type { CommandIo } from "../src/cli/command.ts";
import { runCli } from "../src/cli/main.ts";
import { modalityCommand } from "../src/cli/scanner_command.ts";
import { UsageError } from "../src/cli/usage_error.ts";
import { readDicom } from "../src/codec/read_file.ts";
import { crImage } from "../src/sim/modality/cr_image.ts";
import { dxImage } from "../src/sim/modality/dx_image.ts";
import { usCine } from "../src/sim/modality/us_cine.ts";
import { mrSeries } from "../src/sim/modality/mr_series.ts";
import { scImage } from "../src/sim/modality/sc_image.ts";
import { templateSeries } from "../src/sim/modality/template_series.ts";
import { freePort, runDcmtk, startDcmtkServer } from "./_dcmtk.ts";
import { requirePeer } from "./_peers.ts";

const TEMPLATE_DIR = new URL(
  "../../shared/fixtures/pacsman-series/dicomseries/",
  import.meta.url,
).pathname;

/** Runs `dicomsim modality ...` (like runCli does once the command is registered). */
async function modality(args: string[], io: CommandIo): Promise<number> {
  try {
    return await modalityCommand.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) return 2;
    throw error;
  }
}

async function dciodvfyErrors(path: string): Promise<string[]> {
  const { output } = await runDcmtk("dciodvfy", [path]);
  return output.split("\n").filter((line) => line.startsWith("Error"));
}

const CASES: [string, () => Uint8Array][] = [
  ["MR", () => mrSeries({ slices: 3, matrix: 64, seed: 9 }).file(1)],
  ["SC RGB", () => scImage({ matrix: 64, seed: 9 }).file()],
  [
    "SC MONOCHROME2",
    () => scImage({ matrix: 64, photometricInterpretation: "MONOCHROME2" }).file(),
  ],
  ["CR", () => crImage({ matrix: 64, seed: 9 }).file()],
  ["DX", () => dxImage({ matrix: 64, seed: 9 }).file()],
  ["US MONOCHROME2", () => usCine({ frames: 4, rows: 96, columns: 128, seed: 9 }).file()],
  [
    "US RGB",
    () => usCine({ frames: 3, rows: 96, columns: 128, photometricInterpretation: "RGB" }).file(),
  ],
];

for (const [name, make] of CASES) {
  Deno.test(`dcmdump reads a generated ${name} file and dciodvfy reports no errors`, async () => {
    if (!requirePeer("dcmdump") || !requirePeer("dciodvfy")) return;
    const dir = mkdtempSync(join(tmpdir(), "dicomsim-iod-"));
    try {
      const path = join(dir, "image.dcm");
      writeFileSync(path, make());
      const dump = await runDcmtk("dcmdump", [path]);
      assert.equal(dump.code, 0, dump.output);
      assert.deepEqual(await dciodvfyErrors(path), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

Deno.test("dcmdump reads template-mode files and dciodvfy finds no new errors", async () => {
  if (!requirePeer("dcmdump") || !requirePeer("dciodvfy")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-template-"));
  try {
    const source = join(TEMPLATE_DIR, "slice0.dcm");
    const [out] = templateSeries([new Uint8Array(readFileSync(source))], { seed: 1, run: 3 });
    const path = join(dir, "slice0.dcm");
    writeFileSync(path, out.file());
    const dump = await runDcmtk("dcmdump", [path]);
    assert.equal(dump.code, 0, dump.output);
    // The template itself lacks some type 2 attributes; re-identifying must add no error.
    assert.deepEqual(await dciodvfyErrors(path), await dciodvfyErrors(source));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("generate template writes re-identified copies of every file of a folder", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-template-cli-"));
  try {
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const args = ["generate", "template", "--from", TEMPLATE_DIR, "--out", dir, "--run", "2"];
    assert.equal(await runCli(args, io), 0, out.join("\n"));
    const names = readdirSync(dir).sort();
    assert.deepEqual(names, readdirSync(TEMPLATE_DIR).sort());
    const series = new Set(
      names.map((n) =>
        readDicom(new Uint8Array(readFileSync(join(dir, n)))).dataSet.getString("SeriesInstanceUID")
      ),
    );
    assert.equal(series.size, 1);
    const original = readDicom(new Uint8Array(readFileSync(join(TEMPLATE_DIR, names[0]))));
    assert.notEqual([...series][0], original.dataSet.getString("SeriesInstanceUID"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("generate mr, sc, cr, dx and us write the same bytes for the same seed", async () => {
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), "dicomsim-gen-mod-")));
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  try {
    for (const dir of dirs) {
      for (const modality of ["mr", "sc", "cr", "dx", "us"]) {
        const args = ["generate", modality, "--matrix", "32", "--seed", "s", "--out", dir];
        if (modality === "mr") args.push("--slices", "2");
        if (modality === "us") args.push("--frames", "2", "--rows", "24", "--columns", "32");
        assert.equal(await runCli(args, io), 0, out.join("\n"));
      }
    }
    const names = readdirSync(dirs[0]).sort();
    assert.deepEqual(names, [
      "CR0001.dcm",
      "DX0001.dcm",
      "MR0001.dcm",
      "MR0002.dcm",
      "SC0001.dcm",
      "US0001.dcm",
    ]);
    for (const name of names) {
      assert.deepEqual(readFileSync(join(dirs[0], name)), readFileSync(join(dirs[1], name)));
    }
    const sc = ["generate", "sc", "--photometric", "YBR", "--out", dirs[0]];
    assert.equal(await runCli(sc, io), 2);
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("scanner --template sends fresh instances each run to storescp, no duplicates", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-template-scanner-"));
  const template = join(dir, "template");
  const received = join(dir, "received");
  mkdirSync(template);
  mkdirSync(received);
  for (const name of ["slice0.dcm", "slice1.dcm", "slice2.dcm"]) {
    copyFileSync(join(TEMPLATE_DIR, name), join(template, name));
  }
  const port = await freePort();
  const scp = await startDcmtkServer(
    "storescp",
    ["-aet", "STORESCP", "-od", received, String(port)],
    port,
  );
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  try {
    const args = ["scanner", `127.0.0.1:${port}`, "--aec", "STORESCP", "--template", template];
    assert.equal(await runCli([...args, "--count", "2", "--seed", "t"], io), 0, out.join("\n"));
    const files = readdirSync(received);
    assert.equal(files.length, 6);
    const series = new Set(
      files.map((n) =>
        readDicom(new Uint8Array(readFileSync(join(received, n)))).dataSet.getString(
          "SeriesInstanceUID",
        )
      ),
    );
    assert.equal(series.size, 2);
  } finally {
    await scp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("modality dx and us send to storescp, the stored files validate, scanner --modality too", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-modality-scp-"));
  const port = await freePort();
  const scp = await startDcmtkServer(
    "storescp",
    ["-aet", "STORESCP", "-od", dir, String(port)],
    port,
  );
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  try {
    const to = ["--to", `127.0.0.1:${port}`, "--aec", "STORESCP", "--seed", "m"];
    assert.equal(await modality(["dx", ...to, "--matrix", "64"], io), 0, out.join("\n"));
    const us = ["us", ...to, "--frames", "3", "--rows", "64", "--columns", "80"];
    assert.equal(await modality([...us, "--photometric", "RGB"], io), 0, out.join("\n"));
    const scanner = ["scanner", `127.0.0.1:${port}`, "--aec", "STORESCP", "--modality", "mr"];
    assert.equal(
      await runCli([
        ...scanner,
        "--slices",
        "2",
        "--matrix",
        "32",
        "--context-layout",
        "per-syntax",
      ], io),
      0,
      out.join("\n"),
    );
    const files = readdirSync(dir).sort();
    assert.equal(files.length, 4, files.join(", "));
    assert.deepEqual(files.map((f) => f.slice(0, 2)).sort(), ["DX", "MR", "MR", "US"]);
    if (!requirePeer("dciodvfy")) return;
    for (const f of files) assert.deepEqual(await dciodvfyErrors(join(dir, f)), [], f);
  } finally {
    await scp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("modality exits 1 with a summary saying which instance was refused and why", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-modality-refused-"));
  const port = await freePort();
  const scp = await startDcmtkServer(
    "storescp",
    ["-aet", "STORESCP", "-od", dir, String(port)],
    port,
  );
  const out: string[] = [];
  const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
  try {
    const args = ["ct", "--to", `127.0.0.1:${port}`, "--aec", "STORESCP"];
    const faults = ["--slices", "3", "--matrix", "32", "--unsupported-sop-class", "1.2.3.4.5"];
    assert.equal(await modality([...args, ...faults, "--drop-after", "1"], io), 1);
    const text = out.join("\n");
    assert.match(text, /Sent 2 of 4 images/);
    assert.match(text, /Failed: study 1 image 2: Fault: connection dropped mid-PDU/);
    assert.match(
      text,
      /Failed: study 1 extra image \(unsupported SOP class 1\.2\.3\.4\.5\): No presentation context accepted/,
    );
    assert.equal(readdirSync(dir).length, 2);
    assert.equal(await modality(["xr", "--to", "h:1"], io), 2);
    assert.equal(await modality(["ct"], io), 2);
  } finally {
    await scp.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
