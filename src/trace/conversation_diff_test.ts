import assert from "node:assert/strict";
import { readConversations } from "./conversation.ts";
import { diffConversations } from "./conversation_diff.ts";
import { recordConversation } from "./_recorded_conversation.ts";

Deno.test("diffConversations: two runs of the same conversation do not differ", async () => {
  const a = readConversations(await recordConversation());
  const b = readConversations(await recordConversation());
  assert.deepEqual(diffConversations(a, b), []);
});

Deno.test("diffConversations: a changed status is named with its message", async () => {
  const a = readConversations(await recordConversation());
  const b = readConversations(await recordConversation({ secondStoreStatus: 0xa700 }));
  const diff = diffConversations(a, b);
  assert.equal(diff.length, 1);
  assert.equal(diff[0].where, "message 6 (C-STORE-RSP)");
  assert.match(diff[0].detail, /^Status: 0x0000 .* vs 0xA700 /);
});

Deno.test("diffConversations: generated UIDs and dates are ignored by default, compared on request", async () => {
  const a = readConversations(await recordConversation());
  const b = readConversations(
    await recordConversation({ studyUidRoot: "1.2.826.0.1.3680043.2.99", studyDate: "20261128" }),
  );
  assert.deepEqual(diffConversations(a, b), []);
  const strict = diffConversations(a, b, { compareInstanceUids: true, compareDatesAndTimes: true });
  assert.equal(strict.length, 4); // two matches × (Study Date, Study Instance UID)
  assert.match(strict.map((d) => d.detail).join("\n"), /\(0020,000D\): UI .* vs UI /);
});

Deno.test("diffConversations: C-FIND matches compare as a set, a missing one is named", async () => {
  const a = readConversations(await recordConversation({ matches: ["A^A", "B^B"] }));
  const swapped = readConversations(await recordConversation({ matches: ["B^B", "A^A"] }));
  // Study Instance UIDs follow the order, so compare names only.
  assert.deepEqual(diffConversations(a, swapped), []);
  const fewer = readConversations(await recordConversation({ matches: ["A^A"] }));
  const diff = diffConversations(a, fewer);
  assert.equal(diff[0].detail, "10 message(s) vs 9");
  assert.ok(diff.some((d) => d.detail === "missing" && d.where.includes("C-FIND-RSP")));
});

Deno.test("diffConversations: side acceptor ignores what the requestor sent", async () => {
  const a = readConversations(await recordConversation());
  const b = readConversations(await recordConversation({ secondStoreStatus: 0xb000 }));
  assert.equal(diffConversations(a, b, { side: "requestor" }).length, 0);
  assert.equal(diffConversations(a, b, { side: "acceptor" }).length, 1);
});
