/**
 * The scenario runner end to end: the scenarios in scenarios/ in memory mode and over TCP against
 * the mock PACS, the JUnit XML report, failure reports, time limits, the virtual clock and the CLI.
 * @module
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { pathToFileURL } from "node:url";
import {
  defineScenario,
  junitXml,
  runScenarios,
  ScenarioDefinitionError,
  startPacs,
  VERIFICATION_SOP_CLASS,
} from "../sim.ts";
import { runCli } from "../src/cli/main.ts";
import verification from "../scenarios/verification.ts";
import wrongCalledAe from "../scenarios/wrong_called_ae.ts";
import storeThenFind from "../scenarios/store_then_find.ts";
import storeFailure from "../scenarios/store_failure_status.ts";
import moveToScp from "../scenarios/move_to_simulated_scp.ts";
import { assertWellFormed } from "./_xml.ts";

const ALL = [verification, wrongCalledAe, storeThenFind, storeFailure, moveToScp];

function count(xml: string, pattern: RegExp): number {
  return [...xml.matchAll(pattern)].length;
}

Deno.test("scenarios: every scenario passes in memory mode, in well under a second", async () => {
  const started = performance.now();
  const run = await runScenarios(ALL, { mode: "memory" });
  assert.equal(run.failed, 0, JSON.stringify(run.scenarios.map((s) => s.error)));
  assert.equal(run.passed, 5);
  assert.ok(performance.now() - started < 1000);
});

Deno.test("scenarios: every scenario passes over TCP against a mock PACS per scenario", async () => {
  const run = await runScenarios(ALL, { mode: "tcp" });
  assert.equal(run.failed, 0, JSON.stringify(run.scenarios.map((s) => s.error)));
  assert.equal(run.passed, 5);
});

Deno.test("scenarios: an external target over TCP (startPacs on 127.0.0.1:0); mock-only skipped", async () => {
  const pacs = await startPacs({ aeTitle: "EXTPACS", host: "127.0.0.1", port: 0 });
  try {
    const run = await runScenarios(ALL, {
      mode: "tcp",
      target: { host: "127.0.0.1", port: pacs.port, aeTitle: "EXTPACS" },
    });
    assert.equal(run.failed, 0, JSON.stringify(run.scenarios.map((s) => s.error)));
    assert.equal(run.passed, 3);
    assert.equal(run.skipped, 2);
    assert.deepEqual(run.scenarios.filter((s) => s.status === "skipped").map((s) => s.name), [
      storeFailure.name,
      moveToScp.name,
    ]);
  } finally {
    await pacs.close();
  }
});

Deno.test("scenarios: memory runs are deterministic", async () => {
  const shape = async () =>
    (await runScenarios(ALL, { mode: "memory" })).scenarios.map((s) => ({
      name: s.name,
      status: s.status,
      steps: s.steps.map((step) => [step.name, step.status]),
      captures: s.captures,
    }));
  assert.deepEqual(await shape(), await shape());
});

const failing = defineScenario({
  name: `failing <"&'> echo`,
  steps: async (ctx) => {
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({
        callingAeTitle: "SCU",
        contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }],
      })).expectAccepted());
    await ctx.step("echo expects 0x0110", async () => (await a.echo()).expectStatus(0x0110));
    await ctx.step("never reached", () => {});
  },
});

Deno.test("scenarios: a failing expectation names the step, what was expected and what came", async () => {
  const run = await runScenarios([failing, verification], { mode: "memory" });
  assert.equal(run.failed, 1);
  assert.equal(run.passed, 1);
  const result = run.scenarios[0];
  assert.equal(result.status, "failed");
  assert.deepEqual(result.steps.map((s) => [s.name, s.status]), [
    ["associate", "passed"],
    ["echo expects 0x0110", "failed"],
  ]);
  assert.equal(result.error?.type, "ExpectationError");
  assert.equal(result.error?.expected, "0x0110");
  assert.equal(result.error?.actual, "0x0000 (Success)");
  assert.equal(result.error?.message, "C-ECHO status: expected 0x0110, got 0x0000 (Success)");
});

Deno.test("scenarios: JUnit XML is well-formed, escaped, and its counts match", async () => {
  const run = await runScenarios([failing, ...ALL], { mode: "memory" });
  const xml = junitXml(run);
  assertWellFormed(xml);
  const testcases = count(xml, /<testcase /g);
  const failures = count(xml, /<failure /g);
  assert.equal(failures, 1);
  assert.match(xml, new RegExp(`<testsuites name="dicomsim" tests="${testcases}" failures="1" `));
  for (const suite of xml.split("<testsuite ").slice(1)) {
    const tests = Number(/^name="[^"]*" tests="(\d+)"/.exec(suite)![1]);
    const fails = Number(/failures="(\d+)"/.exec(suite)![1]);
    assert.equal(count(suite, /<testcase /g), tests);
    assert.equal(count(suite, /<failure /g), fails);
  }
  assert.match(xml, /name="failing &lt;&quot;&amp;&apos;&gt; echo"/);
  // Expected and actual, then the PDUs and messages before the failure.
  assert.match(xml, /expected: 0x0110\nactual: 0x0000 \(Success\)\nlast PDUs and messages:\n/);
  assert.match(xml, /C-ECHO-RSP #1 status 0x0000 Success<\/failure>/);
});

Deno.test("scenarios: a hanging scenario is stopped by its time limit", async () => {
  const hanging = defineScenario({
    name: "hangs",
    timeoutMs: 50,
    steps: () => new Promise<void>(() => {}),
  });
  const [result] = (await runScenarios([hanging], { mode: "memory" })).scenarios;
  assert.equal(result.status, "failed");
  assert.equal(result.error?.type, "ScenarioTimeoutError");
  assert.match(result.error!.message, /50 ms/);
});

Deno.test("scenarios: wait runs on the virtual clock in memory mode", async () => {
  const waits = defineScenario({
    name: "waits",
    steps: async (ctx) => {
      await ctx.wait(60_000);
      ctx.capture("mode", ctx.mode);
    },
  });
  const started = performance.now();
  const [result] = (await runScenarios([waits], { mode: "memory" })).scenarios;
  assert.equal(result.status, "passed");
  assert.deepEqual(result.captures, { mode: "memory" });
  assert.ok(performance.now() - started < 1000);
});

Deno.test("scenarios: a bad definition names the scenario and the field", () => {
  assert.throws(
    () => defineScenario({ name: "x", stpes: async () => {} } as never),
    (e: unknown) =>
      e instanceof ScenarioDefinitionError && e.scenario === "x" && e.field === "stpes" &&
      e.message === "Invalid scenario x: stpes: unknown field",
  );
  assert.throws(
    () => defineScenario({ name: "y" } as never),
    /Invalid scenario y: steps: expected a function/,
  );
  // The mock target's configuration is checked when the scenario is defined, before any run.
  assert.throws(
    () =>
      defineScenario({
        name: "z",
        nodes: { target: { faults: [{ type: "status", nth: 1 }] } } as never,
        steps: async () => {},
      }),
    (e: unknown) =>
      e instanceof ScenarioDefinitionError && e.scenario === "z" &&
      e.field.startsWith("nodes.target.faults[0]"),
  );
});

Deno.test("scenarios: dicomsim scenario run writes JUnit and JSON and exits 1 on a failure", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-scenario-"));
  try {
    const sim = pathToFileURL(join(process.cwd(), "sim.ts")).href;
    writeFileSync(
      join(dir, "fails.ts"),
      `import { defineScenario } from ${JSON.stringify(sim)};
export default defineScenario({ name: "fails", steps: async (ctx) => {
  await ctx.step("check", () => ctx.expect(false, "Always fails"));
} });
`,
    );
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const junit = join(dir, "out.xml");
    const json = join(dir, "out.json");
    const ok = await runCli(["scenario", "run", "scenarios", "--junit", junit, "--json", json], io);
    assert.equal(ok, 0, out.join("\n"));
    assertWellFormed(readFileSync(junit, "utf8"));
    const scenarioCount = readdirSync("scenarios").filter((f) => f.endsWith(".ts")).length;
    const report = JSON.parse(readFileSync(json, "utf8"));
    // Scenarios that need a system under test to trigger are skipped without --sut-command.
    assert.equal(report.failed, 0);
    assert.equal(report.passed + report.skipped, scenarioCount);
    assert.ok(
      report.scenarios.filter((r: { status: string }) => r.status === "skipped")
        .every((r: { skipReason?: string }) => /system under test/.test(r.skipReason ?? "")),
    );
    out.length = 0;
    const code = await runCli(["scenario", "run", join(dir, "fails.ts"), "--junit", junit], io);
    assert.equal(code, 1);
    assert.match(out.join("\n"), /FAIL fails/);
    assert.match(out.join("\n"), /step "check": Always fails: expected true, got false/);
    assert.match(readFileSync(junit, "utf8"), /<failure message="Always fails/);
    assert.equal(await runCli(["scenario", "run", join(dir, "missing.ts")], io), 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
