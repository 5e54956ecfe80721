/**
 * Mock PACS benchmark (issue 4, "Must show"), in one run:
 *
 * 1. Storing a 200-image 512x512 CT series (made by `dicomsim generate ct`) with DCMTK
 *    `storescu` (one association, TCP_NODELAY=1) into
 *    - the mock PACS as a process (`dicomsim pacs`, durable: fsync + rename before each
 *      C-STORE-RSP; and with `--no-sync`),
 *    - DCMTK `storescp -od DIR` (no fsync),
 *    - Orthanc (`Orthanc` from the Debian package, its own JSON configuration in a temporary
 *      folder, loopback; `SyncStorageArea` left at its default, true) when installed.
 *    Interleaved rounds after an untimed warm-up round that checks every image arrived; medians
 *    and the ratio to storescp.
 * 2. C-FIND latency with 10,000 instances indexed (100 patients, one study each, 2 series of 50
 *    small instances without pixel data): our node is populated directly through the library
 *    (`PacsIndex.addPart10`), Orthanc through `storescu` of the same files. STUDY, SERIES and IMAGE
 *    level queries, timed with DCMTK `findscu` (a process per query: association set-up
 *    included) and with dicomsim's `findScu` on one open association (the query alone); median
 *    and p95.
 *
 * ```sh
 * deno run -A bench/pacs_bench.ts               # 200 images x 5 rounds, 10,000 instances
 * deno run -A bench/pacs_bench.ts --quick       # 40 images x 2 rounds, 2,000 instances
 * ```
 *
 * Options: `--count N` (images), `--runs N` (store rounds), `--instances N` (C-FIND index size,
 * a multiple of 100), `--find-runs N` (repetitions of each query), `--no-orthanc`, `--no-store`,
 * `--no-find`, `--keep` (keep the temporary folder). Not part of the test suite; timings on a
 * shared machine vary: compare within one run.
 * @module
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { writeDicom } from "../src/codec/write_file.ts";
import { DataSet } from "../src/core/dataset.ts";
import type { Association } from "../src/net/association/association.ts";
import { requestAssociation } from "../src/net/association/request_association.ts";
import { findScu } from "../src/services/find_scu.ts";
import { buildIdentifier } from "../src/services/identifier.ts";
import type { QueryLevel } from "../src/services/query_models.ts";
import { STUDY_ROOT_FIND } from "../src/services/query_models.ts";
import { startPacs } from "../src/sim/pacs/pacs_node.ts";
import { createMemoryPacsStorage } from "../src/sim/pacs/pacs_storage.ts";
import { freePort, type Peer, startDcmtkServer } from "../tests/_dcmtk.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const MAIN = path.join(ROOT, "src", "cli", "main.ts");
const NODELAY_ENV = { ...process.env, TCP_NODELAY: "1" };
const EXPLICIT_VR_LE = "1.2.840.10008.1.2.1";
const IMPLICIT_VR_LE = "1.2.840.10008.1.2";
const CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

interface Settings {
  count: number;
  runs: number;
  instances: number;
  findRuns: number;
  orthanc: boolean;
  store: boolean;
  find: boolean;
  keep: boolean;
}

function settings(): Settings {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: "boolean" },
      count: { type: "string" },
      runs: { type: "string" },
      instances: { type: "string" },
      "find-runs": { type: "string" },
      "no-orthanc": { type: "boolean" },
      "no-store": { type: "boolean" },
      "no-find": { type: "boolean" },
      keep: { type: "boolean" },
    },
  });
  const quick = values.quick ?? false;
  const instances = Number(values.instances ?? (quick ? 2000 : 10_000));
  if (!Number.isInteger(instances / 100) || instances < 100) {
    throw new RangeError(`--instances must be a multiple of 100: ${instances}`);
  }
  return {
    count: Number(values.count ?? (quick ? 40 : 200)),
    runs: Number(values.runs ?? (quick ? 2 : 5)),
    instances,
    findRuns: Number(values["find-runs"] ?? (quick ? 5 : 21)),
    orthanc: !(values["no-orthanc"] ?? false),
    store: !(values["no-store"] ?? false),
    find: !(values["no-find"] ?? false),
    keep: values.keep ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// Statistics

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  // Nearest rank.
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---------------------------------------------------------------------------------------------
// Processes

function have(command: string, args: string[]): boolean {
  try {
    return spawnSync(command, args, { stdio: "ignore" }).status === 0;
  } catch {
    return false;
  }
}

/** Runs a process to completion; resolves with its wall time (ms), exit code and output. */
function timeProcess(
  command: string,
  args: string[],
  timeoutMs = 600_000,
): Promise<{ ms: number; code: number; output: string }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(command, args, { env: NODELAY_ENV, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (d) => output += d);
    child.stderr!.on("data", (d) => output += d);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - start, code: code ?? -1, output });
    });
  });
}

function check(result: { code: number; output: string }, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}): ${result.output}`);
}

/** A child process, ready once `ready()` says so; stopped with SIGTERM. */
async function startProcess(
  command: string,
  args: string[],
  ready: () => Promise<boolean>,
  what: string,
): Promise<Peer> {
  const child: ChildProcess = spawn(command, args, {
    env: NODELAY_ENV,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => output += d);
  child.stderr!.on("data", (d) => output += d);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  while (!(await ready())) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${what} did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    process: child,
    port: 0,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Orthanc

interface Orthanc {
  peer: Peer;
  dicomPort: number;
  httpPort: number;
  rest(method: string, url: string): Promise<unknown>;
  /** Deletes every patient (between rounds). */
  clear(): Promise<void>;
  /** Number of stored instances. */
  count(): Promise<number>;
}

async function startOrthanc(dir: string): Promise<Orthanc> {
  mkdirSync(dir, { recursive: true });
  const dicomPort = await freePort();
  const httpPort = await freePort();
  const config = {
    Name: "dicomsim-bench",
    StorageDirectory: path.join(dir, "storage"),
    IndexDirectory: path.join(dir, "index"),
    DicomAet: "ORTHANC",
    DicomPort: dicomPort,
    HttpPort: httpPort,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomAlwaysAllowStore: true,
    DicomAlwaysAllowFind: true,
    DicomAlwaysAllowEcho: true,
    Plugins: [],
    SaveJobs: false,
  };
  const configFile = path.join(dir, "orthanc.json");
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const base = `http://127.0.0.1:${httpPort}`;
  const rest = async (method: string, url: string) => {
    const response = await fetch(base + url, { method });
    const text = await response.text();
    if (!response.ok) throw new Error(`Orthanc ${method} ${url}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  const peer = await startProcess("Orthanc", [configFile], async () => {
    try {
      await rest("GET", "/system");
      return true;
    } catch {
      return false;
    }
  }, "Orthanc");
  return {
    peer,
    dicomPort,
    httpPort,
    rest,
    async clear() {
      for (const id of (await rest("GET", "/patients")) as string[]) {
        await rest("DELETE", `/patients/${id}`);
      }
    },
    async count() {
      return ((await rest("GET", "/statistics")) as { CountInstances: number }).CountInstances;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Part 1: storing a series

interface StoreTarget {
  name: string;
  aet: string;
  port: number;
  /** Empties the receiver before a round. */
  clear: () => Promise<void>;
  /** How many images it holds now. */
  count: () => Promise<number>;
}

function emptyDir(dir: string): void {
  for (const name of readdirSync(dir)) {
    rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function countFiles(dir: string): number {
  return readdirSync(dir).filter((n) => !n.startsWith(".")).length;
}

async function storeBench(
  s: Settings,
  work: string,
  peers: Peer[],
  orthanc: Orthanc | undefined,
  log: (text: string) => void,
): Promise<void> {
  const seriesDir = path.join(work, "series");
  const generated = await timeProcess(process.execPath, [
    "run",
    "-A",
    MAIN,
    "generate",
    "ct",
    "--slices",
    String(s.count),
    "--out",
    seriesDir,
  ]);
  check(generated, "dicomsim generate ct");
  const files = readdirSync(seriesDir).filter((n) => n.endsWith(".dcm")).sort();
  let bytes = 0;
  for (const f of files) bytes += readFileSync(path.join(seriesDir, f)).length;
  log(
    `Series: ${files.length} CT images 512x512, ${
      (bytes / 1e6).toFixed(1)
    } MB (dicomsim generate ct)`,
  );

  const targets: StoreTarget[] = [];
  const dirTarget = (name: string, aet: string, port: number, dir: string): StoreTarget => ({
    name,
    aet,
    port,
    clear: () => Promise.resolve(emptyDir(dir)),
    count: () => Promise.resolve(countFiles(dir)),
  });
  {
    const dir = path.join(work, "storescp");
    mkdirSync(dir);
    const port = await freePort();
    peers.push(await startDcmtkServer("storescp", ["-od", dir, String(port)], port));
    targets.push(dirTarget("DCMTK storescp -od", "STORESCP", port, dir));
  }
  for (const sync of [true, false]) {
    const dir = path.join(work, sync ? "pacs-sync" : "pacs-nosync");
    mkdirSync(dir);
    const port = await freePort();
    peers.push(await startDicomsimPacs(dir, port, sync));
    targets.push(
      dirTarget(sync ? "dicomsim pacs (fsync)" : "dicomsim pacs --no-sync", "PACS", port, dir),
    );
  }
  if (orthanc !== undefined) {
    targets.push({
      name: "Orthanc (SyncStorageArea)",
      aet: "ORTHANC",
      port: orthanc.dicomPort,
      clear: () => orthanc.clear(),
      count: () => orthanc.count(),
    });
  }
  const storescu = async (target: StoreTarget) => {
    const r = await timeProcess("storescu", [
      "-aec",
      target.aet,
      "127.0.0.1",
      String(target.port),
      ...files.map((f) => path.join(seriesDir, f)),
    ]);
    check(r, `storescu → ${target.name}`);
    return r.ms;
  };
  log(`Warm-up round, then ${s.runs} timed round(s) of ${targets.length} receivers ...`);
  for (const target of targets) {
    await target.clear();
    await storescu(target);
    const n = await target.count();
    if (n !== files.length) throw new Error(`${target.name}: ${n} of ${files.length} images`);
  }
  const times = targets.map(() => [] as number[]);
  for (let round = 0; round < s.runs; round++) {
    for (const [i, target] of targets.entries()) {
      await target.clear();
      times[i].push(await storescu(target));
    }
  }
  const base = median(times[0]);
  log("");
  const header = [
    "storescu → receiver".padEnd(30),
    "median s".padStart(9),
    "best s".padStart(7),
    "worst s".padStart(8),
    "img/s".padStart(6),
    "MB/s".padStart(6),
    "vs storescp".padStart(12),
  ].join(" ");
  log(header);
  log("-".repeat(header.length));
  for (const [i, target] of targets.entries()) {
    const med = median(times[i]);
    log([
      target.name.padEnd(30),
      (med / 1000).toFixed(3).padStart(9),
      (Math.min(...times[i]) / 1000).toFixed(3).padStart(7),
      (Math.max(...times[i]) / 1000).toFixed(3).padStart(8),
      (files.length / (med / 1000)).toFixed(0).padStart(6),
      (bytes / 1e6 / (med / 1000)).toFixed(0).padStart(6),
      `${(med / base).toFixed(2)}x time`.padStart(12),
    ].join(" "));
  }
  log(
    `(${s.runs} rounds; "x time" is this receiver's median over storescp's: below 1 is faster.)`,
  );
}

/** `dicomsim pacs` as a process; ready once it answers a C-ECHO. */
function startDicomsimPacs(dir: string, port: number, sync: boolean): Promise<Peer> {
  const args = ["run", "-A", MAIN, "pacs", "--port", String(port), "--store", dir];
  args.push("--aet", "PACS", "-q", ...(sync ? [] : ["--no-sync"]));
  return startProcess(process.execPath, args, async () => {
    const r = await timeProcess("echoscu", ["-aec", "PACS", "127.0.0.1", String(port)], 5000);
    return r.code === 0;
  }, "dicomsim pacs");
}

// ---------------------------------------------------------------------------------------------
// Part 2: C-FIND latency

const FIND_ROOT = "1.2.826.0.1.3680043.10.1234.88";

/** The small instances of the C-FIND index: `instances` in 100 patients/studies, 2 series each. */
function* findInstances(instances: number): Generator<{ name: string; dataSet: DataSet }> {
  const perStudy = instances / 100;
  const perSeries = Math.ceil(perStudy / 2);
  for (let p = 0; p < 100; p++) {
    const pid = `P${String(p).padStart(4, "0")}`;
    for (let i = 0; i < perStudy; i++) {
      const series = i < perSeries ? 1 : 2;
      const ds = new DataSet();
      ds.set("SpecificCharacterSet", "ISO_IR 100");
      ds.set("ImageType", ["ORIGINAL", "PRIMARY", "AXIAL"]);
      ds.set("SOPClassUID", CT_IMAGE_STORAGE);
      ds.set("SOPInstanceUID", `${FIND_ROOT}.3.${p + 1}.${i + 1}`);
      ds.set(
        "StudyDate",
        `2024${String(1 + (p % 12)).padStart(2, "0")}${String(1 + (p % 28)).padStart(2, "0")}`,
      );
      ds.set("StudyTime", "101500");
      ds.set("AccessionNumber", `A${String(p).padStart(6, "0")}`);
      ds.set("Modality", "CT");
      ds.set("ReferringPhysicianName", "REF^DOC");
      ds.set("StudyDescription", "BENCH FIND");
      ds.set("SeriesDescription", `SERIES ${series}`);
      ds.set("PatientName", `PATIENT^${pid}`);
      ds.set("PatientID", pid);
      ds.set("PatientBirthDate", "19700101");
      ds.set("PatientSex", p % 2 ? "F" : "M");
      ds.set("StudyInstanceUID", `${FIND_ROOT}.1.${p + 1}`);
      ds.set("SeriesInstanceUID", `${FIND_ROOT}.2.${p + 1}.${series}`);
      ds.set("StudyID", String(p + 1));
      ds.set("SeriesNumber", String(series));
      ds.set("InstanceNumber", String(i + 1));
      yield { name: `${pid}_${String(i).padStart(4, "0")}.dcm`, dataSet: ds };
    }
  }
}

interface Query {
  name: string;
  level: QueryLevel;
  keys: string[];
  expected: number;
}

function queries(instances: number): Query[] {
  const perStudy = instances / 100;
  const perSeries = Math.ceil(perStudy / 2);
  const study = `${FIND_ROOT}.1.51`;
  return [
    {
      name: "STUDY, PatientID=P0050",
      level: "STUDY",
      keys: ["PatientID=P0050", "StudyInstanceUID", "StudyDate", "AccessionNumber", "PatientName"],
      expected: 1,
    },
    {
      name: "STUDY, all (StudyDate range)",
      level: "STUDY",
      keys: ["StudyDate=20240101-20241231", "StudyInstanceUID", "PatientID", "PatientName"],
      expected: 100,
    },
    {
      name: "STUDY, PatientName=PATIENT^P00*",
      level: "STUDY",
      keys: ["PatientName=PATIENT^P00*", "StudyInstanceUID", "PatientID"],
      expected: 100,
    },
    {
      name: "SERIES of one study",
      level: "SERIES",
      keys: [`StudyInstanceUID=${study}`, "SeriesInstanceUID", "Modality", "SeriesNumber"],
      expected: 2,
    },
    {
      name: `IMAGE of one series (${perSeries})`,
      level: "IMAGE",
      keys: [
        `StudyInstanceUID=${study}`,
        `SeriesInstanceUID=${FIND_ROOT}.2.51.1`,
        "SOPInstanceUID",
        "InstanceNumber",
      ],
      expected: perSeries,
    },
    {
      name: "IMAGE by SOP Instance UID",
      level: "IMAGE",
      keys: [
        `StudyInstanceUID=${study}`,
        `SeriesInstanceUID=${FIND_ROOT}.2.51.2`,
        `SOPInstanceUID=${FIND_ROOT}.3.51.${perStudy}`,
        "InstanceNumber",
      ],
      expected: 1,
    },
  ];
}

interface FindTarget {
  name: string;
  aet: string;
  port: number;
}

async function findBench(
  s: Settings,
  work: string,
  orthanc: Orthanc | undefined,
  log: (text: string) => void,
): Promise<void> {
  // Our node: populated directly through the library (as Part 10 bytes in memory storage).
  const storage = createMemoryPacsStorage();
  const pacs = await startPacs({ aeTitle: "PACS" }, { storage });
  const filesDir = path.join(work, "find-files");
  if (orthanc !== undefined) mkdirSync(filesDir);
  let n = 0;
  let indexMs = 0;
  for (const { name, dataSet } of findInstances(s.instances)) {
    const bytes = writeDicom(dataSet, "ExplicitVRLittleEndian");
    const uid = dataSet.getString("SOPInstanceUID")!;
    storage.memory.files.set(uid, bytes);
    const start = performance.now();
    pacs.index.addPart10(bytes, `memory:${uid}`);
    indexMs += performance.now() - start;
    if (orthanc !== undefined) writeFileSync(path.join(filesDir, name), bytes);
    n++;
  }
  log("");
  log(
    `C-FIND index: ${n} instances (100 patients/studies, 2 series each); dicomsim indexed ` +
      `them through the library (PacsIndex.addPart10) in ${(indexMs / 1000).toFixed(2)} s`,
  );
  let t0: number;
  const targets: FindTarget[] = [{ name: "dicomsim", aet: "PACS", port: pacs.port }];
  if (orthanc !== undefined) {
    await orthanc.clear();
    t0 = performance.now();
    const r = await timeProcess("storescu", [
      "-aec",
      "ORTHANC",
      "+sd",
      "127.0.0.1",
      String(orthanc.dicomPort),
      filesDir,
    ]);
    check(r, "storescu → Orthanc (C-FIND index)");
    const count = await orthanc.count();
    log(
      `Orthanc: ${count} instances stored with storescu in ${
        ((performance.now() - t0) / 1000).toFixed(1)
      } s`,
    );
    targets.push({ name: "Orthanc", aet: "ORTHANC", port: orthanc.dicomPort });
  }
  const qs = queries(s.instances);
  const associations = new Map<string, Association>();
  try {
    for (const t of targets) {
      associations.set(
        t.name,
        await requestAssociation({
          host: "127.0.0.1",
          port: t.port,
          callingAeTitle: "FINDBENCH",
          calledAeTitle: t.aet,
          contexts: [{
            abstractSyntax: STUDY_ROOT_FIND,
            transferSyntaxes: [EXPLICIT_VR_LE, IMPLICIT_VR_LE],
          }],
        }),
      );
    }
    // Check the answers once (counts), then time.
    for (const q of qs) {
      for (const t of targets) {
        const result = await findScu(
          associations.get(t.name)!,
          buildIdentifier(q.keys, { level: q.level }),
        );
        if (result.status !== 0 || result.matches.length !== q.expected) {
          log(
            `  note: ${t.name} answered "${q.name}" with ${result.matches.length} matches ` +
              `(expected ${q.expected}), status 0x${result.status.toString(16)}`,
          );
        }
      }
    }
    const header = [
      "query (Study Root)".padEnd(34),
      "SCP".padEnd(9),
      "findscu med".padStart(12),
      "p95 ms".padStart(7),
      "findScu med".padStart(12),
      "p95 ms".padStart(7),
    ].join(" ");
    log(
      `${s.findRuns} repetitions of each query (SCPs interleaved); milliseconds. findscu: a ` +
        "DCMTK process per query (start-up and association included); findScu: dicomsim's SCU " +
        "on an open association (the query alone).",
    );
    log(header);
    log("-".repeat(header.length));
    const results: Record<string, { process: number[]; inProcess: number[] }> = {};
    for (const q of qs) {
      for (const t of targets) results[`${q.name}|${t.name}`] = { process: [], inProcess: [] };
    }
    // First the queries alone on open associations, then whole findscu processes (their
    // start-up would disturb the short in-process timings on a small machine).
    for (let run = 0; run < s.findRuns; run++) {
      for (const q of qs) {
        for (const t of targets) {
          const start = performance.now();
          await findScu(associations.get(t.name)!, buildIdentifier(q.keys, { level: q.level }));
          results[`${q.name}|${t.name}`].inProcess.push(performance.now() - start);
        }
      }
    }
    for (let run = 0; run < s.findRuns; run++) {
      for (const q of qs) {
        for (const t of targets) {
          const args = ["-S", "-aec", t.aet, "-k", `QueryRetrieveLevel=${q.level}`];
          for (const k of q.keys) args.push("-k", k);
          const r = await timeProcess("findscu", [...args, "127.0.0.1", String(t.port)], 60_000);
          check(r, `findscu ${q.name} → ${t.name}`);
          results[`${q.name}|${t.name}`].process.push(r.ms);
        }
      }
    }
    for (const q of qs) {
      for (const t of targets) {
        const r = results[`${q.name}|${t.name}`];
        log([
          q.name.padEnd(34),
          t.name.padEnd(9),
          median(r.process).toFixed(1).padStart(12),
          quantile(r.process, 0.95).toFixed(1).padStart(7),
          median(r.inProcess).toFixed(1).padStart(12),
          quantile(r.inProcess, 0.95).toFixed(1).padStart(7),
        ].join(" "));
      }
    }
    if (targets.length > 1) {
      log("");
      log("Ratio Orthanc / dicomsim (median; above 1: dicomsim answers faster):");
      for (const q of qs) {
        const ours = results[`${q.name}|dicomsim`];
        const theirs = results[`${q.name}|Orthanc`];
        log(
          `  ${q.name.padEnd(34)} findscu ${
            (median(theirs.process) / median(ours.process)).toFixed(2)
          }x` +
            `   findScu ${(median(theirs.inProcess) / median(ours.inProcess)).toFixed(2)}x`,
        );
      }
    }
  } finally {
    for (const a of associations.values()) await a.release().catch(() => a.abort());
    await pacs.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const s = settings();
  const log = (text: string) => process.stdout.write(text + "\n");
  if (!have("storescu", ["--version"]) || !have("findscu", ["--version"])) {
    log("DCMTK (storescu, storescp, findscu) is not installed: nothing to run.");
    process.exit(1);
  }
  log(
    `Host: ${os.cpus().length} CPU(s), ${os.cpus()[0]?.model ?? "?"}; ` +
      `load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
  );
  const work = mkdtempSync(path.join(os.tmpdir(), "dicomsim-pacs-bench-"));
  const peers: Peer[] = [];
  let orthanc: Orthanc | undefined;
  try {
    if (s.orthanc && have("Orthanc", ["--version"])) {
      orthanc = await startOrthanc(path.join(work, "orthanc"));
      peers.push(orthanc.peer);
      const version = (await orthanc.rest("GET", "/system")) as { Version: string };
      log(`Orthanc ${version.Version} on 127.0.0.1:${orthanc.dicomPort} (its own configuration)`);
    } else {
      log(
        s.orthanc
          ? "Orthanc: skipped (not installed; `apt-get install -y orthanc`)"
          : "Orthanc: skipped (--no-orthanc)",
      );
    }
    if (s.store) await storeBench(s, work, peers, orthanc, log);
    if (s.find) await findBench(s, work, orthanc, log);
  } finally {
    for (const peer of peers) await peer.stop();
    if (s.keep) log(`Kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) await main();
