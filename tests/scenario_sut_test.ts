/**
 * Scenarios where the system under test is an SCU: a simulated PACS with faults, the SCU set to
 * work through the run's trigger (`RunScenariosOptions.sut`, `dicomsim run --sut-command`).
 * @module
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runScenarios, simulateScanner, type SutTrigger } from "../sim.ts";
import scuRetries from "../scenarios/scu_retries_after_transient_rejection.ts";
import { runCli } from "../src/cli/main.ts";
import { requirePeer } from "./_peers.ts";

/** Our own simulated CT scanner as the SCU under test. */
function scanner(retries: number): SutTrigger {
  return async ({ action, peer }) => {
    assert.equal(action, "store");
    const summary = await simulateScanner({
      slices: 2,
      matrix: 16,
      host: peer.host,
      port: peer.port,
      calledAeTitle: peer.aeTitle,
      retries,
      retryDelayMs: 20,
    });
    if (summary.failed > 0) {
      throw new Error(`${summary.failed} image(s) not stored: ${summary.results[0].message}`);
    }
  };
}

Deno.test("SCU under test: skipped without a trigger; passes when it retries; fails naming why when it does not", async () => {
  const none = await runScenarios([scuRetries]);
  assert.equal(none.skipped, 1);
  assert.match(none.scenarios[0].skipReason ?? "", /no system under test/);
  const retrying = await runScenarios([scuRetries], { sut: scanner(2) });
  assert.equal(retrying.passed, 1, JSON.stringify(retrying.scenarios[0].error));
  const giving = await runScenarios([scuRetries], { sut: scanner(0) });
  assert.equal(giving.failed, 1);
  assert.match(giving.scenarios[0].error?.message ?? "", /not stored: .*reject/i);
});

Deno.test("dicomsim run --sut-command: DCMTK storescu gives up after a transient rejection (and says so)", async () => {
  if (!requirePeer("dcmdump")) return;
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-sut-"));
  try {
    const io = { out: (t: string) => out.push(t), err: (t: string) => out.push(t) };
    const out: string[] = [];
    assert.equal(
      await runCli(["generate", "ct", "--slices", "2", "--matrix", "16", "--out", dir], io),
      0,
    );
    out.length = 0;
    const code = await runCli([
      "run",
      "scenarios/scu_retries_after_transient_rejection.ts",
      "--sut-command",
      `storescu +sd -aec {aet} {host} {port} ${dir}`,
    ], io);
    assert.equal(code, 1);
    assert.match(out.join("\n"), /exited 1: .*Rejected Transient/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("SCU under test: resends the instance refused with 0xA700 when it retries; fails when it does not", async () => {
  const scenario = (await import("../scenarios/scu_resends_after_failure_status.ts")).default;
  const retrying = await runScenarios([scenario], { sut: scanner(2) });
  assert.equal(retrying.passed, 1, JSON.stringify(retrying.scenarios[0].error));
  // Without retries the scanner reports the failed image: the trigger fails the step.
  const giving = await runScenarios([scenario], { sut: scanner(0) });
  assert.equal(giving.failed, 1);
  assert.match(giving.scenarios[0].error?.message ?? "", /not stored: .*A700|Out of resources/i);
});
