import assert from "node:assert/strict";
import { CharacterSetError } from "./character_set_error.ts";

Deno.test("CharacterSetError is a RangeError carrying the charset, character and offset", () => {
  const error = new CharacterSetError("Cannot encode U+00E9 'é' as ISO_IR 6: not in ISO-IR 6", {
    charset: "ISO_IR 6",
    character: "é",
  });
  assert.ok(error instanceof RangeError);
  assert.equal(error.name, "CharacterSetError");
  assert.equal(error.charset, "ISO_IR 6");
  assert.equal(error.character, "é");
  assert.equal(error.offset, undefined);
  const decoding = new CharacterSetError("Cannot decode text as ISO_IR 192: invalid UTF-8", {
    charset: "ISO_IR 192",
    offset: 3,
  });
  assert.equal(decoding.offset, 3);
  assert.equal(decoding.character, undefined);
});
