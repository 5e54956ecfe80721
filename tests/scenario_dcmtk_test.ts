/**
 * The whole conformance suite (every scenario in scenarios/): against the mock PACS in memory
 * mode, and against DCMTK's dcmqrscp over TCP on 127.0.0.1 with a JUnit XML report (mock-only
 * scenarios skipped); memory runs of a conformance scenario give the same trace twice.
 * @module
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isScenario, junitXml, runScenarios, type Scenario } from "../sim.ts";
import { freePort, startDcmtkServer } from "./_dcmtk.ts";
import { requirePeer } from "./_peers.ts";
import { assertWellFormed } from "./_xml.ts";

const SCENARIOS_DIR = new URL("../scenarios/", import.meta.url);

/** Every scenario module in scenarios/, in file name order. */
async function loadSuite(): Promise<Scenario[]> {
  const files = readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith(".ts")).sort();
  const suite: Scenario[] = [];
  for (const file of files) {
    const module = await import(new URL(file, SCENARIOS_DIR).href);
    assert.ok(isScenario(module.default), `${file} exports a scenario`);
    suite.push(module.default);
  }
  return suite;
}

function failures(run: Awaited<ReturnType<typeof runScenarios>>): string {
  return JSON.stringify(
    run.scenarios.filter((s) => s.status === "failed").map((s) => ({
      name: s.name,
      error: s.error?.message,
      context: s.context,
    })),
    null,
    2,
  );
}

Deno.test("conformance suite: every scenario passes against the mock PACS in memory mode", async () => {
  const suite = await loadSuite();
  const run = await runScenarios(suite, { mode: "memory" });
  assert.equal(run.failed, 0, failures(run));
  // Only the scenarios that need a system under test to trigger are skipped (none is set here).
  const skipped = run.scenarios.filter((s) => s.status === "skipped");
  assert.ok(skipped.every((s) => /system under test/.test(s.skipReason ?? "")));
  assert.equal(run.passed, suite.length - skipped.length);
  // The 30 s DIMSE timeout runs on the virtual clock (a bound, not a benchmark: 30 s otherwise).
  const timeout = run.scenarios.find((s) => s.name === "dimse-timeout-on-virtual-clock");
  assert.ok(timeout !== undefined && timeout.durationMs < 1000, `${timeout?.durationMs} ms`);
});

Deno.test("conformance suite: a raw-PDU scenario and a timeout scenario give the same trace twice", async () => {
  const suite = await loadSuite();
  for (const name of ["ul-associate-rq-byte-at-a-time", "dimse-timeout-on-virtual-clock"]) {
    const scenario = suite.find((s) => s.name === name)!;
    const trace = async () => {
      const [result] = (await runScenarios([scenario], { mode: "memory", keepTraces: "all" }))
        .scenarios;
      assert.equal(result.status, "passed", JSON.stringify(result.error));
      return result.trace;
    };
    const first = await trace();
    assert.ok(first !== undefined && first.length > 4, name);
    assert.deepEqual(await trace(), first, name);
  }
});

Deno.test("conformance suite: against DCMTK dcmqrscp over TCP, JUnit XML well-formed, no failures", async () => {
  // dcmqrscp comes in the same dcmtk package as dcmdump.
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-conformance-"));
  try {
    const storage = join(dir, "ARCHIVE");
    mkdirSync(storage);
    const port = await freePort();
    const config = join(dir, "dcmqrscp.cfg");
    // One AE with storage (RW), C-FIND, C-MOVE and C-GET; any peer may connect.
    writeFileSync(
      config,
      [
        `NetworkTCPPort = ${port}`,
        "MaxPDUSize = 16384",
        "MaxAssociations = 16",
        "HostTable BEGIN",
        "HostTable END",
        "VendorTable BEGIN",
        "VendorTable END",
        "AETable BEGIN",
        `DCMQRSCP ${storage} RW (100, 1024mb) ANY`,
        "AETable END",
        "",
      ].join("\n"),
    );
    // dcmqrscp 3.6.7 crashes in --single-process mode after an association: run it forking.
    const peer = await startDcmtkServer("dcmqrscp", ["-c", config, String(port)], port);
    try {
      const suite = await loadSuite();
      const run = await runScenarios(suite, {
        mode: "tcp",
        target: { host: "127.0.0.1", port, aeTitle: "DCMQRSCP" },
      });
      const xml = junitXml(run);
      writeFileSync(join(dir, "junit.xml"), xml);
      assertWellFormed(xml);
      assert.equal(run.failed, 0, `${failures(run)}\n${peer.output().slice(-2000)}`);
      const mockOnly = suite.filter((s) => s.mockOnly).map((s) => s.name).sort();
      const skipped = run.scenarios.filter((s) => s.status === "skipped");
      const needSut = skipped.filter((s) => /system under test/.test(s.skipReason ?? ""));
      assert.deepEqual(
        skipped.filter((s) => !needSut.includes(s)).map((s) => s.name).sort(),
        mockOnly,
      );
      assert.equal(run.passed, suite.length - skipped.length);
      assert.equal([...xml.matchAll(/<testcase /g)].length > 0, true);
      assert.doesNotMatch(xml, /<failure /);
    } finally {
      await peer.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
