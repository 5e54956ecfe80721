/**
 * C-STORE benchmark over loopback: a 200-image 512x512 16-bit CT-like series (~105 MB, written
 * with dicomsim's writer into a temporary folder) sent, in one run,
 *
 * - DCMTK storescu → DCMTK storescp (the baseline),
 * - dicomsim (storeToPeer, in-process) → DCMTK storescp,
 * - DCMTK storescu → dicomsim storage SCP (in-process, durable: fsync + rename; without fsync;
 *   and with a null store),
 * - dicomsim → dicomsim, the `dicomsim store` command as a whole process, and, when available,
 *   dcmjs-dimse (npm, run with node) both ways; pynetdicom when `import pynetdicom` works,
 *
 * each writing to disk and not (storescp `--ignore`, our null store), at the default maximum
 * PDU length (16384, as DCMTK) and at 116794. Every DCMTK process runs with TCP_NODELAY=1.
 * Runs are interleaved (one of each scenario per round, after an untimed warm-up round) and the
 * table gives the median and best seconds, MB/s, images/s and the ratio to DCMTK → DCMTK with
 * the same disk mode and PDU length (above 1: faster than DCMTK).
 *
 * ```sh
 * deno run -A bench/store_bench.ts             # 200 images, 5 rounds (~2 minutes)
 * deno run -A bench/store_bench.ts --quick     # 40 images, 2 rounds
 * deno run -A bench/store_bench.ts --json      # results as JSON on stdout
 * ```
 *
 * Options: `--count N` (images), `--runs N` (timed rounds), `--keep` (keep the temporary
 * folder), `--dcmjs-dimse DIR` (a node_modules folder holding dcmjs-dimse; default
 * $DCMJS_DIMSE_DIR or <tmp>/dicomsim-bench-npm/node_modules), `--install` (npm install
 * dcmjs-dimse there when missing), `--no-cli`, `--only REGEX` (scenarios whose "name (disk)"
 * matches, plus the DCMTK baselines).
 *
 * DCMTK processes are timed whole (their start-up is a few milliseconds); dicomsim's SCU and
 * SCP run warm inside this process, like a long-running node; the `dicomsim store` row includes
 * Deno's start-up. Not part of the test suite.
 * @module
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { writeDicom } from "../src/codec/write_file.ts";
import { DataSet } from "../src/core/dataset.ts";
import { listenAssociations } from "../src/net/association/accept_association.ts";
import type { TransportServer } from "../src/net/transport/transport.ts";
import { createFsInstanceStore, fileSources } from "../src/services/instance_store_fs.ts";
import { discardInstanceStore, storageScp } from "../src/services/storage_scp.ts";
import { storeToPeer } from "../src/services/storage_scu.ts";
import { freePort, type Peer, startDcmtkServer } from "../tests/_dcmtk.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const DCMJS_DIMSE_SCRIPT = path.join(ROOT, "bench", "_dcmjs_dimse_store.cjs");
const LARGE_PDU = 116794;
const DEFAULT_PDU = 16384;

interface Settings {
  quick: boolean;
  json: boolean;
  count: number;
  runs: number;
  keep: boolean;
  dcmjsDimseDir: string;
  install: boolean;
  cli: boolean;
  only: RegExp | undefined;
}

function settings(): Settings {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: "boolean" },
      json: { type: "boolean" },
      count: { type: "string" },
      runs: { type: "string" },
      keep: { type: "boolean" },
      "dcmjs-dimse": { type: "string" },
      install: { type: "boolean" },
      "no-cli": { type: "boolean" },
      only: { type: "string" },
    },
  });
  const quick = values.quick ?? false;
  return {
    quick,
    json: values.json ?? false,
    count: Number(values.count ?? (quick ? 40 : 200)),
    runs: Number(values.runs ?? (quick ? 2 : 5)),
    keep: values.keep ?? false,
    dcmjsDimseDir: values["dcmjs-dimse"] ?? process.env.DCMJS_DIMSE_DIR ??
      path.join(os.tmpdir(), "dicomsim-bench-npm", "node_modules"),
    install: values.install ?? false,
    cli: !(values["no-cli"] ?? false),
    only: values.only === undefined ? undefined : new RegExp(values.only),
  };
}

// ---------------------------------------------------------------------------------------------
// The series

/** Writes `count` CT-like slices (512x512, 16-bit signed, Explicit VR Little Endian). */
function writeSeries(dir: string, count: number): { files: string[]; bytes: number } {
  const size = 512;
  const pixels = new Uint8Array(size * size * 2);
  const view = new DataView(pixels.buffer);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - size / 2, y - size / 2);
      view.setInt16((y * size + x) * 2, r < 200 ? 40 + ((x * 7 + y * 13) & 63) : -1000, true);
    }
  }
  const root = "1.2.826.0.1.3680043.10.1234.77";
  const files: string[] = [];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const ds = new DataSet();
    ds.set("SpecificCharacterSet", "ISO_IR 100");
    ds.set("ImageType", ["ORIGINAL", "PRIMARY", "AXIAL"]);
    ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2");
    ds.set("SOPInstanceUID", `${root}.3.${i + 1}`);
    ds.set("StudyDate", "20240102");
    ds.set("ContentTime", `1016${String(i % 60).padStart(2, "0")}`);
    ds.set("Modality", "CT");
    ds.set("Manufacturer", "dicomsim");
    ds.set("PatientName", "BENCH^STORE");
    ds.set("PatientID", "BENCH002");
    ds.set("SliceThickness", "1.0");
    ds.set("KVP", "120");
    ds.set("StudyInstanceUID", `${root}.1`);
    ds.set("SeriesInstanceUID", `${root}.2`);
    ds.set("SeriesNumber", "2");
    ds.set("InstanceNumber", String(i + 1));
    ds.set("ImagePositionPatient", ["-250", "-250", String(-i)]);
    ds.set("ImageOrientationPatient", ["1", "0", "0", "0", "1", "0"]);
    ds.set("FrameOfReferenceUID", `${root}.4`);
    ds.set("SamplesPerPixel", 1);
    ds.set("PhotometricInterpretation", "MONOCHROME2");
    ds.set("Rows", size);
    ds.set("Columns", size);
    ds.set("PixelSpacing", ["0.9765625", "0.9765625"]);
    ds.set("BitsAllocated", 16);
    ds.set("BitsStored", 16);
    ds.set("HighBit", 15);
    ds.set("PixelRepresentation", 1);
    ds.set("RescaleIntercept", "0");
    ds.set("RescaleSlope", "1");
    ds.set("PixelData", pixels, "OW");
    const file = path.join(dir, `ct_${String(i).padStart(4, "0")}.dcm`);
    const encoded = writeDicom(ds, "ExplicitVRLittleEndian");
    writeFileSync(file, encoded);
    bytes += encoded.length;
    files.push(file);
  }
  return { files, bytes };
}

// ---------------------------------------------------------------------------------------------
// Processes

const NODELAY_ENV = { ...process.env, TCP_NODELAY: "1" };

/** Runs a process to completion; resolves with its wall time (ms), exit code and output. */
function timeProcess(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = NODELAY_ENV,
): Promise<{ ms: number; code: number; output: string }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (d) => output += d);
    child.stderr!.on("data", (d) => output += d);
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, code: code ?? -1, output });
    });
  });
}

function have(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: "ignore" }).status === 0;
}

/** A node process running the dcmjs-dimse SCP; resolves once it listens. */
async function startDcmjsDimseScp(dir: string, port: number, out: string): Promise<Peer> {
  const child: ChildProcess = spawn("node", [DCMJS_DIMSE_SCRIPT, "scp", String(port), out], {
    env: { ...process.env, DCMJS_DIMSE_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listening = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      output += d;
      if (output.includes("listening")) resolve();
    });
    child.stderr!.on("data", (d) => output += d);
    child.once("exit", () => reject(new Error(`dcmjs-dimse SCP exited: ${output}`)));
  });
  await listening;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    process: child,
    port,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Scenario {
  /** Sender → receiver. */
  name: string;
  /** "disk" (written), "disk, fsync" (written durably), or "no disk". */
  disk: "disk" | "disk, fsync" | "no disk";
  /** The receiver's maximum PDU length (what the sender sends in). */
  pdu: number;
  /** True for the DCMTK → DCMTK rows (the baseline of each disk mode and PDU). */
  baseline?: boolean;
  /** Folder emptied before each run (the receiver's output). */
  outDir?: string;
  /** One timed transfer of the series; resolves with milliseconds. */
  run: () => Promise<number>;
}

interface Row {
  name: string;
  disk: string;
  pdu: number;
  runs: number;
  medianS: number;
  bestS: number;
  mbPerS: number;
  imagesPerS: number;
  /** DCMTK → DCMTK median (same disk mode, same PDU) over this row's median. */
  ratioVsDcmtk: number | undefined;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function clear(dir: string | undefined): void {
  if (dir === undefined) return;
  for (const name of readdirSync(dir)) {
    rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function check(result: { code: number; output: string }, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${result.output}`);
}

async function main(): Promise<void> {
  const s = settings();
  const log = (text: string) => (s.json ? process.stderr : process.stdout).write(text + "\n");
  if (!have("storescp", ["--version"])) {
    log("DCMTK (storescu/storescp) is not installed: nothing to compare against.");
    process.exit(1);
  }
  const work = mkdtempSync(path.join(os.tmpdir(), "dicomsim-store-bench-"));
  const servers: TransportServer[] = [];
  const peers: Peer[] = [];
  const notes: string[] = [];
  try {
    const seriesDir = path.join(work, "series");
    mkdirSync(seriesDir);
    const { files, bytes } = writeSeries(seriesDir, s.count);
    log(
      `Series: ${files.length} CT images 512x512x16, ${
        (bytes / 1e6).toFixed(1)
      } MB in ${seriesDir}`,
    );
    const outDir = (name: string) => {
      const dir = path.join(work, name);
      mkdirSync(dir);
      return dir;
    };

    // DCMTK storescp receivers.
    const storescp = async (name: string, extra: string[]) => {
      const dir = outDir(name);
      const port = await freePort();
      peers.push(await startDcmtkServer("storescp", [...extra, "-od", dir, String(port)], port));
      return { dir, port };
    };
    const scpDisk = await storescp("storescp", []);
    const scpIgnore = await storescp("storescp-ignore", ["--ignore"]);
    const scpDiskLarge = await storescp("storescp-large", ["-pdu", String(LARGE_PDU)]);
    const scpIgnoreLarge = await storescp("storescp-ignore-large", [
      "--ignore",
      "-pdu",
      String(LARGE_PDU),
    ]);

    // dicomsim storage SCPs, in this process.
    const ours = async (name: string, mode: "sync" | "nosync" | "discard", pdu: number) => {
      const dir = outDir(name);
      const store = mode === "discard"
        ? discardInstanceStore()
        : createFsInstanceStore(dir, { sync: mode === "sync" });
      const server = await listenAssociations({
        aeTitle: "DICOMSIM",
        acceptAnyCalledAeTitle: true,
        maxPduLength: pdu,
        listen: { host: "127.0.0.1", port: 0 },
        ...storageScp({ store }),
      });
      servers.push(server);
      return { dir, port: server.port };
    };
    const oursSync = await ours("ours-sync", "sync", DEFAULT_PDU);
    const oursNoSync = await ours("ours-nosync", "nosync", DEFAULT_PDU);
    const oursDiscard = await ours("ours-discard", "discard", DEFAULT_PDU);
    const oursNoSyncLarge = await ours("ours-nosync-large", "nosync", LARGE_PDU);
    const oursSyncLarge = await ours("ours-sync-large", "sync", LARGE_PDU);
    const oursDiscardLarge = await ours("ours-discard-large", "discard", LARGE_PDU);

    const storescu = (port: number, pdu: number) => async () => {
      const args = ["-aec", "ANY-SCP", "127.0.0.1", String(port), ...files];
      if (pdu !== DEFAULT_PDU) args.unshift("-pdu", String(pdu));
      const r = await timeProcess("storescu", args);
      check(r, "storescu");
      return r.ms;
    };
    const dicomsimScu = (port: number) => async () => {
      const start = performance.now();
      const summary = await storeToPeer({
        host: "127.0.0.1",
        port,
        calledAeTitle: "ANY-SCP",
        sources: fileSources(files),
      });
      const ms = performance.now() - start;
      if (summary.failed > 0) throw new Error(`dicomsim store: ${summary.failed} failed`);
      return ms;
    };

    const scenarios: Scenario[] = [
      {
        name: "DCMTK storescu → DCMTK storescp",
        disk: "disk",
        pdu: DEFAULT_PDU,
        baseline: true,
        outDir: scpDisk.dir,
        run: storescu(scpDisk.port, DEFAULT_PDU),
      },
      {
        name: "dicomsim → DCMTK storescp",
        disk: "disk",
        pdu: DEFAULT_PDU,
        outDir: scpDisk.dir,
        run: dicomsimScu(scpDisk.port),
      },
      {
        name: "DCMTK storescu → dicomsim",
        disk: "disk",
        pdu: DEFAULT_PDU,
        outDir: oursNoSync.dir,
        run: storescu(oursNoSync.port, DEFAULT_PDU),
      },
      {
        name: "DCMTK storescu → dicomsim",
        disk: "disk, fsync",
        pdu: DEFAULT_PDU,
        outDir: oursSync.dir,
        run: storescu(oursSync.port, DEFAULT_PDU),
      },
      {
        name: "dicomsim → dicomsim",
        disk: "disk, fsync",
        pdu: DEFAULT_PDU,
        outDir: oursSync.dir,
        run: dicomsimScu(oursSync.port),
      },
      {
        name: "DCMTK storescu → DCMTK storescp",
        disk: "no disk",
        pdu: DEFAULT_PDU,
        baseline: true,
        run: storescu(scpIgnore.port, DEFAULT_PDU),
      },
      {
        name: "dicomsim → DCMTK storescp",
        disk: "no disk",
        pdu: DEFAULT_PDU,
        run: dicomsimScu(scpIgnore.port),
      },
      {
        name: "DCMTK storescu → dicomsim",
        disk: "no disk",
        pdu: DEFAULT_PDU,
        run: storescu(oursDiscard.port, DEFAULT_PDU),
      },
      {
        name: "dicomsim → dicomsim",
        disk: "no disk",
        pdu: DEFAULT_PDU,
        run: dicomsimScu(oursDiscard.port),
      },
      {
        name: "DCMTK storescu → DCMTK storescp",
        disk: "disk",
        pdu: LARGE_PDU,
        baseline: true,
        outDir: scpDiskLarge.dir,
        run: storescu(scpDiskLarge.port, LARGE_PDU),
      },
      {
        name: "dicomsim → DCMTK storescp",
        disk: "disk",
        pdu: LARGE_PDU,
        outDir: scpDiskLarge.dir,
        run: dicomsimScu(scpDiskLarge.port),
      },
      {
        name: "DCMTK storescu → dicomsim",
        disk: "disk",
        pdu: LARGE_PDU,
        outDir: oursNoSyncLarge.dir,
        run: storescu(oursNoSyncLarge.port, LARGE_PDU),
      },
      {
        name: "DCMTK storescu → dicomsim",
        disk: "disk, fsync",
        pdu: LARGE_PDU,
        outDir: oursSyncLarge.dir,
        run: storescu(oursSyncLarge.port, LARGE_PDU),
      },
      {
        name: "DCMTK storescu → DCMTK storescp",
        disk: "no disk",
        pdu: LARGE_PDU,
        baseline: true,
        run: storescu(scpIgnoreLarge.port, LARGE_PDU),
      },
      {
        name: "dicomsim → DCMTK storescp",
        disk: "no disk",
        pdu: LARGE_PDU,
        run: dicomsimScu(scpIgnoreLarge.port),
      },
      {
        name: "DCMTK storescu → dicomsim",
        disk: "no disk",
        pdu: LARGE_PDU,
        run: storescu(oursDiscardLarge.port, LARGE_PDU),
      },
    ];

    if (s.cli) {
      scenarios.push({
        name: "`dicomsim store` process → DCMTK storescp",
        disk: "disk",
        pdu: DEFAULT_PDU,
        outDir: scpDisk.dir,
        run: async () => {
          const r = await timeProcess(process.execPath, [
            "run",
            "-A",
            path.join(ROOT, "src", "cli", "main.ts"),
            "store",
            `127.0.0.1:${scpDisk.port}`,
            seriesDir,
            "--aec",
            "STORESCP",
          ]);
          check(r, "dicomsim store");
          return r.ms;
        },
      });
    }

    // dcmjs-dimse (npm), run with node.
    const dimsePackage = path.join(s.dcmjsDimseDir, "dcmjs-dimse");
    if (!existsSync(dimsePackage) && s.install && have("npm", ["--version"])) {
      const prefix = path.dirname(s.dcmjsDimseDir);
      mkdirSync(prefix, { recursive: true });
      log(`Installing dcmjs-dimse into ${prefix} ...`);
      spawnSync("npm", [
        "install",
        "--prefix",
        prefix,
        "--no-audit",
        "--no-fund",
        "dcmjs-dimse@0.3.3",
      ], {
        stdio: "ignore",
      });
    }
    if (existsSync(dimsePackage) && have("node", ["--version"])) {
      const dimseEnv = { ...process.env, DCMJS_DIMSE_DIR: s.dcmjsDimseDir };
      const dimseDisk = outDir("dcmjs-dimse");
      const port = await freePort();
      peers.push(await startDcmjsDimseScp(s.dcmjsDimseDir, port, dimseDisk));
      const discardPort = await freePort();
      peers.push(await startDcmjsDimseScp(s.dcmjsDimseDir, discardPort, "-"));
      const dimseScu = (target: number) => async () => {
        const r = await timeProcess(
          "node",
          [DCMJS_DIMSE_SCRIPT, "scu", "127.0.0.1", String(target), "STORESCP", ...files],
          dimseEnv,
        );
        check(r, "dcmjs-dimse SCU");
        return r.ms;
      };
      scenarios.push(
        {
          name: "dcmjs-dimse → DCMTK storescp",
          disk: "disk",
          pdu: DEFAULT_PDU,
          outDir: scpDisk.dir,
          run: dimseScu(scpDisk.port),
        },
        {
          name: "DCMTK storescu → dcmjs-dimse",
          disk: "disk",
          pdu: DEFAULT_PDU,
          outDir: dimseDisk,
          run: storescu(port, DEFAULT_PDU),
        },
        {
          name: "dcmjs-dimse → DCMTK storescp",
          disk: "no disk",
          pdu: DEFAULT_PDU,
          run: dimseScu(scpIgnore.port),
        },
        {
          name: "DCMTK storescu → dcmjs-dimse",
          disk: "no disk",
          pdu: DEFAULT_PDU,
          run: storescu(discardPort, DEFAULT_PDU),
        },
      );
    } else {
      notes.push(
        `dcmjs-dimse: skipped (not found in ${s.dcmjsDimseDir}; --install fetches it with npm)`,
      );
    }
    if (have("/usr/bin/python3", ["-c", "import pynetdicom"])) {
      notes.push("pynetdicom: importable, but no pynetdicom scenario is implemented yet");
    } else {
      notes.push(
        "pynetdicom: skipped (`import pynetdicom` fails; Debian has no python3-pynetdicom)",
      );
    }

    if (s.only) {
      const only = s.only;
      const keep = scenarios.filter((c) => c.baseline || only.test(`${c.name} (${c.disk})`));
      scenarios.splice(0, scenarios.length, ...keep);
    }
    // One untimed round (JIT, page cache), checking that every image arrives.
    log(`Warm-up round, then ${s.runs} timed round(s) of ${scenarios.length} scenarios ...`);
    for (const scenario of scenarios) {
      clear(scenario.outDir);
      await scenario.run();
      if (scenario.outDir !== undefined) {
        const n = readdirSync(scenario.outDir).length;
        if (n !== files.length) {
          throw new Error(`${scenario.name} (${scenario.disk}): ${n} of ${files.length} files`);
        }
      }
    }
    const times = scenarios.map(() => [] as number[]);
    for (let round = 0; round < s.runs; round++) {
      for (const [i, scenario] of scenarios.entries()) {
        clear(scenario.outDir);
        times[i].push(await scenario.run());
      }
    }

    const rows: Row[] = scenarios.map((scenario, i) => {
      const med = median(times[i]) / 1000;
      return {
        name: scenario.name,
        disk: scenario.disk,
        pdu: scenario.pdu,
        runs: times[i].length,
        medianS: med,
        bestS: Math.min(...times[i]) / 1000,
        mbPerS: bytes / 1e6 / med,
        imagesPerS: files.length / med,
        ratioVsDcmtk: undefined,
      };
    });
    for (const row of rows) {
      const diskMode = row.disk === "no disk" ? "no disk" : "disk";
      const base = rows.find((r, i) =>
        scenarios[i].baseline && r.disk === diskMode && r.pdu === row.pdu
      );
      row.ratioVsDcmtk = base ? base.medianS / row.medianS : undefined;
    }
    if (s.json) {
      process.stdout.write(
        JSON.stringify({ images: files.length, bytes, runs: s.runs, rows, notes }, null, 2) + "\n",
      );
      return;
    }
    const header = [
      "scenario".padEnd(44),
      "disk".padEnd(11),
      "PDU".padStart(6),
      "median s".padStart(9),
      "best s".padStart(7),
      "MB/s".padStart(7),
      "img/s".padStart(6),
      "DCMTK→DCMTK / this".padStart(19),
    ].join(" ");
    log("");
    log(header);
    log("-".repeat(header.length));
    for (const r of rows) {
      log([
        r.name.padEnd(44),
        r.disk.padEnd(11),
        String(r.pdu).padStart(6),
        r.medianS.toFixed(3).padStart(9),
        r.bestS.toFixed(3).padStart(7),
        r.mbPerS.toFixed(0).padStart(7),
        r.imagesPerS.toFixed(0).padStart(6),
        (r.ratioVsDcmtk === undefined ? "" : `${r.ratioVsDcmtk.toFixed(2)}x`).padStart(19),
      ].join(" "));
    }
    log("");
    log(
      'Ratio > 1: faster than DCMTK → DCMTK with the same disk mode and PDU length. "disk" ' +
        'is written like storescp (no fsync); "disk, fsync" is dicomsim\'s default (fsync + ' +
        "rename before the C-STORE-RSP).",
    );
    for (const note of notes) log(note);
  } finally {
    for (const server of servers) await server.close();
    for (const peer of peers) await peer.stop();
    if (s.keep) log(`Kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
