import assert from "node:assert/strict";
import { GRAPHIC_SETS, graphicSet, type GraphicSetId } from "./graphic_set.ts";

const cp = (s: string) => s.codePointAt(0)!;

Deno.test("graphicSet decodes and encodes a known character of each set", () => {
  const rows: [GraphicSetId, number, string][] = [
    ["ISO-IR 6", 0x41, "A"],
    ["ISO-IR 14", 0x5c, "\\"], // read as ASCII, as pydicom does
    ["ISO-IR 13", 0xb1, "ｱ"],
    ["ISO-IR 100", 0xe9, "é"],
    ["ISO-IR 101", 0xb3, "ł"],
    ["ISO-IR 109", 0xfd, "ŭ"],
    ["ISO-IR 110", 0xe0, "ā"],
    ["ISO-IR 144", 0xbb, "Л"],
    ["ISO-IR 127", 0xe2, "ق"],
    ["ISO-IR 126", 0xc4, "Δ"],
    ["ISO-IR 138", 0xf9, "ש"],
    ["ISO-IR 148", 0xfe, "ş"],
    ["ISO-IR 203", 0xa4, "€"],
    ["ISO-IR 166", 0xb9, "น"],
    ["ISO-IR 87", 0x3b33, "山"], // PS3.5 H.3.1: ESC $ B ";3"
    ["ISO-IR 159", 0x6c3f, "鷗"],
    ["ISO-IR 149", 0xc8ab, "홍"], // PS3.5 I.2
    ["ISO-IR 58", 0xd5c5, "张"], // PS3.5 K.2
  ];
  for (const [id, code, ch] of rows) {
    const set = graphicSet(id);
    assert.equal(set.decode(code), cp(ch), `${id} decode ${code.toString(16)}`);
    assert.equal(set.encode(cp(ch)), code, `${id} encode ${ch}`);
  }
});

Deno.test("graphicSet returns -1 for codes and characters a set lacks", () => {
  assert.equal(graphicSet("ISO-IR 126").decode(0xff), -1);
  assert.equal(graphicSet("ISO-IR 13").decode(0xe0), -1);
  assert.equal(graphicSet("ISO-IR 87").decode(0x2f21), -1);
  assert.equal(graphicSet("ISO-IR 87").decode(0x0041), -1);
  assert.equal(graphicSet("ISO-IR 149").encode(cp("é")), -1);
  assert.equal(graphicSet("ISO-IR 100").encode(cp("Δ")), -1);
});

Deno.test("JIS X 0208 uses the JIS0208.TXT mappings and writes no vendor rows", () => {
  const jis = graphicSet("ISO-IR 87");
  assert.equal(jis.decode(0x2141), 0x301c); // WAVE DASH, not FULLWIDTH TILDE
  assert.equal(jis.decode(0x215d), 0x2212);
  assert.equal(jis.encode(0xff5e), 0x2141); // the cp932 mapping still encodes
  assert.equal(jis.decode(0x2d21), cp("①")); // NEC row 13 is read
  assert.equal(jis.encode(cp("①")), -1); // but never written
});

Deno.test("GB 2312 uses the GB2312.TXT mappings and writes no GBK additions", () => {
  const gb = graphicSet("ISO-IR 58");
  assert.equal(gb.decode(0xa1a4), 0x30fb);
  assert.equal(gb.encode(0x00b7), 0xa1a4);
  assert.equal(gb.decode(0xa2a1), cp("ⅰ"));
  assert.equal(gb.encode(cp("ⅰ")), -1);
});

Deno.test("every set's repertoire round-trips through encode and decode", () => {
  const sizes: Partial<Record<GraphicSetId, number>> = {};
  for (const set of Object.values(GRAPHIC_SETS)) {
    const rep = set.repertoire();
    sizes[set.id] = rep.length;
    for (const c of rep) {
      assert.equal(set.decode(set.encode(c)), c, `${set.id} U+${c.toString(16)}`);
    }
  }
  assert.equal(sizes["ISO-IR 13"], 63);
  assert.equal(sizes["ISO-IR 87"], 6879); // JIS X 0208-1990 has 6,879 characters
  assert.equal(sizes["ISO-IR 159"], 6067); // JIS X 0212 has 6,067
  assert.ok(sizes["ISO-IR 149"]! >= 8224); // KS X 1001: 8,224 + filler
  assert.ok(sizes["ISO-IR 58"]! >= 7445); // GB 2312: 7,445
});
