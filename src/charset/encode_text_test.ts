import assert from "node:assert/strict";
import fc from "fast-check";
import { resolveCharacterSet, SpecificCharacterSet } from "./character_set.ts";
import { CharacterSetError } from "./character_set_error.ts";
import { decodeText } from "./decode_text.ts";
import { encodeText, type EncodeTextOptions } from "./encode_text.ts";

/** The bytes as a string of byte values, to compare with "\x1b$B..." literals. */
function encode(text: string, charset: string | string[], options: EncodeTextOptions = {}) {
  return String.fromCharCode(...encodeText(text, SpecificCharacterSet.parse(charset), options));
}

Deno.test("encodeText writes ASCII unchanged under every term", () => {
  fc.assert(fc.property(
    fc.string({ unit: "binary-ascii", maxLength: 30 }).filter((s) => !s.includes("\x1b")),
    fc.constantFrom("", "ISO_IR 100", "\\ISO 2022 IR 87", "ISO_IR 192", "GBK", "ISO_IR 13"),
    (s, cs) => assert.equal(encode(s, cs), s),
  ));
});

Deno.test("encodeText writes the Japanese examples of PS3.5 Annex H byte for byte", () => {
  assert.equal(
    encode("Yamada^Tarou=山田^太郎=やまだ^たろう", ["", "ISO 2022 IR 87"], { vr: "PN" }),
    "Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B",
  );
  // With ISO 2022 IR 13 as value 1, katakana needs no escape and G0 returns with ESC ( J.
  assert.equal(
    encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", ["ISO 2022 IR 13", "ISO 2022 IR 87"], { vr: "PN" }),
    "\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^" +
      "\x1b$B$?$m$&\x1b(J",
  );
});

Deno.test("encodeText switches between JIS X 0208 and JIS X 0212 as pydicom does", () => {
  assert.equal(
    encode("Mori^Ogai=森^鷗外=もり^おうがい", [
      "ISO 2022 IR 6",
      "ISO 2022 IR 87",
      "ISO 2022 IR 159",
    ], {
      vr: "PN",
    }),
    "Mori^Ogai=\x1b$B?9\x1b(B^\x1b$(Dl?\x1b$B30\x1b(B=\x1b$B$b$j\x1b(B^\x1b$B$*$&$,$$\x1b(B",
  );
  // pydicom writes \x1b$B$"\x1b(Ja\x1b)I\xb1...: ESC ) I is redundant, G1 already holds katakana.
  assert.equal(
    encode("あaｱア齩", ["ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"]),
    '\x1b$B$"\x1b(Ja\xb1\x1b$B%"\x1b$(DmN\x1b(J',
  );
});

Deno.test("encodeText writes the Korean and Chinese examples of PS3.5 Annexes I to K", () => {
  assert.equal(
    encode("Hong^Gildong=洪^吉洞=홍^길동", ["", "ISO 2022 IR 149"], { vr: "PN" }),
    "Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^\x1b$)C\xb1\xe6\xb5\xbf",
  );
  assert.equal(
    encode("Zhang^XiaoDong=张^小东=", ["", "ISO 2022 IR 58"], { vr: "PN" }),
    "Zhang^XiaoDong=\x1b$)A\xd5\xc5^\x1b$)A\xd0\xa1\xb6\xab=",
  );
  assert.equal(
    encode("Wang^XiaoDong=王^小東=", "ISO_IR 192"),
    "Wang^XiaoDong=\xe7\x8e\x8b^\xe5\xb0\x8f\xe6\x9d\xb1=",
  );
  assert.equal(
    encode("Wang^XiaoDong=王^小东=", "GB18030"),
    "Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab=",
  );
  assert.equal(encode("王^小东", "GBK"), "\xcd\xf5^\xd0\xa1\xb6\xab");
  // Value 1 ISO 2022 IR 149: KS X 1001 is in G1 from the start.
  assert.equal(encode("김희중", "ISO 2022 IR 149"), "\xb1\xe8\xc8\xf1\xc1\xdf");
});

Deno.test("encodeText designates G1 sets only where needed", () => {
  const cs = ["ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126"];
  // pydicom's multi-valued PN: value 1 needs no escape, the others re-designate after "\".
  assert.equal(
    encode("Buc^Jérôme\\Διονυσιος\\Люкceмбypг", cs, { vr: "PN" }),
    "Buc^J\xe9r\xf4me\\\x1b-F\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2\\\x1b-L\xbb\xee\xdace\xdc\xd1yp\xd3",
  );
  assert.equal(
    encode("Dionysios is Διονυσιος", ["ISO 2022 IR 100", "ISO 2022 IR 126"]),
    "Dionysios is \x1b-F\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2",
  );
  // Back to value 1's set inside a value needs its escape sequence.
  assert.equal(encode("Δé", ["ISO 2022 IR 100", "ISO 2022 IR 126"]), "\x1b-F\xc4\x1b-A\xe9");
  // Backslash is text in LT, a delimiter in LO.
  assert.equal(encode("Δ\\Δ", ["", "ISO 2022 IR 126"], { vr: "LT" }), "\x1b-F\xc4\\\xc4");
  assert.equal(encode("Δ\\Δ", ["", "ISO 2022 IR 126"], { vr: "LO" }), "\x1b-F\xc4\\\x1b-F\xc4");
  assert.equal(encode("Δ\r\nΔ", ["", "ISO 2022 IR 126"], { vr: "LT" }), "\x1b-F\xc4\r\n\x1b-F\xc4");
  // Every single-byte term of PS3.3 Table C.12-3 as a code extension.
  const rows: [string, string, string][] = [
    ["ISO 2022 IR 13", "ﾔﾏﾀﾞ", "\x1b)I\xd4\xcf\xc0\xde"],
    ["ISO 2022 IR 100", "Jé", "J\x1b-A\xe9"],
    ["ISO 2022 IR 101", "ł", "\x1b-B\xb3"],
    ["ISO 2022 IR 109", "ŭ", "\x1b-C\xfd"],
    ["ISO 2022 IR 110", "ā", "\x1b-D\xe0"],
    ["ISO 2022 IR 144", "Л", "\x1b-L\xbb"],
    ["ISO 2022 IR 127", "ق", "\x1b-G\xe2"],
    ["ISO 2022 IR 126", "Δ", "\x1b-F\xc4"],
    ["ISO 2022 IR 138", "ש", "\x1b-H\xf9"],
    ["ISO 2022 IR 148", "ş", "\x1b-M\xfe"],
    ["ISO 2022 IR 203", "€", "\x1b-b\xa4"],
    ["ISO 2022 IR 166", "น", "\x1b-T\xb9"],
  ];
  for (const [term, text, bytes] of rows) assert.equal(encode(text, ["", term]), bytes, term);
});

Deno.test("encodeText returns G0 to value 1's set before delimiters and at the end", () => {
  assert.equal(
    encode("山\\山", ["", "ISO 2022 IR 87"], { vr: "LT" }),
    "\x1b$B;3\x1b(B\\\x1b$B;3\x1b(B",
  );
  assert.equal(encode("山 ", ["", "ISO 2022 IR 87"]), "\x1b$B;3\x1b(B ");
  assert.equal(encode("山", ["ISO 2022 IR 13", "ISO 2022 IR 87"]), "\x1b$B;3\x1b(J");
  // Katakana in G1 does not disturb JIS X 0208 in G0.
  assert.equal(encode("山ｱ山", ["ISO 2022 IR 13", "ISO 2022 IR 87"]), "\x1b$B;3\xb1;3\x1b(J");
});

Deno.test("encodeText throws CharacterSetError naming the character and the charset", () => {
  assert.throws(
    () => encode("Jérôme", ""),
    (e) =>
      e instanceof CharacterSetError && e instanceof RangeError && e.character === "é" &&
      e.charset === "ISO_IR 6" &&
      e.message === "Cannot encode U+00E9 'é' as ISO_IR 6: not in ISO-IR 6 (ASCII)",
  );
  assert.throws(
    () => encode("é", ["", "ISO 2022 IR 87"]),
    (e) =>
      e instanceof CharacterSetError && e.charset === "\\ISO 2022 IR 87" && e.character === "é" &&
      e.message.endsWith("not in ISO-IR 6 (ASCII), ISO-IR 87 (JIS X 0208)"),
  );
  assert.throws(
    () => encode("😀", ["", "ISO 2022 IR 87"]),
    (e) => e instanceof CharacterSetError && e.character === "😀" && /U\+1F600/.test(e.message),
  );
  assert.throws(() => encode("a\x1bb", ["", "ISO 2022 IR 87"]), /ESC only starts escape sequences/);
  assert.throws(() => encode("\ud800", "ISO_IR 192"), /lone surrogate/);
  assert.throws(
    () => encode("😀", "GBK"),
    (e) => e instanceof CharacterSetError && e.character === "😀",
  );
  assert.throws(() => encode("é", "NOT A TERM"), /unknown term 'NOT A TERM'/);
  assert.throws(() => encode("①", ["", "ISO 2022 IR 87"]), CharacterSetError); // NEC row 13
});

Deno.test("encodeText replaces what it cannot encode by ? when asked", () => {
  assert.equal(encode("Jérôme", "", { replace: true }), "J?r?me");
  assert.equal(encode("山é", ["", "ISO 2022 IR 87"], { replace: true }), "\x1b$B;3\x1b(B?");
  assert.equal(encode("a\ud800b", "ISO_IR 192", { replace: true }), "a?b");
  assert.equal(encode("王😀", "GBK", { replace: true }), "\xcd\xf5?");
  assert.equal(encode("あaｱア", "ISO 2022 IR 13", { replace: true }), "?a\xb1?");
});

Deno.test("encodeText keeps ESC and non-BMP characters in UTF-8 and GB18030", () => {
  assert.equal(encode("\x1b😀", "ISO_IR 192"), "\x1b\xf0\x9f\x98\x80");
  assert.equal(encode("😀", "GB18030"), "\x94\x39\xfc\x36"); // as Python's gb18030
});

// Round trip: random strings from each charset's repertoire encode, then decode to themselves.
const CHARSETS: (string | string[])[] = [
  "ISO_IR 100",
  "ISO_IR 101",
  "ISO_IR 109",
  "ISO_IR 110",
  "ISO_IR 144",
  "ISO_IR 127",
  "ISO_IR 126",
  "ISO_IR 138",
  "ISO_IR 148",
  "ISO_IR 203",
  "ISO_IR 13",
  "ISO_IR 166",
  ["", "ISO 2022 IR 100", "ISO 2022 IR 101", "ISO 2022 IR 109", "ISO 2022 IR 110"],
  ["ISO 2022 IR 144", "ISO 2022 IR 127", "ISO 2022 IR 126", "ISO 2022 IR 138"],
  ["ISO 2022 IR 148", "ISO 2022 IR 203", "ISO 2022 IR 166", "ISO 2022 IR 13"],
  "ISO 2022 IR 87",
  ["", "ISO 2022 IR 87", "ISO 2022 IR 159"],
  ["ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"],
  ["", "ISO 2022 IR 149"],
  "ISO 2022 IR 149",
  ["", "ISO 2022 IR 58"],
  ["ISO 2022 IR 100", "ISO 2022 IR 149", "ISO 2022 IR 87", "ISO 2022 IR 126"],
];

const SPECIALS = ["\\", "^", "=", " ", "\r", "\n", "\t", "\f"];

function repertoireOf(charset: SpecificCharacterSet): string[] {
  const chars = new Set<string>();
  for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCharCode(c));
  for (const s of SPECIALS) chars.add(s);
  for (const set of resolveCharacterSet(charset).sets) {
    for (const cp of set.repertoire()) if (cp >= 0xa0) chars.add(String.fromCodePoint(cp));
  }
  // A few characters encode through another set first (the cp932 aliases of JIS X 0208), so
  // they come back as that set's character: leave those out, and check there are only a few.
  const kept = [...chars].filter((c) => decodeText(encodeText(c, charset), charset) === c);
  assert.ok(chars.size - kept.length <= 6, `${chars.size - kept.length} characters lost`);
  return kept;
}

for (const value of CHARSETS) {
  const name = [value].flat().join("\\");
  Deno.test(`encodeText then decodeText returns random text of ${name}`, () => {
    const charset = SpecificCharacterSet.parse(value);
    const chars = repertoireOf(charset);
    const special = fc.constantFrom(...SPECIALS);
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(...chars), special), maxLength: 24 });
    const vr = fc.constantFrom(undefined, "PN", "LO", "SH", "LT", "ST", "UC", "UT");
    fc.assert(
      fc.property(text, vr, (s, vr) => {
        const warnings: string[] = [];
        const bytes = encodeText(s, charset, { vr });
        assert.equal(decodeText(bytes, charset, { vr, onWarning: (m) => warnings.push(m) }), s);
        assert.deepEqual(warnings, []);
      }),
      { numRuns: 60 },
    );
  });
}

Deno.test("encodeText then decodeText returns random text of ISO_IR 192 and GB18030", () => {
  const utf8 = SpecificCharacterSet.parse("ISO_IR 192");
  const gb18030 = SpecificCharacterSet.parse("GB18030");
  // iconv-lite's GB18030 reads A3A0 (written for U+E5E5) as U+3000, as the WHATWG standard does.
  const text = fc.string({ unit: "binary", maxLength: 24 }).filter((s) => !s.includes("\ue5e5"));
  fc.assert(fc.property(text, (s) => {
    assert.equal(decodeText(encodeText(s, utf8), utf8, { lenient: false }), s);
    assert.equal(decodeText(encodeText(s, gb18030), gb18030, { lenient: false }), s);
  }));
});

Deno.test("encodeText then decodeText returns random Han text of GBK", () => {
  const gbk = SpecificCharacterSet.parse("GBK");
  const unit = fc.oneof(
    fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)),
    fc.string({ unit: "binary-ascii", minLength: 1, maxLength: 1 }),
  );
  fc.assert(fc.property(fc.string({ unit, maxLength: 24 }), (s) => {
    assert.equal(decodeText(encodeText(s, gbk), gbk, { lenient: false }), s);
  }));
});
