import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listenAssociations } from "../net/association/accept_association.ts";
import { requestAssociation } from "../net/association/request_association.ts";
import { answerEcho } from "../services/verification.ts";
import { readConversations } from "../trace/conversation.ts";
import { parseTrace } from "../trace/trace_summary.ts";
import { proxyCommand } from "./proxy_command.ts";
import { UsageError } from "./usage_error.ts";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

Deno.test("proxy: records an association and stops after --count connections", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dicomsim-proxycmd-"));
  const scp = await listenAssociations({
    aeTitle: "SCP",
    supported: [{ abstractSyntax: "1.2.840.10008.1.1", transferSyntaxes: ["1.2.840.10008.1.2"] }],
    onRequest: (rq, a) => answerEcho(rq, a).then(() => {}),
  });
  try {
    const record = join(dir, "p.jsonl");
    const out = io();
    const running = proxyCommand.run([
      "--listen",
      "0",
      "--to",
      `127.0.0.1:${scp.port}`,
      "--record",
      record,
      "--count",
      "1",
      "-v",
      "--fault",
      '{"type":"status","command":"C-ECHO-RQ","status":"0x0110"}',
    ], out.io);
    for (let i = 0; i < 100 && out.out.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const port = Number(/127\.0\.0\.1:(\d+) ->/.exec(out.out[0])![1]);
    const scu = await requestAssociation({
      host: "127.0.0.1",
      port,
      callingAeTitle: "SCU",
      calledAeTitle: "SCP",
      contexts: [{ abstractSyntax: "1.2.840.10008.1.1" }],
    });
    const status = await scu.echo();
    await scu.release();
    assert.equal(await running, 0);
    assert.equal(status, 0x0110);
    assert.match(out.out.join("\n"), /2 DIMSE message\(s\).*released; faults: Status/);
    const [c] = readConversations(parseTrace(readFileSync(record, "utf8")));
    assert.deepEqual(c.messages.map((m) => m.message.type), ["C-ECHO-RQ", "C-ECHO-RSP"]);
  } finally {
    await scp.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

Deno.test("proxy: usage errors and bad faults", async () => {
  await assert.rejects(() => proxyCommand.run(["--to", "h:1"], io().io), UsageError);
  await assert.rejects(() => proxyCommand.run(["--listen", "0"], io().io), UsageError);
  const out = io();
  assert.equal(
    await proxyCommand.run(["--listen", "0", "--to", "h:1", "--fault", '{"type":"nope"}'], out.io),
    1,
  );
  assert.match(out.err[0], /^E: /);
});
