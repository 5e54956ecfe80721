import assert from "node:assert/strict";
import fc from "fast-check";
import { SpecificCharacterSet } from "./character_set.ts";
import { CharacterSetError } from "./character_set_error.ts";
import { decodeText, type DecodeTextOptions } from "./decode_text.ts";

/** Bytes from a string of byte values ("\xe9" is the byte E9). */
const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function decode(raw: string, charset: string | string[], options: DecodeTextOptions = {}) {
  const warnings: string[] = [];
  const text = decodeText(bytesOf(raw), SpecificCharacterSet.parse(charset), {
    onWarning: (m) => warnings.push(m),
    ...options,
  });
  return { text, warnings };
}

Deno.test("decodeText reads ASCII the same under every term", () => {
  fc.assert(fc.property(
    fc.string({ unit: "binary-ascii", maxLength: 30 }).filter((s) => !s.includes("\x1b")),
    fc.constantFrom("", "ISO_IR 100", "\\ISO 2022 IR 87", "ISO_IR 192", "GBK", "ISO_IR 13", "X"),
    (s, cs) => {
      const { text, warnings } = decode(s, cs);
      assert.equal(text, s);
      assert.deepEqual(warnings, []);
    },
  ));
});

Deno.test("decodeText reads long ASCII values", () => {
  const long = "A^B\\".repeat(50_000);
  assert.equal(decode(long, "").text, long);
});

// pydicom's ENCODED_NAMES: each single-byte set as a code extension after "ASCII+".
const SINGLE_BYTE_EXTENSIONS: [string, string, string][] = [
  ["ISO 2022 IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", "\x1b)I\xd4\xcf\xc0\xde^\x1b)I\xc0\xdb\xb3"],
  ["ISO 2022 IR 100", "Buc^Jérôme", "\x1b-ABuc^\x1b-AJ\xe9r\xf4me"],
  ["ISO 2022 IR 101", "Wałęsa", "\x1b-BWa\xb3\xeasa"],
  ["ISO 2022 IR 109", "antaŭnomo", "\x1b-Canta\xfdnomo"],
  ["ISO 2022 IR 110", "vārds", "\x1b-Dv\xe0rds"],
  ["ISO 2022 IR 127", "قباني^لنزار", "\x1b-G\xe2\xc8\xc7\xe6\xea^\x1b-G\xe4\xe6\xd2\xc7\xd1"],
  ["ISO 2022 IR 126", "Διονυσιος", "\x1b-F\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2"],
  ["ISO 2022 IR 138", "שרון^דבורה", "\x1b-H\xf9\xf8\xe5\xef^\x1b-H\xe3\xe1\xe5\xf8\xe4"],
  ["ISO 2022 IR 144", "Люкceмбypг", "\x1b-L\xbb\xee\xdace\xdc\xd1yp\xd3"],
  ["ISO 2022 IR 148", "Çavuşoğlu", "\x1b-M\xc7avu\xfeo\xf0lu"],
  ["ISO 2022 IR 166", "นามสกุล", "\x1b-T\xb9\xd2\xc1\xca\xa1\xd8\xc5"],
  ["ISO 2022 IR 203", "€uro", "\x1b-b\xa4uro"],
];

Deno.test("decodeText reads each single-byte set as a code extension", () => {
  for (const [term, expected, raw] of SINGLE_BYTE_EXTENSIONS) {
    const { text, warnings } = decode("ASCII+" + raw, ["", term], { vr: "PN" });
    assert.equal(text, "ASCII+" + expected, term);
    assert.deepEqual(warnings, [], term);
  }
});

Deno.test("decodeText reads each single-byte term without code extensions", () => {
  const rows: [string, string, string][] = [
    ["ISO_IR 100", "Äneas^Rüdiger", "\xc4neas^R\xfcdiger"],
    ["ISO_IR 101", "Wałęsa", "Wa\xb3\xeasa"],
    ["ISO_IR 109", "antaŭnomo", "anta\xfdnomo"],
    ["ISO_IR 110", "vārds", "v\xe0rds"],
    ["ISO_IR 144", "Люкceмбypг", "\xbb\xee\xdace\xdc\xd1yp\xd3"],
    ["ISO_IR 127", "قباني^لنزار", "\xe2\xc8\xc7\xe6\xea^\xe4\xe6\xd2\xc7\xd1"],
    ["ISO_IR 126", "Διονυσιος", "\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2"],
    ["ISO_IR 138", "שרון^דבורה", "\xf9\xf8\xe5\xef^\xe3\xe1\xe5\xf8\xe4"],
    ["ISO_IR 148", "Çavuşoğlu", "\xc7avu\xfeo\xf0lu"],
    ["ISO_IR 203", "Œuvre €", "\xbcuvre \xa4"],
    ["ISO_IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ", "\xd4\xcf\xc0\xde^\xc0\xdb\xb3"],
    ["ISO_IR 166", "นามสกุล", "\xb9\xd2\xc1\xca\xa1\xd8\xc5"],
  ];
  for (const [term, expected, raw] of rows) {
    const { text, warnings } = decode(raw, term, { vr: "PN" });
    assert.equal(text, expected, term);
    assert.deepEqual(warnings, [], term);
  }
});

Deno.test("decodeText reads the Japanese examples of PS3.5 Annex H", () => {
  // H.3.1 (chrH31.dcm) and H.3.2 (chrH32.dcm)
  assert.equal(
    decode(
      "Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B=\x1b$B$d$^$@\x1b(B^\x1b$B$?$m$&\x1b(B",
      ["", "ISO 2022 IR 87"],
      { vr: "PN" },
    ).text,
    "Yamada^Tarou=山田^太郎=やまだ^たろう",
  );
  assert.equal(
    decode(
      "\xd4\xcf\xc0\xde^\xc0\xdb\xb3=\x1b$B;3ED\x1b(J^\x1b$BB@O:\x1b(J=\x1b$B$d$^$@\x1b(J^" +
        "\x1b$B$?$m$&\x1b(J",
      ["ISO 2022 IR 13", "ISO 2022 IR 87"],
      { vr: "PN" },
    ).text,
    "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
  );
  // pydicom's JIS X 0212 example
  assert.equal(
    decode(
      "Mori^Ogai=\x1b$B?9\x1b(B^\x1b$(Dl?\x1b$B30\x1b(B=\x1b$B$b$j\x1b(B^\x1b$B$*$&$,$$\x1b(B",
      ["ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159"],
      { vr: "PN" },
    ).text,
    "Mori^Ogai=森^鷗外=もり^おうがい",
  );
});

Deno.test("decodeText reads the Korean example of PS3.5 Annex I", () => {
  const raw = "Hong^Gildong=\x1b$)C\xfb\xf3^\x1b$)C\xd1\xce\xd4\xd7=\x1b$)C\xc8\xab^" +
    "\x1b$)C\xb1\xe6\xb5\xbf";
  assert.equal(
    decode(raw, ["", "ISO 2022 IR 149"], { vr: "PN" }).text,
    "Hong^Gildong=洪^吉洞=홍^길동",
  );
});

Deno.test("decodeText reads the Chinese examples of PS3.5 Annexes J and K", () => {
  // J.3 (chrX1.dcm): UTF-8
  assert.equal(
    decode("Wang^XiaoDong=\xe7\x8e\x8b^\xe5\xb0\x8f\xe6\x9d\xb1=", "ISO_IR 192").text,
    "Wang^XiaoDong=王^小東=",
  );
  // K.1 (chrX2.dcm): GB18030
  assert.equal(
    decode("Wang^XiaoDong=\xcd\xf5^\xd0\xa1\xb6\xab=", "GB18030").text,
    "Wang^XiaoDong=王^小东=",
  );
  // K.2: GB 2312 as a code extension
  assert.equal(
    decode(
      "Zhang^XiaoDong=\x1b$)A\xd5\xc5^\x1b$)A\xd0\xa1\xb6\xab=",
      ["", "ISO 2022 IR 58"],
      { vr: "PN" },
    ).text,
    "Zhang^XiaoDong=张^小东=",
  );
  assert.equal(decode("\xcd\xf5\xff", "GBK").text, "王\ufffd");
  assert.equal(decode("\xcd\xf5", "GBK").text, "王");
});

Deno.test("decodeText returns to the initial sets at delimiters (PS3.5 6.1.2.5.3)", () => {
  // pydicom: the escape is missing after "^", so the rest is read with value 1 (ISO 8859-1).
  const { text, warnings } = decode(
    "ASCII+\x1b)I\xd4\xcf\xc0\xde^\xc0\xdb\xb3",
    ["", "ISO 2022 IR 13"],
    { vr: "PN" },
  );
  assert.equal(text, "ASCII+ﾔﾏﾀﾞ^ÀÛ³");
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /byte C0 at offset 14 is outside ISO-IR 6, read as ISO 8859-1/);

  const cs = ["ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126"];
  const multi = "Buc^J\xe9r\xf4me\\\x1b-F\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2\\\x1b-L" +
    "\xbb\xee\xdace\xdc\xd1yp\xd3";
  assert.equal(decode(multi, cs, { vr: "LO" }).text, "Buc^Jérôme\\Διονυσιος\\Люкceмбypг");
  // In LT a backslash is text: Greek stays active after it.
  assert.equal(decode("\x1b-F\xc4\\\xc4", cs, { vr: "LT" }).text, "Δ\\Δ");
  assert.equal(decode("\x1b-F\xc4\\\xc4", cs, { vr: "LO" }).text, "Δ\\Ä");
  assert.equal(decode("\x1b-F\xc4\r\n\xc4", cs, { vr: "LT" }).text, "Δ\r\nÄ");
  // "^" and "=" are delimiters in PN only.
  assert.equal(decode("\x1b-F\xc4^\xc4", cs, { vr: "PN" }).text, "Δ^Ä");
  assert.equal(decode("\x1b-F\xc4^\xc4", cs, { vr: "LO" }).text, "Δ^Δ");
  assert.equal(
    decode("Dionysios=\x1b-F\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2", [
      "ISO 2022 IR 100",
      "ISO 2022 IR 126",
    ], {
      vr: "PN",
    }).text,
    "Dionysios=Διονυσιος",
  );
});

Deno.test("decodeText keeps 5C, 5E and 3D inside two-byte JIS X 0208 characters", () => {
  // JIS 0x305C is 移 and 0x3D5E is 殉: delimiter bytes as halves of a character.
  const { text } = decode("\x1b$B0\\=^\x1b(B^A", ["", "ISO 2022 IR 87"], { vr: "PN" });
  assert.equal(text, "移殉^A");
});

Deno.test("decodeText reads value 1 without an escape sequence (pydicom #707)", () => {
  const cs = ["ISO 2022 IR 100", "ISO 2022 IR 144"];
  assert.equal(decode("Buc^J\xe9r\xf4me", cs, { vr: "PN" }).text, "Buc^Jérôme");
  assert.equal(decode("R\xf6ntgenaufnahme", cs, { vr: "LO" }).text, "Röntgenaufnahme");
  assert.equal(decode("\xb1\xe8\xc8\xf1", "ISO 2022 IR 149").text, "김희");
});

Deno.test("decodeText warns and falls back to ISO 8859-1 for unknown and default sets", () => {
  const unknown = decode("Buc^J\xe9r\xf4me", "UNSUPPORTED");
  assert.equal(unknown.text, "Buc^Jérôme");
  assert.deepEqual(unknown.warnings, [
    "Unknown Specific Character Set term 'UNSUPPORTED': using ISO_IR 6, bytes above 7F read as ISO_IR 100",
    "Decoding text as UNSUPPORTED: byte E9 at offset 5 is outside ISO-IR 6, read as ISO 8859-1",
  ]);
  const none = decode("J\xe9r\xf4me", "");
  assert.equal(none.text, "Jérôme");
  assert.equal(none.warnings.length, 1); // one warning per kind and call
  assert.throws(
    () => decode("J\xe9r\xf4me", "UNSUPPORTED", { lenient: false }),
    (e) => e instanceof CharacterSetError && e.charset === "UNSUPPORTED",
  );
  assert.throws(
    () => decode("J\xe9r\xf4me", "", { lenient: false }),
    (e) => e instanceof CharacterSetError && e.offset === 1,
  );
});

Deno.test("decodeText replaces bytes invalid in the active set, or throws when strict", () => {
  const utf8 = decode("\xc4\xe9\xef", "ISO_IR 192");
  assert.equal(utf8.text, "\ufffd\ufffd\ufffd");
  assert.match(utf8.warnings[0], /invalid UTF-8/);
  assert.throws(() => decode("\xc4\xe9\xef", "ISO_IR 192", { lenient: false }), CharacterSetError);

  const jis = decode("\x1b$(D\xc4\xe9", "ISO 2022 IR 159");
  assert.equal(jis.text, "\xc4\xe9"); // bytes above 7F go to G1, which is empty
  const odd = decode("\x1b$B$\x1b(B", ["", "ISO 2022 IR 87"]);
  assert.equal(odd.text, "\ufffd");
  assert.match(odd.warnings[0], /incomplete JIS X 0208 character 24 at offset 3/);
  const undefinedKs = decode("\x1b$)C\xa2\xe8", ["", "ISO 2022 IR 149"]);
  assert.equal(undefinedKs.text, "\ufffd");
  assert.throws(
    () => decode("\x1b$)C\xa2\xe8", ["", "ISO 2022 IR 149"], { lenient: false }),
    (e) => e instanceof CharacterSetError && e.offset === 4,
  );
  assert.equal(decode("\x1b-F\xff", ["", "ISO 2022 IR 126"]).text, "\ufffd");
  assert.equal(decode("\xcd", "GB18030").text, "\ufffd");
  assert.throws(() => decode("\xcd", "GB18030", { lenient: false }), CharacterSetError);
});

Deno.test("decodeText keeps unknown escape sequences as text, as pydicom does", () => {
  const { text, warnings } = decode("\x1b$)Z\xc4", "ISO_IR 100");
  assert.equal(text, "\x1b$)ZÄ");
  assert.match(warnings[0], /unknown escape sequence 1B 24 29 5A at offset 0, kept as text/);
  assert.throws(() => decode("\x1b$)Z", "ISO_IR 100", { lenient: false }), CharacterSetError);
});

Deno.test("decodeText reads undeclared but known escape sequences with a warning", () => {
  const { text, warnings } = decode("\x1b-F\xc4\xe9\xef\xed\xf5\xf3\xe9\xef\xf2", "ISO_IR 100");
  assert.equal(text, "Διονυσιος");
  assert.match(warnings[0], /designates ISO-IR 126 .*does not declare/);
  assert.throws(
    () => decode("\x1b-F\xc4", "ISO_IR 100", { lenient: false }),
    CharacterSetError,
  );
  // Returning to ASCII or JIS X 0201 Romaji is always allowed.
  assert.deepEqual(decode("\x1b(Ja\x1b(Bb", "ISO_IR 100").warnings, []);
});

Deno.test("decodeText passes on the warnings of the Specific Character Set", () => {
  const { text, warnings } = decode("Buc^J\xc3\xa9r\xc3\xb4me", ["ISO IR 192"]);
  assert.equal(text, "Buc^Jérôme");
  assert.deepEqual(warnings, [
    "Incorrect Specific Character Set term 'ISO IR 192': assuming 'ISO_IR 192'",
  ]);
  const ignored = decode("Buc^J\xc3\xa9r\xc3\xb4me", ["ISO_IR 192", "ISO 2022 IR 100"]);
  assert.equal(ignored.text, "Buc^Jérôme");
  assert.equal(ignored.warnings.length, 1);
});

Deno.test("decodeText keeps a UTF-8 byte order mark and ESC in stand-alone sets", () => {
  assert.equal(decode("\xef\xbb\xbfA\x1b", "ISO_IR 192").text, "\ufeffA\x1b");
  assert.equal(decode("\x84\x31\x95\x33A", "GB18030").text, "\ufeffA");
});
