import assert from "node:assert/strict";
import { DimseCommandError, DimseDecodeError, DimseProtocolError } from "./errors.ts";

Deno.test("DIMSE errors subclass the closest built-in and carry their data", () => {
  const decode = new DimseDecodeError("Truncated element header: 3 bytes left", 68);
  assert.ok(decode instanceof SyntaxError);
  assert.equal(decode.offset, 68);
  assert.equal(decode.name, "DimseDecodeError");
  assert.equal(
    decode.message,
    "Cannot decode command set: Truncated element header: 3 bytes left at offset 68",
  );
  const command = new DimseCommandError("C-STORE-RQ lacks mandatory priority", {
    commandField: 1,
    tag: 0x0700,
    messageId: 4,
  });
  assert.ok(command instanceof TypeError);
  assert.equal(command.message, "C-STORE-RQ lacks mandatory priority: (0000,0700)");
  assert.deepEqual([command.commandField, command.tag, command.messageId], [1, 0x0700, 4]);
  const protocol = new DimseProtocolError("context-changed", "Fragment on context 3", 3);
  assert.ok(protocol instanceof Error);
  assert.equal(protocol.kind, "context-changed");
  assert.equal(protocol.presentationContextId, 3);
});
