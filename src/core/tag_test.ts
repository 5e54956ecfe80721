import assert from "node:assert/strict";
import fc from "fast-check";
import { formatTag, makeTag, parseTag, privateCreatorTagOf, tagElement, tagGroup } from "./tag.ts";

Deno.test("formatTag and parseTag round-trip every tag", () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 0xffffffff }), (t) => {
    assert.equal(parseTag(formatTag(t)), t);
    assert.equal(makeTag(tagGroup(t), tagElement(t)), t);
  }));
});

Deno.test("privateCreatorTagOf finds the reserving creator element", () => {
  assert.equal(privateCreatorTagOf(0x00291008), 0x00290010);
  assert.equal(privateCreatorTagOf(0x0029ff01), 0x002900ff);
  assert.equal(privateCreatorTagOf(0x00100010), undefined);
});
