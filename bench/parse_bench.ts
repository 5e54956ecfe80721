/**
 * Parsing benchmark: dicomsim's reader against dicom-parser and dcmjs (npm, in the same process)
 * and against DCMTK's dcmdump and pydicom (whole processes), on a whole series, headers only and
 * full, in one run; prints a table per series with the ratio of each peer to dicomsim.
 *
 * ```sh
 * deno run -A bench/parse_bench.ts            # both series, ~1-2 minutes
 * deno run -A bench/parse_bench.ts --quick    # smoke run, ~15 s
 * deno run -A bench/parse_bench.ts --json     # machine-readable results on stdout
 * ```
 *
 * Options: `--series pacsman|synthetic|all` (default all), `--synthetic-count N` (default 200,
 * 40 with --quick), `--runs N` (in-process timed runs), `--process-runs N`, `--no-processes`,
 * `--no-in-process`, `--keep` (keep the synthetic series' temporary directory).
 *
 * Not part of the test suite (no `_test.ts` name); it only reads fixtures and writes a temporary
 * directory that it removes.
 * @module
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { DataSet } from "../src/core/dataset.ts";
import { writeDicom } from "../src/codec/write_file.ts";
import {
  IN_PROCESS_PARSERS,
  type InProcessParser,
  type LoadedSeries,
  type ParseMode,
  touchDcmjs,
  touchDicomParser,
  touchDicomsim,
  type TouchedValues,
} from "./_peers.ts";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const PACSMAN_DIR = path.resolve(ROOT, "../shared/fixtures/pacsman-series/dicomseries");
const PYTHON = "/usr/bin/python3";
const MODES: readonly ParseMode[] = ["headers", "full"];
/** Ratios within 3% of 1 are reported as a tie (below what this bench can resolve). */
const TIE = 0.03;

/** One measured row. */
interface Result {
  /** "in-process", "process: read + print 3 values" or "process: full text dump". */
  group: string;
  tool: string;
  mode: ParseMode;
  /** Median wall time to parse the whole series, in milliseconds. */
  medianMs: number;
  minMs: number;
  runs: number;
  filesPerSecond: number;
  /** Whole-series parses per second (1000 / median). */
  opsPerSecond: number;
  /** This row's median over dicomsim's median in the same group and mode (>1: dicomsim faster). */
  ratioVsDicomsim: number | undefined;
  /** For whole processes: the command line, files elided. */
  command?: string;
}

interface SeriesReport {
  name: string;
  description: string;
  files: number;
  bytes: number;
  results: Result[];
}

interface Settings {
  quick: boolean;
  json: boolean;
  series: string;
  syntheticCount: number;
  warmup: number;
  warmupMs: number;
  sampleMs: number;
  runs: number;
  processWarmup: number;
  processRuns: number;
  inProcess: boolean;
  processes: boolean;
  keep: boolean;
}

function settingsFromArgs(args: string[]): Settings {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: "boolean" },
      json: { type: "boolean" },
      series: { type: "string" },
      "synthetic-count": { type: "string" },
      runs: { type: "string" },
      "process-runs": { type: "string" },
      "no-processes": { type: "boolean" },
      "no-in-process": { type: "boolean" },
      keep: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(
      "Usage: deno run -A bench/parse_bench.ts [--quick] [--json] [--series pacsman|synthetic|all]\n" +
        "  [--synthetic-count N] [--runs N] [--process-runs N] [--no-processes] [--no-in-process]\n" +
        "  [--keep] (keep the synthetic series' temporary directory)",
    );
    process.exit(0);
  }
  const quick = values.quick ?? false;
  const series = values.series ?? "all";
  if (!["pacsman", "synthetic", "all"].includes(series)) {
    throw new RangeError(`Unknown series: ${series}`);
  }
  return {
    quick,
    json: values.json ?? false,
    series,
    syntheticCount: Number(values["synthetic-count"] ?? (quick ? 40 : 200)),
    warmup: quick ? 3 : 10,
    warmupMs: quick ? 150 : 500,
    sampleMs: quick ? 10 : 25,
    runs: Number(values.runs ?? (quick ? 5 : 21)),
    processWarmup: quick ? 0 : 1,
    processRuns: Number(values["process-runs"] ?? (quick ? 1 : 5)),
    inProcess: !(values["no-in-process"] ?? false),
    processes: !(values["no-processes"] ?? false),
    keep: values.keep ?? false,
  };
}

// ---------------------------------------------------------------------------------------------
// Series

function loadSeries(files: string[]): LoadedSeries {
  const bytes = files.map((f) => {
    const b = readFileSync(f);
    // An exact-size buffer of its own, so the ArrayBuffer that dcmjs gets is just this file.
    const copy = new Uint8Array(b.length);
    copy.set(b);
    return copy;
  });
  return { bytes, buffers: bytes.map((b) => b.buffer as ArrayBuffer) };
}

function pacsmanFiles(): string[] {
  return readdirSync(PACSMAN_DIR)
    .filter((f) => f.endsWith(".dcm"))
    .sort((a, b) => Number(a.replace(/\D/g, "")) - Number(b.replace(/\D/g, "")))
    .map((f) => path.join(PACSMAN_DIR, f));
}

/**
 * Writes `count` CT-like slices (512x512, 16-bit signed, explicit VR little endian, a typical
 * header with two sequences) with dicomsim's writer; returns their paths.
 */
function writeSyntheticSeries(dir: string, count: number): string[] {
  const size = 512;
  const pixels = new Uint8Array(size * size * 2);
  const view = new DataView(pixels.buffer);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - size / 2, y - size / 2);
      view.setInt16((y * size + x) * 2, r < 200 ? 40 + ((x * 7 + y * 13) & 63) : -1000, true);
    }
  }
  const root = "1.2.826.0.1.3680043.10.1234";
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const ds = new DataSet();
    ds.set("SpecificCharacterSet", "ISO_IR 100");
    ds.set("ImageType", ["ORIGINAL", "PRIMARY", "AXIAL"]);
    ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2");
    ds.set("SOPInstanceUID", `${root}.3.${i + 1}`);
    ds.set("StudyDate", "20240102");
    ds.set("SeriesDate", "20240102");
    ds.set("AcquisitionDate", "20240102");
    ds.set("ContentDate", "20240102");
    ds.set("StudyTime", "101500");
    ds.set("ContentTime", `1016${String(i % 60).padStart(2, "0")}`);
    ds.set("AccessionNumber", "ACC0001");
    ds.set("Modality", "CT");
    ds.set("Manufacturer", "dicomsim");
    ds.set("InstitutionName", "Bench Hospital");
    ds.set("ReferringPhysicianName", "Doe^Jane");
    ds.set("StudyDescription", "CT CHEST");
    ds.set("SeriesDescription", "AXIAL 1.0 BENCH");
    ds.set("ManufacturerModelName", "Synthetic");
    const ref = new DataSet();
    ref.set("ReferencedSOPClassUID", "1.2.840.10008.5.1.4.1.1.2");
    ref.set("ReferencedSOPInstanceUID", `${root}.3.${i === 0 ? 2 : i}`);
    ds.set("ReferencedImageSequence", [ref]);
    ds.set("PatientName", "BENCH^PATIENT");
    ds.set("PatientID", "BENCH001");
    ds.set("PatientBirthDate", "19700101");
    ds.set("PatientSex", "O");
    ds.set("SliceThickness", "1.0");
    ds.set("KVP", "120");
    ds.set("ProtocolName", "CHEST");
    ds.set("PatientPosition", "HFS");
    ds.set("StudyInstanceUID", `${root}.1`);
    ds.set("SeriesInstanceUID", `${root}.2`);
    ds.set("StudyID", "1");
    ds.set("SeriesNumber", "2");
    ds.set("InstanceNumber", String(i + 1));
    ds.set("ImagePositionPatient", ["-250", "-250", String(-i)]);
    ds.set("ImageOrientationPatient", ["1", "0", "0", "0", "1", "0"]);
    ds.set("FrameOfReferenceUID", `${root}.4`);
    ds.set("SliceLocation", String(-i));
    ds.set("SamplesPerPixel", 1);
    ds.set("PhotometricInterpretation", "MONOCHROME2");
    ds.set("Rows", size);
    ds.set("Columns", size);
    ds.set("PixelSpacing", ["0.9765625", "0.9765625"]);
    ds.set("BitsAllocated", 16);
    ds.set("BitsStored", 16);
    ds.set("HighBit", 15);
    ds.set("PixelRepresentation", 1);
    ds.set("WindowCenter", ["40", "-600"]);
    ds.set("WindowWidth", ["400", "1500"]);
    ds.set("RescaleIntercept", "0");
    ds.set("RescaleSlope", "1");
    ds.set("RescaleType", "HU");
    ds.set("PixelData", pixels, "OW");
    const file = path.join(dir, `ct_${String(i).padStart(4, "0")}.dcm`);
    writeFileSync(file, writeDicom(ds, "ExplicitVRLittleEndian"));
    files.push(file);
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Timing

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

let sink = 0;

/** Checks that the three parsers read the same values from every file; returns problems found. */
function crossCheck(series: LoadedSeries): string[] {
  const problems: string[] = [];
  const same = (a: TouchedValues, b: TouchedValues) =>
    a.patientName === b.patientName && a.sopInstanceUid === b.sopInstanceUid &&
    a.rows === b.rows && a.pixelLength === b.pixelLength;
  for (const mode of MODES) {
    for (let i = 0; i < series.bytes.length; i++) {
      const ours = touchDicomsim(series.bytes[i], mode);
      const peers: [string, TouchedValues][] = [
        ["dicom-parser", touchDicomParser(series.bytes[i], mode)],
        ["dcmjs", touchDcmjs(series.buffers[i], mode)],
      ];
      for (const [tool, v] of peers) {
        if (!same(ours, v) && problems.length < 5) {
          problems.push(
            `${tool} ${mode} file ${i}: ${JSON.stringify(v)} vs dicomsim ${JSON.stringify(ours)}`,
          );
        }
      }
    }
  }
  return problems;
}

/** Parses the whole series `passes` times with one parser; returns the elapsed milliseconds. */
function passOver(
  p: InProcessParser,
  series: LoadedSeries,
  mode: ParseMode,
  passes: number,
): number {
  const n = series.bytes.length;
  const t0 = performance.now();
  let sum = 0;
  for (let k = 0; k < passes; k++) {
    for (let i = 0; i < n; i++) sum += p.parse(series, i, mode);
  }
  const t1 = performance.now();
  sink ^= sum;
  return t1 - t0;
}

/**
 * Times every in-process parser over the whole series, both modes. Warm-up first (both modes,
 * at least `warmup` passes and `warmupMs` per parser and mode, so the JIT has settled), then
 * `runs` samples per parser and mode, interleaved (order rotated each round) so drift and GC hit
 * all alike. A sample is as many passes over the series as fill about `sampleMs` (a pass can be
 * ~1 ms, too short to time alone); the time per pass is kept.
 */
function timeInProcess(series: LoadedSeries, s: Settings): Map<string, number[]> {
  const jobs = MODES.flatMap((mode) => IN_PROCESS_PARSERS.map((p) => ({ p, mode })));
  const key = (j: { p: InProcessParser; mode: ParseMode }) => `${j.p.tool}/${j.mode}`;
  const passes = new Map<string, number>();
  for (const j of jobs) {
    let spent = 0;
    let count = 0;
    while (count < s.warmup || spent < s.warmupMs) {
      spent += passOver(j.p, series, j.mode, 1);
      count++;
    }
    passes.set(key(j), Math.max(1, Math.ceil(s.sampleMs / (spent / count))));
  }
  const times = new Map<string, number[]>(jobs.map((j) => [key(j), []]));
  for (let round = 0; round < s.runs; round++) {
    for (let k = 0; k < jobs.length; k++) {
      const j = jobs[(round + k) % jobs.length];
      const n = passes.get(key(j))!;
      times.get(key(j))!.push(passOver(j.p, series, j.mode, n) / n);
    }
  }
  return times;
}

interface ProcessCommand {
  group: string;
  tool: string;
  mode: ParseMode;
  argv: string[];
  env?: Record<string, string>;
  /** Text the output must contain (checked on the warm-up run). */
  expect: string;
}

function runtimeArgv(script: string): string[] {
  if (typeof Deno !== "undefined") return [Deno.execPath(), "run", "--allow-read", script];
  return [process.execPath, script]; // Bun (or another runtime that runs .ts directly)
}

function runtimeName(): string {
  if (typeof Deno !== "undefined") return "deno";
  return (globalThis as { Bun?: unknown }).Bun ? "bun" : "node";
}

function processCommands(files: string[], expect: string, tools: Tools): ProcessCommand[] {
  const out: ProcessCommand[] = [];
  const rt = runtimeName();
  const read = "process: read + print 3 values";
  const dump = "process: full text dump";
  const dcmtkEnv = { ...process.env, TCP_NODELAY: "1" } as Record<string, string>;
  const searched = ["+P", "0010,0010", "+P", "0008,0018", "+P", "0028,0010"];
  for (const mode of MODES) {
    const headers = mode === "headers";
    out.push({
      group: read,
      tool: `dicomsim (${rt} bench/_read_series.ts)`,
      mode,
      argv: [...runtimeArgv("bench/_read_series.ts"), headers ? "--headers" : "--full", ...files],
      expect,
    });
    if (tools.dcmdump) {
      out.push({
        group: read,
        tool: "dcmdump +P",
        mode,
        argv: [
          "dcmdump",
          "-q",
          ...(headers ? ["+sb", "7fe0,0010"] : ["+M"]),
          ...searched,
          ...files,
        ],
        env: dcmtkEnv,
        expect,
      });
    }
    if (tools.pydicom) {
      out.push({
        group: read,
        tool: "pydicom",
        mode,
        argv: [PYTHON, "bench/pydicom_parse.py", headers ? "--headers" : "--full", ...files],
        expect,
      });
    }
    out.push({
      group: dump,
      tool: `dicomsim dump (${rt} src/cli/main.ts)`,
      mode,
      argv: [
        ...runtimeArgv("src/cli/main.ts"),
        "dump",
        ...(headers ? ["--stop-before-pixels"] : []),
        ...files,
      ],
      expect,
    });
    if (tools.dcmdump) {
      out.push({
        group: dump,
        tool: "dcmdump",
        mode,
        argv: ["dcmdump", "-q", ...(headers ? ["+sb", "7fe0,0010"] : ["+M"]), ...files],
        env: dcmtkEnv,
        expect,
      });
    }
  }
  return out;
}

function runProcess(c: ProcessCommand, check: boolean): number {
  const t0 = performance.now();
  const r = spawnSync(c.argv[0], c.argv.slice(1), {
    cwd: ROOT,
    env: c.env ?? (process.env as Record<string, string>),
    stdio: ["ignore", check ? "pipe" : "ignore", "pipe"],
    maxBuffer: 1 << 30,
  });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  if (r.status !== 0) {
    throw new Error(
      `${c.tool} exited with ${r.status}: ${String(r.stderr).slice(0, 500)}`,
    );
  }
  if (check && !String(r.stdout).includes(c.expect)) {
    throw new Error(`${c.tool} output lacks ${JSON.stringify(c.expect)}`);
  }
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Reporting

function resultRow(
  group: string,
  tool: string,
  mode: ParseMode,
  times: number[],
  files: number,
): Result {
  const med = median(times);
  return {
    group,
    tool,
    mode,
    medianMs: med,
    minMs: Math.min(...times),
    runs: times.length,
    filesPerSecond: files / (med / 1000),
    opsPerSecond: 1000 / med,
    ratioVsDicomsim: undefined,
  };
}

function fillRatios(results: Result[]): void {
  for (const r of results) {
    const ref = results.find((x) =>
      x.group === r.group && x.mode === r.mode && x.tool.startsWith("dicomsim")
    );
    if (ref) r.ratioVsDicomsim = r.medianMs / ref.medianMs;
  }
}

function ratioText(r: Result): string {
  if (r.tool.startsWith("dicomsim")) return "(reference)";
  const q = r.ratioVsDicomsim;
  if (q === undefined) return "";
  if (Math.abs(q - 1) < TIE) return `about equal (${q.toFixed(2)}x)`;
  return q >= 1 ? `${q.toFixed(2)}x slower` : `${(1 / q).toFixed(2)}x FASTER than dicomsim`;
}

function fmt(n: number, digits = 1): string {
  return n.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

function printSeries(rep: SeriesReport, s: Settings): void {
  const mb = (rep.bytes / 1e6).toFixed(1);
  console.log(`\n## ${rep.name}: ${rep.description}; ${rep.files} files, ${mb} MB`);
  const groups = [...new Set(rep.results.map((r) => r.group))];
  for (const g of groups) {
    const rows = rep.results.filter((r) => r.group === g);
    if (g === "in-process") {
      console.log(
        `\n### in-process (${runtimeName()}; files preloaded as Uint8Array, parsing only; ` +
          `median of ${s.runs} samples of >=${s.sampleMs} ms each, after >=${s.warmupMs} ms warm-up)`,
      );
    } else {
      console.log(
        `\n### ${g} (one process over all files: cold start included - spawn, runtime start, ` +
          `module load - as a user sees it; median of ${s.processRuns} after ` +
          `${s.processWarmup} warm-up)`,
      );
    }
    const width = Math.max(12, ...rows.map((r) => r.tool.length));
    console.log(
      `${"tool".padEnd(width)}  ${"mode".padEnd(7)}  ${"ms/series".padStart(10)}  ` +
        `${"min ms".padStart(8)}  ${"files/s".padStart(9)}  ${
          "series/s".padStart(8)
        }  vs dicomsim (median)`,
    );
    for (const r of rows) {
      console.log(
        `${r.tool.padEnd(width)}  ${r.mode.padEnd(7)}  ${fmt(r.medianMs).padStart(10)}  ` +
          `${fmt(r.minMs).padStart(8)}  ` +
          `${fmt(r.filesPerSecond, 0).padStart(9)}  ${fmt(r.opsPerSecond, 2).padStart(8)}  ` +
          ratioText(r),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Machine and tools

interface Tools {
  dcmdump: string | undefined;
  pydicom: string | undefined;
}

function firstLine(argv: string[]): string | undefined {
  const r = spawnSync(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
  if (r.error || r.status !== 0) return undefined;
  return String(r.stdout).trim().split("\n")[0];
}

function detectTools(): Tools {
  const dcmdump = firstLine(["dcmdump", "--version"])?.replace(/^\$dcmtk: /, "").replace(
    / \$$/,
    "",
  );
  const pydicom = firstLine([
    PYTHON,
    "-c",
    "import sys, pydicom; print(pydicom.__version__, 'python', sys.version.split()[0])",
  ]);
  return { dcmdump, pydicom };
}

function npmVersion(name: string): string {
  try {
    const pkg = JSON.parse(
      readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8"),
    );
    return String(pkg.version);
  } catch {
    return "?";
  }
}

function machineInfo(tools: Tools): Record<string, string | number> {
  const cpus = os.cpus();
  const bun = (globalThis as { Bun?: { version: string } }).Bun;
  const rt = typeof Deno !== "undefined"
    ? `deno ${Deno.version.deno} (V8 ${Deno.version.v8})`
    : bun
    ? `bun ${bun.version}`
    : `node ${process.version}`;
  return {
    cpu: cpus[0]?.model ?? "?",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.platform()} ${os.release()}`,
    runtime: rt,
    dicomParser: npmVersion("dicom-parser"),
    dcmjs: npmVersion("dcmjs"),
    dcmtk: tools.dcmdump ?? "not found",
    pydicom: tools.pydicom ?? "not found",
  };
}

// ---------------------------------------------------------------------------------------------
// Main

function benchSeries(
  name: string,
  description: string,
  files: string[],
  expect: string,
  s: Settings,
  tools: Tools,
): SeriesReport {
  const log = (m: string) => console.error(`[${name}] ${m}`);
  const series = loadSeries(files);
  const bytes = series.bytes.reduce((a, b) => a + b.length, 0);
  const results: Result[] = [];
  if (s.inProcess) {
    const problems = crossCheck(series);
    for (const p of problems) log(`WARNING values differ: ${p}`);
    log("in-process");
    const times = timeInProcess(series, s);
    for (const mode of MODES) {
      for (const p of IN_PROCESS_PARSERS) {
        const t = times.get(`${p.tool}/${mode}`)!;
        results.push(resultRow("in-process", p.tool, mode, t, files.length));
      }
    }
  }
  if (s.processes) {
    const commands = processCommands(files, expect, tools);
    const times = new Map<ProcessCommand, number[]>(commands.map((c) => [c, []]));
    for (const c of commands) {
      for (let i = 0; i < s.processWarmup; i++) {
        log(`process ${c.tool} ${c.mode} (warm-up)`);
        runProcess(c, true);
      }
    }
    // Interleaved, like the in-process rounds; the first round also checks each output.
    for (let round = 0; round < s.processRuns; round++) {
      log(`process round ${round + 1}/${s.processRuns}`);
      for (const c of commands) times.get(c)!.push(runProcess(c, round === 0));
    }
    for (const c of commands) {
      const row = resultRow(c.group, c.tool, c.mode, times.get(c)!, files.length);
      const args = c.argv.slice(0, c.argv.length - files.length)
        .map((a, i) => i === 0 ? path.basename(a) : a);
      row.command = `${args.join(" ")} FILE...`;
      results.push(row);
    }
  }
  fillRatios(results);
  return { name, description, files: files.length, bytes, results };
}

function main(): void {
  const s = settingsFromArgs(process.argv.slice(2));
  const tools = detectTools();
  const machine = machineInfo(tools);
  const reports: SeriesReport[] = [];
  const started = performance.now();
  if (s.series !== "synthetic") {
    reports.push(
      benchSeries(
        "pacsman",
        "MR 128x128 16-bit, explicit VR LE (fixtures/pacsman-series)",
        pacsmanFiles(),
        "PACSMAN",
        s,
        tools,
      ),
    );
  }
  if (s.series !== "pacsman") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "dicomsim_bench_"));
    try {
      console.error(`[synthetic] writing ${s.syntheticCount} CT slices to ${dir}`);
      const files = writeSyntheticSeries(dir, s.syntheticCount);
      reports.push(
        benchSeries(
          "synthetic",
          "CT 512x512 16-bit, explicit VR LE, written by dicomsim",
          files,
          "BENCH^PATIENT",
          s,
          tools,
        ),
      );
    } finally {
      if (s.keep) console.error(`[synthetic] kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (s.json) {
    console.log(JSON.stringify({ machine, settings: s, seconds, series: reports }, null, 2));
    return;
  }
  console.log(
    `# dicomsim parse benchmark - ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), ` +
      `${machine.runtime}; dicom-parser ${machine.dicomParser}, dcmjs ${machine.dcmjs}, ` +
      `${machine.dcmtk}, pydicom ${machine.pydicom}`,
  );
  if (!tools.dcmdump) console.log("(dcmdump not found: its rows are skipped)");
  if (!tools.pydicom) console.log(`(pydicom not importable by ${PYTHON}: its rows are skipped)`);
  for (const rep of reports) printSeries(rep, s);
  const losses = reports.flatMap((rep) =>
    rep.results
      .filter((r) => r.ratioVsDicomsim !== undefined && r.ratioVsDicomsim <= 1 - TIE)
      .map((r) => `${rep.name} ${r.group} ${r.mode}: ${r.tool} ${ratioText(r)}`)
  );
  const compared =
    reports.flatMap((rep) =>
      rep.results.filter((r) => !r.tool.startsWith("dicomsim") && r.ratioVsDicomsim !== undefined)
    ).length;
  console.log(
    `\nSummary: dicomsim is faster (or within 3%) in ${
      compared - losses.length
    } of ${compared} comparisons.`,
  );
  for (const l of losses) console.log(`  slower: ${l}`);
  console.log(`\n(total ${seconds.toFixed(1)} s; checksum ${sink & 0xff})`);
}

main();
