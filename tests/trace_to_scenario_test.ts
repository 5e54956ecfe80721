/**
 * A recorded conversation turned into a scenario that passes: the store-then-find scenario run
 * over TCP through the recording proxy in front of a mock PACS, the recording turned into a
 * scenario by `trace to-scenario`, and that scenario run against a fresh mock PACS.
 * @module
 */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { runScenarios, type Scenario, startPacs } from "../sim.ts";
import storeThenFind from "../scenarios/store_then_find.ts";
import cGet from "../scenarios/c_get_stored_instances.ts";
import { runCli } from "../src/cli/main.ts";
import { startProxy } from "../src/sim/proxy/dicom_proxy.ts";
import { JsonlTrace } from "../src/trace/jsonl_trace.ts";
import { PROJECT_ROOT } from "./_fixtures.ts";

Deno.test("trace to-scenario: a recording becomes a scenario that passes against a fresh mock PACS", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-to-scenario-"));
  const pacs = await startPacs({ aeTitle: "PACS", host: "127.0.0.1", port: 0 });
  const lines: string[] = [];
  const proxy = await startProxy({
    target: { host: "127.0.0.1", port: pacs.port },
    trace: new JsonlTrace((line) => lines.push(line)),
  });
  try {
    const recorded = await runScenarios([storeThenFind], {
      mode: "tcp",
      target: { host: "127.0.0.1", port: proxy.port, aeTitle: "PACS" },
    });
    assert.equal(recorded.failed, 0);
    await proxy.close();
    const trace = join(dir, "recorded.jsonl");
    writeFileSync(trace, lines.join(""));
    const out: string[] = [];
    const code = await runCli(
      [
        "trace",
        "to-scenario",
        trace,
        "--out",
        join(dir, "replayed.ts"),
        "--import",
        pathToFileURL(join(PROJECT_ROOT, "sim.ts")).href,
      ],
      { out: (t) => out.push(t), err: (t) => out.push(t) },
    );
    assert.equal(code, 0, out.join("\n"));
    assert.equal(readdirSync(join(dir, "replayed.data")).length, 3);
    const source = readFileSync(join(dir, "replayed.ts"), "utf8");
    assert.match(source, /\.expectStatuses\(\[0x0000, 0x0000, 0x0000\]\)/);
    assert.match(source, /\.expectMatches\(3\)/);
    const scenario = (await import(pathToFileURL(join(dir, "replayed.ts")).href))
      .default as Scenario;
    const run = await runScenarios([scenario], { mode: "memory" });
    assert.equal(run.failed, 0, JSON.stringify(run.scenarios.map((s) => s.error)));
    assert.equal(run.passed, 1);
  } finally {
    await proxy.close();
    await pacs.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("trace to-scenario: a C-GET conversation (role selection, sub-operations) becomes a passing scenario", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-to-scenario-get-"));
  const pacs = await startPacs({ aeTitle: "PACS", host: "127.0.0.1", port: 0 });
  const lines: string[] = [];
  const proxy = await startProxy({
    target: { host: "127.0.0.1", port: pacs.port },
    trace: new JsonlTrace((line) => lines.push(line)),
  });
  try {
    const recorded = await runScenarios([cGet], {
      mode: "tcp",
      target: { host: "127.0.0.1", port: proxy.port, aeTitle: "PACS" },
    });
    assert.equal(recorded.failed, 0, JSON.stringify(recorded.scenarios[0].error));
    await proxy.close();
    const trace = join(dir, "get.jsonl");
    writeFileSync(trace, lines.join(""));
    const sim = pathToFileURL(join(PROJECT_ROOT, "sim.ts")).href;
    const out: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const file = join(dir, "get_replayed.ts");
    assert.equal(
      await runCli(["trace", "to-scenario", trace, "--out", file, "--import", sim], io),
      0,
    );
    const source = readFileSync(file, "utf8");
    assert.match(source, /roleSelections: \[/);
    assert.match(source, /\.get\(\[/);
    assert.match(source, /\.expectReceived\(3\)/);
    const scenario = (await import(pathToFileURL(file).href)).default as Scenario;
    const run = await runScenarios([scenario], { mode: "memory" });
    assert.equal(run.passed, 1, JSON.stringify(run.scenarios.map((s) => s.error)));
  } finally {
    await proxy.close();
    await pacs.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
