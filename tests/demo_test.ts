/** The README's main job: `dicomsim demo` runs a mock PACS and a CT scanner end to end. */
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../src/cli/main.ts";
import { parseTrace, summariseTrace } from "../src/trace/trace_summary.ts";

Deno.test("dicomsim demo stores and commits a CT series at a mock PACS, with a trace", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-demo-test-"));
  try {
    const out: string[] = [];
    const code = await runCli(["demo", "--slices", "6", "--out", dir], {
      out: (t) => out.push(t),
      err: (t) => out.push(t),
    });
    assert.equal(code, 0, out.join("\n"));
    assert.match(out.join("\n"), /holds 6 instance\(s\), modalities CT/);
    assert.equal(readdirSync(join(dir, "store")).filter((f) => f.endsWith(".dcm")).length, 6);
    const records = parseTrace(readFileSync(join(dir, "trace.jsonl"), "utf8"));
    const messages = summariseTrace(records).flatMap((s) => Object.keys(s.messages));
    for (
      const m of [
        "C-FIND-RQ",
        "N-CREATE-RQ",
        "C-STORE-RQ",
        "N-SET-RQ",
        "N-ACTION-RQ",
        "N-EVENT-REPORT-RQ",
      ]
    ) {
      assert.ok(messages.includes(m), `${m} in the trace`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
