/**
 * Simulated modality benchmark, in one run:
 *
 * - generation speed of the CT series (512x512, 16-bit) in slices/s: in memory (phantom, noise,
 *   Part 10 encoding) and with the files written to a temporary folder;
 * - sending speed against DCMTK storescp (TCP_NODELAY=1, writing to a temporary folder) in
 *   images/s and MB/s of: DCMTK storescu sending the generated files (the baseline; the whole
 *   process is timed), dicomsim's scanner sending the same pre-generated series from memory,
 *   and dicomsim's scanner generating while it sends (what `dicomsim modality ct` does);
 *
 * with the ratio of each to storescu (above 1: faster). Rounds are interleaved after an untimed
 * warm-up round; the table gives medians.
 *
 * ```sh
 * deno run -A bench/modality_bench.ts                 # 200 slices, 3 rounds
 * deno run -A bench/modality_bench.ts --slices 50 --runs 1
 * ```
 * Not part of the test suite.
 * @module
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { parseArgs } from "node:util";
import { simulateScanner } from "../src/sim/modality/ct_scanner.ts";
import { ctSeries } from "../src/sim/modality/ct_series.ts";
import { type SimulatedSeries, simulatedSeries } from "../src/sim/modality/simulated_series.ts";
import { freePort, startDcmtkServer } from "../tests/_dcmtk.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    slices: { type: "string", default: "200" },
    runs: { type: "string", default: "3" },
    seed: { type: "string", default: "bench" },
  },
});
const slices = Number(values.slices);
const runs = Number(values.runs);
const seed = values.seed!;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      env: { ...process.env, TCP_NODELAY: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout!.on("data", (d) => output += d);
    child.stderr!.on("data", (d) => output += d);
    child.once("exit", (code) => resolve({ code: code ?? -1, output }));
  });
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "dicomsim-modality-bench-"));
const filesDir = path.join(tmp, "series");
const received = path.join(tmp, "received");
mkdirSync(filesDir);
mkdirSync(received);

// 1. Generation (after a few untimed slices of another seed, to warm the JIT up).
const warm = ctSeries({ slices: 5, seed: "warm-up" });
for (let i = 0; i < warm.count; i++) warm.file(i);
const series = ctSeries({ slices, seed });
let t = performance.now();
const files: Uint8Array[] = [];
for (let i = 0; i < slices; i++) files.push(series.file(i));
const generateMs = performance.now() - t;
t = performance.now();
for (let i = 0; i < slices; i++) {
  writeFileSync(path.join(filesDir, `CT${String(i + 1).padStart(4, "0")}.dcm`), series.file(i));
}
const generateWriteMs = performance.now() - t;
const totalBytes = files.reduce((n, f) => n + f.length, 0);

// 2. Sending to storescp.
const port = await freePort();
const scp = await startDcmtkServer(
  "storescp",
  ["-aet", "STORESCP", "-od", received, String(port)],
  port,
);

/** The pre-generated files as a series (sending only, like storescu). */
const generated = simulatedSeries("ct", { slices, seed });
const pregenerated: SimulatedSeries = { ...generated, file: (i) => files[i] };

function clearReceived(): void {
  for (const name of readdirSync(received)) rmSync(path.join(received, name));
}

async function storescu(): Promise<number> {
  const start = performance.now();
  const { code, output } = await run("storescu", [
    "-aec",
    "STORESCP",
    "+sd",
    "127.0.0.1",
    String(port),
    filesDir,
  ]);
  const ms = performance.now() - start;
  if (code !== 0) throw new Error(`storescu failed: ${output}`);
  return ms;
}

async function scanner(pre: boolean): Promise<number> {
  const start = performance.now();
  const summary = await simulateScanner({
    host: "127.0.0.1",
    port,
    calledAeTitle: "STORESCP",
    slices,
    seed,
    source: pre ? () => pregenerated : undefined,
  });
  const ms = performance.now() - start;
  if (summary.failed !== 0) throw new Error(`scanner: ${summary.failed} failed`);
  return ms;
}

const scenarios: [string, () => Promise<number>][] = [
  ["DCMTK storescu (files on disk) -> storescp", storescu],
  ["dicomsim scanner, pre-generated -> storescp", () => scanner(true)],
  ["dicomsim scanner, generating -> storescp", () => scanner(false)],
];
const times = new Map<string, number[]>(scenarios.map(([name]) => [name, []]));
try {
  for (let round = 0; round <= runs; round++) {
    for (const [name, scenario] of scenarios) {
      clearReceived();
      const ms = await scenario();
      const stored = readdirSync(received).length;
      if (stored !== slices) throw new Error(`${name}: storescp wrote ${stored} of ${slices}`);
      if (round > 0) times.get(name)!.push(ms); // round 0 warms up
    }
  }
} finally {
  await scp.stop();
  rmSync(tmp, { recursive: true, force: true });
}

const cpus = os.cpus();
console.log(
  `Machine: ${cpus.length} CPUs (${cpus[0]?.model ?? "?"}), ${process.platform}, ` +
    `${navigator.userAgent}; shared with other jobs, so timings are indicative`,
);
console.log(
  `Series: ${slices} CT slices 512x512 16-bit, ${
    (totalBytes / 1e6).toFixed(1)
  } MB of Part 10 files`,
);
console.log(
  `Generation: ${(slices / (generateMs / 1000)).toFixed(1)} slices/s in memory, ` +
    `${(slices / (generateWriteMs / 1000)).toFixed(1)} slices/s written to disk`,
);
console.log(`Sending to DCMTK storescp (median of ${runs} runs after a warm-up):`);
const baseline = median(times.get(scenarios[0][0])!);
for (const [name] of scenarios) {
  const ms = median(times.get(name)!);
  const seconds = ms / 1000;
  console.log(
    `  ${name.padEnd(46)} ${seconds.toFixed(2).padStart(6)} s  ${
      (slices / seconds).toFixed(1).padStart(7)
    } images/s  ${(totalBytes / 1e6 / seconds).toFixed(1).padStart(6)} MB/s  ratio ${
      (baseline / ms).toFixed(2)
    }`,
  );
}
