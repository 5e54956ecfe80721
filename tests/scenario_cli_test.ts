/**
 * The run command's reporters and options: TAP, JSON with coverage, traces of failed scenarios,
 * failure context, --filter and --parallel, and scenarioTest inside a test runner.
 * @module
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runScenarios, scenarioTest } from "../sim.ts";
import verification from "../scenarios/verification.ts";
import { runCli } from "../src/cli/main.ts";
import { readConversations } from "../src/trace/conversation.ts";
import { parseTrace } from "../src/trace/trace_summary.ts";
import { PROJECT_ROOT } from "./_fixtures.ts";

const SIM = pathToFileURL(join(PROJECT_ROOT, "sim.ts")).href;

/** A scenario that expects the wrong C-ECHO status, so that it fails after real traffic. */
const FAILING = `import { defineScenario, VERIFICATION_SOP_CLASS } from "${SIM}";
export default defineScenario({
  name: "echo expects a failure",
  steps: async (ctx) => {
    const a = await ctx.step("associate", async () =>
      (await ctx.associate({ callingAeTitle: "SCU", contexts: [{ abstractSyntax: VERIFICATION_SOP_CLASS }] }))
        .expectAccepted());
    await ctx.step("C-ECHO", async () => (await a.echo()).expectStatus(0x0110));
  },
});
`;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

Deno.test("run: TAP, JSON with coverage, the failure's PDU context and its trace file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-run-"));
  try {
    writeFileSync(join(dir, "failing.ts"), FAILING);
    const ok = join(PROJECT_ROOT, "scenarios", "verification.ts");
    const tap = io();
    const code = await runCli([
      "run",
      ok,
      join(dir, "failing.ts"),
      "--reporter",
      "tap",
      "--json",
      join(dir, "r.json"),
      "--trace-dir",
      join(dir, "traces"),
      "--coverage",
    ], tap.io);
    assert.equal(code, 1);
    const text = tap.out.join("\n");
    assert.match(
      text,
      /^TAP version 13\n1\.\.2\nok 1 - verification\nnot ok 2 - echo expects a failure\n {2}---\n/,
    );
    assert.match(text, / {2}expected: "0x0110"/);
    assert.match(text, /C-ECHO-RSP #1 status 0x0000/); // the context: the PDUs and messages before
    const pretty = tap.err.join("\n"); // pretty lines go to stderr when TAP owns stdout
    assert.match(pretty, /FAIL echo expects a failure/);
    assert.match(pretty, /state-table transitions/);
    const report = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
    assert.equal(report.failed, 1);
    assert.ok(report.coverage.statuses["C-ECHO 0x0000"] >= 2);
    assert.ok(Object.keys(report.coverage.transitions).some((k) => k.startsWith("Sta1 ")));
    // Only the failed scenario's trace is kept, and it reads back as a conversation.
    assert.equal(existsSync(join(dir, "traces", "verification.jsonl")), false);
    const trace = readFileSync(join(dir, "traces", "echo_expects_a_failure.jsonl"), "utf8");
    const [c] = readConversations(parseTrace(trace));
    assert.deepEqual(c.messages.map((m) => m.message.type), ["C-ECHO-RQ", "C-ECHO-RSP"]);
    assert.equal(c.id, "c1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("run: --filter, --parallel and usage errors", async () => {
  const all = io();
  assert.equal(
    await runCli([
      "run",
      join(PROJECT_ROOT, "scenarios"),
      "--filter",
      "verification",
      "--parallel",
      "2",
    ], all.io),
    0,
  );
  assert.match(all.out.join("\n"), /^PASS verification/m);
  assert.match(all.out.at(-1)!, /^1 passed, 0 failed, 0 skipped$/);
  assert.equal(await runCli(["run"], io().io), 2);
  assert.equal(await runCli(["run", "scenarios", "--reporter", "xml"], io().io), 2);
  assert.equal(await runCli(["run", "scenarios", "--parallel", "0"], io().io), 2);
});

Deno.test("run: the same scenario on the in-memory transport gives the same trace twice", async () => {
  const first = await runScenarios([verification], { keepTraces: "all" });
  const second = await runScenarios([verification], { keepTraces: "all" });
  assert.ok(first.scenarios[0].trace!.length > 5);
  assert.deepEqual(first.scenarios[0].trace, second.scenarios[0].trace);
});

Deno.test("scenarioTest registers a test that fails with the scenario's report", async () => {
  const registered: [string, () => Promise<void>][] = [];
  scenarioTest(verification, {}, (name, fn) => registered.push([name, fn]));
  assert.equal(registered[0][0], "scenario: verification");
  await registered[0][1]();
});
