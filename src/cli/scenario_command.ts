/**
 * `dicomsim run FILE_OR_DIR... [--target HOST:PORT --target-aet AET] [--mode memory|tcp]
 * [--reporter pretty|junit|tap|json] [--out FILE] [--filter TEXT] [--parallel N]
 * [--trace-dir DIR]` (also as `dicomsim scenario run ...`)
 * @module
 */
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import process from "node:process";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isScenario, type Scenario } from "../sim/scenario/scenario.ts";
import type { ScenarioTarget } from "../sim/scenario/scenario_context.ts";
import { runScenarios, type SutTrigger } from "../sim/scenario/run_scenarios.ts";
import {
  formatCoverage,
  formatScenarioResult,
  jsonReport,
  junitXml,
  tapReport,
  totalCoverage,
} from "../sim/scenario/reporters.ts";
import type { Command, CommandIo } from "./command.ts";
import { parseHostPort } from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim run FILE_OR_DIR... [options]
       dicomsim scenario run FILE_OR_DIR... [options]

Runs scenarios (TypeScript modules whose default export is a defineScenario(...) from sim.ts;
a directory runs every .ts file in it, sorted by name, except *_test.ts). Without --target the
target is the project's mock PACS, started per scenario: in-process over the in-memory transport
on a virtual clock (--mode memory, the default) or on 127.0.0.1 (--mode tcp).

Options:
  --target HOST:PORT       the system under test (over TCP); mock-only scenarios are skipped
  --target-aet AET         its AE title (default DICOMSIM; --aec is the same)
  --mode memory|tcp        how to reach the mock PACS without --target (default memory)
  --reporter R             pretty (default), junit, tap or json: what goes to stdout or --out
  --out FILE               write the reporter's output to FILE (pretty lines still print)
  --junit OUT.xml          also write a JUnit XML report
  --json OUT.json          also write a JSON report (with coverage)
  --filter TEXT            only scenarios whose name contains TEXT
  --parallel N             run N scenarios at once (default 1)
  --trace-dir DIR          write the PDU trace of each failed scenario to DIR/NAME.jsonl
  --trace-all              with --trace-dir: the traces of passed scenarios too
  --coverage               print which state-table transitions and DIMSE statuses the run drove
  --sut-command CMD        how scenarios set the system under test to work (ctx.triggerSut): a
                           shell command run with {action} {host} {port} {aet} replaced (also in
                           DICOMSIM_SUT_ACTION/_HOST/_PORT/_AET); a non-zero exit fails the step.
                           Without it, scenarios that need it are skipped
  -h, --help               this help

Exit status: 0 every scenario passed (or was skipped), 1 a scenario failed or did not load,
2 bad usage.`;

function scenarioFiles(path: string): string[] {
  const full = resolve(path);
  let stat;
  try {
    stat = statSync(full);
  } catch {
    throw new UsageError(`No such file or directory: ${path}`);
  }
  if (!stat.isDirectory()) return [full];
  return readdirSync(full)
    .filter((name) => name.endsWith(".ts") && !name.endsWith("_test.ts"))
    .sort()
    .map((name) => join(full, name));
}

async function loadScenario(file: string): Promise<Scenario> {
  const module = await import(pathToFileURL(file).href) as { default?: unknown };
  if (!isScenario(module.default)) {
    throw new TypeError(
      `Cannot load scenario ${file}: its default export is not a defineScenario(...)`,
    );
  }
  return module.default;
}

const OPTIONS = {
  target: { type: "string" },
  "target-aet": { type: "string" },
  aec: { type: "string" },
  mode: { type: "string" },
  reporter: { type: "string" },
  out: { type: "string" },
  junit: { type: "string" },
  json: { type: "string" },
  filter: { type: "string" },
  parallel: { type: "string" },
  "trace-dir": { type: "string" },
  "trace-all": { type: "boolean" },
  coverage: { type: "boolean" },
  "sut-command": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const REPORTERS = ["pretty", "junit", "tap", "json"] as const;

/** A system-under-test trigger that runs a shell command and waits for it (up to 10 minutes). */
function sutCommand(template: string): SutTrigger {
  return ({ action, peer }) =>
    new Promise((resolve, reject) => {
      const command = template.replaceAll("{action}", action).replaceAll("{host}", peer.host)
        .replaceAll("{port}", String(peer.port)).replaceAll("{aet}", peer.aeTitle);
      const child = spawn("sh", ["-c", command], {
        env: {
          ...process.env,
          DICOMSIM_SUT_ACTION: action,
          DICOMSIM_SUT_HOST: peer.host,
          DICOMSIM_SUT_PORT: String(peer.port),
          DICOMSIM_SUT_AET: peer.aeTitle,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout!.on("data", (d) => output += d);
      child.stderr!.on("data", (d) => output += d);
      const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
      child.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        if (code === 0) resolve();
        else {
          const tail = output.trim().split("\n").slice(-3).join(" | ");
          reject(new Error(`The system under test's command exited ${code}: ${tail}`));
        }
      });
    });
}

async function runPaths(args: string[], paths: string[], io: CommandIo): Promise<number> {
  const { values } = parseCommandArgs(args, OPTIONS);
  if (paths.length === 0) throw new UsageError("run needs a scenario FILE or DIR");
  const mode = values.mode ?? "memory";
  if (mode !== "memory" && mode !== "tcp") {
    throw new UsageError(`--mode takes memory or tcp, got ${mode}`);
  }
  const reporter = values.reporter ?? "pretty";
  if (!(REPORTERS as readonly string[]).includes(reporter)) {
    throw new UsageError(`--reporter takes ${REPORTERS.join(", ")}, got ${reporter}`);
  }
  const parallel = values.parallel === undefined ? 1 : Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1) {
    throw new UsageError(`--parallel takes a positive number, got ${values.parallel}`);
  }
  if (values["trace-all"] && !values["trace-dir"]) {
    throw new UsageError("--trace-all needs --trace-dir");
  }
  const aeTitle = values["target-aet"] ?? values.aec;
  let target: ScenarioTarget | undefined;
  if (values.target !== undefined) {
    const { host, port } = parseHostPort(values.target);
    target = { host, port, aeTitle: aeTitle ?? "DICOMSIM" };
  } else if (aeTitle !== undefined) {
    throw new UsageError("--target-aet needs --target");
  }
  const scenarios: Scenario[] = [];
  for (const file of paths.flatMap(scenarioFiles)) {
    try {
      scenarios.push(await loadScenario(file));
    } catch (error) {
      io.err(`E: ${(error as Error).message}`);
      return 1;
    }
  }
  // Pretty lines go to stdout unless another reporter owns stdout.
  const prettyOut = reporter === "pretty" || values.out !== undefined ? io.out : io.err;
  const run = await runScenarios(scenarios, {
    mode: target === undefined ? mode : "tcp",
    target,
    filter: values.filter,
    parallel,
    keepTraces: values["trace-dir"] ? (values["trace-all"] ? "all" : "failed") : "none",
    ...(values["sut-command"] ? { sut: sutCommand(values["sut-command"]) } : {}),
    onResult: (result) => prettyOut(formatScenarioResult(result).join("\n")),
  });
  if (values["trace-dir"]) {
    mkdirSync(values["trace-dir"], { recursive: true });
    for (const r of run.scenarios) {
      if (!r.trace) continue;
      const file = join(values["trace-dir"], `${r.name.replace(/[^A-Za-z0-9._-]+/g, "_")}.jsonl`);
      writeFileSync(file, r.trace.join(""));
    }
  }
  const reports: Record<string, () => string> = {
    junit: () => junitXml(run),
    tap: () => tapReport(run),
    json: () => jsonReport(run),
  };
  if (reporter !== "pretty") {
    const text = reports[reporter]();
    if (values.out !== undefined) writeFileSync(values.out, text);
    else io.out(text.trimEnd());
  }
  if (values.junit !== undefined) writeFileSync(values.junit, junitXml(run));
  if (values.json !== undefined) writeFileSync(values.json, jsonReport(run));
  if (values.coverage) prettyOut(formatCoverage(totalCoverage(run)));
  prettyOut(`${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
  return run.failed === 0 ? 0 : 1;
}

/** A command that runs the scenarios named by its positionals (after `action`, when given). */
function scenarioRunner(name: string, summary: string, action?: string): Command {
  return {
    name,
    summary,
    help: HELP,
    run(args, io) {
      const { values, positionals } = parseCommandArgs(args, OPTIONS);
      if (values.help) {
        io.out(HELP);
        return Promise.resolve(0);
      }
      if (action === undefined) return runPaths(args, positionals, io);
      const [given, ...paths] = positionals;
      if (given !== action) throw new UsageError(`${name} needs the action ${action}`);
      return runPaths(args, paths, io);
    },
  };
}

/** The `scenario` command (`scenario run ...`, the same as `run`). */
export const scenarioCommand: Command = scenarioRunner(
  "scenario",
  "run scenarios against a target or the mock PACS (same as run)",
  "run",
);

/** The `run` command: runs scenarios (JUnit XML, TAP, JSON, traces, coverage). */
export const runCommand: Command = scenarioRunner(
  "run",
  "run scenarios against a target or the mock PACS (JUnit XML, TAP, JSON)",
);
