import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { recordConversation } from "../trace/_recorded_conversation.ts";
import type { TraceRecord } from "../trace/trace_summary.ts";
import { traceCommand } from "./trace_command.ts";
import { UsageError } from "./usage_error.ts";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

function save(dir: string, name: string, records: TraceRecord[]): string {
  const file = join(dir, name);
  writeFileSync(file, records.map((r) => JSON.stringify(r) + "\n").join(""));
  return file;
}

Deno.test("trace diff: exit 0 for equal conversations, 1 naming the difference", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-tdiff-"));
  try {
    const a = save(dir, "a.jsonl", await recordConversation());
    const b = save(dir, "b.jsonl", await recordConversation());
    const c = save(dir, "c.jsonl", await recordConversation({ secondStoreStatus: 0xb000 }));
    const same = io();
    assert.equal(await traceCommand.run(["diff", a, b], same.io), 0);
    assert.deepEqual(same.out, ["No differences (1 connection(s))"]);
    const differ = io();
    assert.equal(await traceCommand.run(["diff", a, c], differ.io), 1);
    assert.match(differ.out[0], /^connection 1, message 6 \(C-STORE-RSP\): Status: 0x0000/);
    const strict = io();
    const d = save(dir, "d.jsonl", await recordConversation({ studyDate: "19990101" }));
    assert.equal(await traceCommand.run(["diff", a, d], strict.io), 0);
    assert.equal(await traceCommand.run(["diff", a, d, "--strict-times"], strict.io), 1);
    await assert.rejects(
      () => Promise.resolve().then(() => traceCommand.run(["diff", a], io().io)),
      UsageError,
    );
    await assert.rejects(
      () =>
        Promise.resolve().then(() =>
          traceCommand.run(["diff", a, b, "--ignore", "NoSuchKeyword"], io().io)
        ),
      UsageError,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("trace extract: writes the C-STORE instances as files", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-textract-"));
  try {
    const a = save(dir, "a.jsonl", await recordConversation());
    const out = io();
    assert.equal(await traceCommand.run(["extract", a, "--out", join(dir, "x")], out.io), 0);
    assert.deepEqual(readdirSync(join(dir, "x")).sort(), [
      "0001_C-STORE-RQ_1.2.3.4.1.dcm",
      "0002_C-STORE-RQ_1.2.3.4.2.dcm",
    ]);
    await assert.rejects(
      () => Promise.resolve().then(() => traceCommand.run(["extract", a], io().io)),
      UsageError,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("trace replay: a missing --against is a usage error; an unreachable SCP exits 1", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-treplay-"));
  try {
    const a = save(dir, "a.jsonl", await recordConversation());
    await assert.rejects(
      () => Promise.resolve().then(() => traceCommand.run(["replay", a], io().io)),
      UsageError,
    );
    const out = io();
    assert.equal(
      await traceCommand.run(["replay", a, "--against", "127.0.0.1:1", "--timeout", "2"], out.io),
      1,
    );
    assert.match(out.out.join("\n"), /stopped: Cannot connect/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("trace show: association boxes and --association", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-tshow-"));
  try {
    const a = save(dir, "a.jsonl", [
      ...await recordConversation(),
      ...(await recordConversation()).map((r) => ({ ...r, conn: "second" })),
    ]);
    const out = io();
    assert.equal(
      await traceCommand.run(["show", a, "--association", "2", "--only", "pdu"], out.io),
      0,
    );
    const text = out.out.join("\n");
    assert.match(text, /\| context 3: CT Image Storage \[Explicit VR Little Endian\]/);
    assert.match(text, /\| context 5: accepted Implicit VR Little Endian/);
    assert.doesNotMatch(text, /memory-/);
    const missing = io();
    assert.equal(await traceCommand.run(["show", a, "--association", "3"], missing.io), 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("trace show --dump: each DIMSE message's data set under its line", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-tdump-"));
  try {
    const a = save(dir, "a.jsonl", await recordConversation());
    const out = io();
    assert.equal(await traceCommand.run(["show", a, "--only", "dimse", "--dump"], out.io), 0);
    const text = out.out.join("\n");
    assert.match(text, /=> C-STORE-RQ #2, \d+ bytes\n {12}\(0008,0016\) UI =CTImageStorage/);
    assert.match(
      text,
      /<= C-FIND-RSP #4 status 0xFF00 Pending, \d+ bytes\n(.*\n)*.*PN \[DOE\^JANE\]/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("trace diff --format json: the differences as JSON", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-tdiffjson-"));
  try {
    const a = save(dir, "a.jsonl", await recordConversation());
    const c = save(dir, "c.jsonl", await recordConversation({ secondStoreStatus: 0xb000 }));
    const out = io();
    assert.equal(await traceCommand.run(["diff", a, c, "--format", "json"], out.io), 1);
    const report = JSON.parse(out.out.join("\n"));
    assert.equal(report.connections, 1);
    assert.deepEqual(report.differences.map((d: { where: string }) => d.where), [
      "message 6 (C-STORE-RSP)",
    ]);
    await assert.rejects(
      () =>
        Promise.resolve().then(() => traceCommand.run(["diff", a, c, "--format", "xml"], io().io)),
      UsageError,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
