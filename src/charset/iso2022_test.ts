import assert from "node:assert/strict";
import fc from "fast-check";
import { graphicSet } from "./graphic_set.ts";
import {
  ESCAPE_SEQUENCES,
  escapeSequenceOf,
  readEscapeSequence,
  splitEscapeSequences,
} from "./iso2022.ts";

const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

Deno.test("readEscapeSequence recognises every escape sequence of PS3.3 Tables C.12-3/4", () => {
  const table: [string, string][] = [
    ["\x1b(B", "ISO-IR 6"],
    ["\x1b(J", "ISO-IR 14"],
    ["\x1b)I", "ISO-IR 13"],
    ["\x1b-A", "ISO-IR 100"],
    ["\x1b-B", "ISO-IR 101"],
    ["\x1b-C", "ISO-IR 109"],
    ["\x1b-D", "ISO-IR 110"],
    ["\x1b-L", "ISO-IR 144"],
    ["\x1b-G", "ISO-IR 127"],
    ["\x1b-F", "ISO-IR 126"],
    ["\x1b-H", "ISO-IR 138"],
    ["\x1b-M", "ISO-IR 148"],
    ["\x1b-b", "ISO-IR 203"],
    ["\x1b-T", "ISO-IR 166"],
    ["\x1b$B", "ISO-IR 87"],
    ["\x1b$(D", "ISO-IR 159"],
    ["\x1b$)C", "ISO-IR 149"],
    ["\x1b$)A", "ISO-IR 58"],
  ];
  for (const [text, id] of table) {
    const read = readEscapeSequence(bytesOf("x" + text + "y"), 1);
    assert.equal(read.length, text.length, text);
    assert.equal(read.set?.id, id, text);
    assert.deepEqual(escapeSequenceOf(read.set!), bytesOf(text));
  }
});

Deno.test("readEscapeSequence reads older JIS X 0208 designations as ISO-IR 87", () => {
  assert.equal(readEscapeSequence(bytesOf("\x1b$@"), 0).set?.id, "ISO-IR 87");
  assert.deepEqual(escapeSequenceOf(graphicSet("ISO-IR 87")), bytesOf("\x1b$B"));
});

Deno.test("readEscapeSequence spans unknown and broken sequences without a set", () => {
  assert.deepEqual(readEscapeSequence(bytesOf("\x1b$)Z"), 0), { length: 4, set: undefined });
  assert.deepEqual(readEscapeSequence(bytesOf("\x1b$"), 0), { length: 2, set: undefined });
  assert.deepEqual(readEscapeSequence(bytesOf("\x1b\x80"), 0), { length: 1, set: undefined });
});

Deno.test("splitEscapeSequences splits the PS3.5 H.3.1 example at each escape", () => {
  const bytes = bytesOf("Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B");
  const runs = splitEscapeSequences(bytes).map((r) => [r.set?.id, r.escapeStart, r.start, r.end]);
  assert.deepEqual(runs, [
    [undefined, undefined, 0, 13],
    ["ISO-IR 87", 13, 16, 20],
    ["ISO-IR 6", 20, 23, 24],
    ["ISO-IR 87", 24, 27, 31],
    ["ISO-IR 6", 31, 34, 34],
  ]);
});

Deno.test("splitEscapeSequences runs cover the value exactly", () => {
  const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constant(0x1b));
  fc.assert(fc.property(fc.array(byte, { maxLength: 40 }), (list) => {
    const bytes = Uint8Array.from(list);
    let pos = 0;
    for (const run of splitEscapeSequences(bytes)) {
      assert.equal(run.escapeStart ?? run.start, pos);
      assert.ok(run.start <= run.end);
      if (run.escapeStart !== undefined) assert.equal(bytes[run.escapeStart], 0x1b);
      for (let i = run.start; i < run.end; i++) assert.notEqual(bytes[i], 0x1b);
      pos = run.end;
    }
    assert.equal(pos, bytes.length);
  }));
});

Deno.test("ESCAPE_SEQUENCES lists each DICOM set's own sequence first", () => {
  const seen = new Set<string>();
  for (const s of ESCAPE_SEQUENCES) {
    if (seen.has(s.set.id)) continue;
    seen.add(s.set.id);
    assert.deepEqual(escapeSequenceOf(s.set), s.bytes);
  }
  assert.equal(seen.size, 18);
});
