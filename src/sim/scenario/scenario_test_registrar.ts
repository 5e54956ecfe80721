/**
 * Scenarios inside a test runner: `scenarioTest(scenario)` registers one test that runs the
 * scenario and fails with its failure report, so a user's existing `deno test` (or `bun test`
 * with a Deno.test shim) suite can include scenarios.
 * @module
 */
import { formatScenarioResult } from "./reporters.ts";
import { runScenario, type RunScenariosOptions } from "./run_scenarios.ts";
import type { Scenario } from "./scenario.ts";

/** A test registration function with the shape of `Deno.test(name, fn)`. */
export type TestRegistrar = (name: string, fn: () => Promise<void>) => void;

/** A scenario failed, with its report (steps, expected and actual, the last PDUs). */
export class ScenarioFailedError extends Error {
  /** The report lines. */
  readonly report: readonly string[];
  /** Creates it from the report lines. */
  constructor(report: readonly string[]) {
    super(`Scenario failed:\n${report.join("\n")}`);
    this.name = "ScenarioFailedError";
    this.report = report;
  }
}

function defaultRegistrar(): TestRegistrar {
  const test = (globalThis as { Deno?: { test?: TestRegistrar } }).Deno?.test;
  if (typeof test !== "function") {
    throw new TypeError(
      "Cannot register a scenario test: this runtime has no Deno test registrar; pass one",
    );
  }
  return test;
}

/**
 * Registers `scenario` as a test (named after it) that runs it with `options`.
 * @example
 * ```ts ignore
 * import { scenarioTest } from "./scenario_test_registrar.ts";
 * import verification from "../../../scenarios/verification.ts";
 * scenarioTest(verification, { mode: "memory" });
 * ```
 */
export function scenarioTest(
  scenario: Scenario,
  options: RunScenariosOptions = {},
  register: TestRegistrar = defaultRegistrar(),
): void {
  register(`scenario: ${scenario.name}`, async () => {
    const result = await runScenario(scenario, options);
    if (result.status === "failed") throw new ScenarioFailedError(formatScenarioResult(result));
  });
}
