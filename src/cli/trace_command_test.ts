import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordEchoTrace } from "../trace/_recorded_echo.ts";
import { parseTrace } from "../trace/trace_summary.ts";
import { traceCommand } from "./trace_command.ts";
import { UsageError } from "./usage_error.ts";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

Deno.test("trace export then trace import gives back the same PDUs, and show reads it", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-trace-"));
  try {
    const records = await recordEchoTrace();
    const jsonl = join(dir, "echo.jsonl");
    writeFileSync(jsonl, records.map((r) => JSON.stringify(r) + "\n").join(""));
    const a = io();
    assert.equal(
      await traceCommand.run(["export", jsonl, "--pcap", join(dir, "e.pcapng")], a.io),
      0,
    );
    assert.match(a.out[0], /8 PDU\(s\) on 1 connection\(s\), DICOM on TCP port 104/);
    const b = io();
    const back = join(dir, "back.jsonl");
    assert.equal(
      await traceCommand.run(
        ["import", join(dir, "e.pcapng"), "--out", back, "--port", "104"],
        b.io,
      ),
      0,
    );
    assert.deepEqual(b.err, []);
    const imported = parseTrace(readFileSync(back, "utf8"));
    const raw = (rs: typeof records) => rs.filter((r) => r.raw).map((r) => [r.dir, r.raw]);
    assert.deepEqual(raw(imported), raw(records));
    const c = io();
    assert.equal(await traceCommand.run(["show", back, "--only", "pdu"], c.io), 0);
    assert.match(c.out.join("\n"), /A-ASSOCIATE-RQ SCU -> SCP/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("trace import reports a file that is not a capture", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-trace-"));
  try {
    const bad = join(dir, "bad.pcap");
    writeFileSync(bad, "not a capture at all");
    const a = io();
    assert.equal(await traceCommand.run(["import", bad, "--out", join(dir, "x.jsonl")], a.io), 1);
    assert.match(a.err[0], /Not a libpcap or pcapng capture/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("trace export and import check their options", () => {
  const a = io();
  assert.throws(() => traceCommand.run(["export", "x.jsonl"], a.io), UsageError);
  assert.throws(() => traceCommand.run(["import", "x.pcap"], a.io), UsageError);
  assert.throws(
    () => traceCommand.run(["import", "x.pcap", "--out", "y", "--port", "99999"], a.io),
    UsageError,
  );
});
