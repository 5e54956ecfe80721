/**
 * `dicomsim scenario run FILE_OR_DIR... [--target HOST:PORT --aec AEC] [--mode memory|tcp]
 * [--junit OUT.xml] [--json OUT.json]`
 * @module
 */
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isScenario, type Scenario } from "../sim/scenario/scenario.ts";
import type { ScenarioTarget } from "../sim/scenario/scenario_context.ts";
import { runScenarios } from "../sim/scenario/run_scenarios.ts";
import { formatScenarioResult, jsonReport, junitXml } from "../sim/scenario/reporters.ts";
import type { Command } from "./command.ts";
import { parseHostPort } from "./network_options.ts";
import { parseCommandArgs, UsageError } from "./usage_error.ts";

const HELP = `Usage: dicomsim scenario run FILE_OR_DIR... [options]

Runs scenarios (TypeScript modules whose default export is a defineScenario(...) from sim.ts;
a directory runs every .ts file in it, sorted by name, except *_test.ts). Without --target the
target is the project's mock PACS, started per scenario: in-process over the in-memory transport
on a virtual clock (--mode memory, the default) or on 127.0.0.1 (--mode tcp).

Options:
  --target HOST:PORT     the system under test (over TCP); mock-only scenarios are skipped
  --aec AEC              its AE title (default DICOMSIM)
  --mode memory|tcp      how to reach the mock PACS without --target (default memory)
  --junit OUT.xml        write a JUnit XML report
  --json OUT.json        write a JSON report
  -h, --help             this help

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

/** The `scenario` command. */
export const scenarioCommand: Command = {
  name: "scenario",
  summary: "run scenarios against a target or the mock PACS (JUnit XML, JSON)",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      target: { type: "string" },
      aec: { type: "string" },
      mode: { type: "string" },
      junit: { type: "string" },
      json: { type: "string" },
      help: { type: "boolean", short: "h" },
    });
    if (values.help) {
      io.out(HELP);
      return 0;
    }
    const [action, ...paths] = positionals;
    if (action !== "run") throw new UsageError("scenario needs the action run");
    if (paths.length === 0) throw new UsageError("scenario run needs a FILE or DIR");
    const mode = values.mode ?? "memory";
    if (mode !== "memory" && mode !== "tcp") {
      throw new UsageError(`--mode takes memory or tcp, got ${mode}`);
    }
    let target: ScenarioTarget | undefined;
    if (values.target !== undefined) {
      const { host, port } = parseHostPort(values.target);
      target = { host, port, aeTitle: values.aec ?? "DICOMSIM" };
    } else if (values.aec !== undefined) {
      throw new UsageError("--aec needs --target");
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
    const run = await runScenarios(scenarios, {
      mode: target === undefined ? mode : "tcp",
      target,
      onResult: (result) => io.out(formatScenarioResult(result).join("\n")),
    });
    if (values.junit !== undefined) writeFileSync(values.junit, junitXml(run));
    if (values.json !== undefined) writeFileSync(values.json, jsonReport(run));
    io.out(`${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`);
    return run.failed === 0 ? 0 : 1;
  },
};
