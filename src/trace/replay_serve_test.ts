import assert from "node:assert/strict";
import { readConversations } from "./conversation.ts";
import { replayConversations } from "./replay.ts";
import { serveConversations } from "./serve.ts";
import { recordConversation } from "./_recorded_conversation.ts";

Deno.test("serve + replay: a recording replayed against itself served shows no difference", async () => {
  const recorded = readConversations(await recordConversation());
  const server = await serveConversations(recorded);
  try {
    const [result] = await replayConversations(recorded, {
      host: "127.0.0.1",
      port: server.port,
      responseTimeoutMs: 5_000,
    });
    assert.equal(result.stopped, undefined);
    assert.deepEqual(result.differences, []);
    assert.equal(result.actual.messages.length, recorded[0].messages.length);
    assert.equal(result.actual.end, "released");
  } finally {
    await server.close();
  }
});

Deno.test("serve + replay: a changed answer is reported with its message and field", async () => {
  const recorded = readConversations(await recordConversation());
  const failing = readConversations(
    await recordConversation({ secondStoreStatus: 0xa700, matches: ["DOE^JANE"] }),
  );
  const server = await serveConversations(failing);
  try {
    const [result] = await replayConversations(recorded, {
      host: "127.0.0.1",
      port: server.port,
      responseTimeoutMs: 5_000,
    });
    const text = result.differences.map((d) => `${d.where}: ${d.detail}`).join("\n");
    assert.match(text, /message 6 \(C-STORE-RSP\): Status: 0x0000 Success vs 0xA700/);
    assert.match(text, /C-FIND-RSP\): missing/);
  } finally {
    await server.close();
  }
});

Deno.test("replay: an SCP that is not there is reported, not thrown", async () => {
  const recorded = readConversations(await recordConversation());
  const [result] = await replayConversations(recorded, {
    host: "127.0.0.1",
    port: 1,
    connectTimeoutMs: 2_000,
  });
  assert.match(result.stopped ?? "", /^Cannot connect/);
});
