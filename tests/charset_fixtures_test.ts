/**
 * The Specific Character Set layer against pydicom's character set files
 * (../shared/fixtures/pydicom-v3.0.2/charset_files, from David Clunie's examples and PS3.5
 * Annexes H to K). The values are found with a small scan for explicit VR little endian
 * elements, independent of the data set reader; the expected strings are pydicom 2.3.1's.
 * @module
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SpecificCharacterSet } from "../src/charset/character_set.ts";
import { decodeText } from "../src/charset/decode_text.ts";
import { encodeText } from "../src/charset/encode_text.ts";
import { FIXTURES_DIR } from "./_fixtures.ts";

const DIR = join(FIXTURES_DIR, "pydicom-v3.0.2", "charset_files");
const present = existsSync(DIR);

interface Element {
  offset: number;
  value: Uint8Array;
}

/** Every explicit VR little endian element with this tag and a 2-byte-length VR. */
function findElements(bytes: Uint8Array, tag: number, vr: string): Element[] {
  const pattern = [
    (tag >>> 16) & 0xff,
    tag >>> 24,
    tag & 0xff,
    (tag >>> 8) & 0xff,
    vr.charCodeAt(0),
    vr.charCodeAt(1),
  ];
  const found: Element[] = [];
  outer: for (let i = 0; i + 8 <= bytes.length; i++) {
    for (let j = 0; j < 6; j++) if (bytes[i + j] !== pattern[j]) continue outer;
    const length = bytes[i + 6] | (bytes[i + 7] << 8);
    found.push({ offset: i, value: bytes.subarray(i + 8, i + 8 + length) });
  }
  return found;
}

/** The (0008,0005) in force at an offset: the last one before it (items come after parents). */
function charsetAt(bytes: Uint8Array, offset: number): SpecificCharacterSet {
  const before = findElements(bytes, 0x00080005, "CS").filter((e) => e.offset < offset);
  const last = before[before.length - 1];
  return SpecificCharacterSet.parse(last && String.fromCharCode(...last.value));
}

function read(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(DIR, `${file}.dcm`)));
}

// [file, tag, VR, (0008,0005) in force, the whole value decoded, padding and all]
const VALUES: [string, number, string, string[], string][] = [
  ["chrArab", 0x00100010, "PN", ["ISO_IR 127"], "قباني^لنزار "],
  ["chrFren", 0x00100010, "PN", ["ISO_IR 100"], "Buc^Jérôme"],
  ["chrFrenMulti", 0x00100010, "PN", ["ISO_IR 100"], "Buc^Jérôme"],
  ["chrFrenMulti", 0x00101001, "PN", ["ISO_IR 100"], "Buc^Jérôme\\Buc^Jérôme "],
  ["chrGerm", 0x00100010, "PN", ["ISO_IR 100"], "Äneas^Rüdiger "],
  ["chrGreek", 0x00100010, "PN", ["ISO_IR 126"], "Διονυσιος "],
  ["chrH31", 0x00100010, "PN", ["", "ISO 2022 IR 87"], "Yamada^Tarou=山田^太郎=やまだ^たろう"],
  [
    "chrH32",
    0x00100010,
    "PN",
    ["ISO 2022 IR 13", "ISO 2022 IR 87"],
    "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
  ],
  ["chrHbrw", 0x00100010, "PN", ["ISO_IR 138"], "שרון^דבורה"],
  ["chrI2", 0x00100010, "PN", ["", "ISO 2022 IR 149"], "Hong^Gildong=洪^吉洞=홍^길동"],
  ["chrJapMulti", 0x00100010, "PN", ["", "ISO 2022 IR 87"], "やまだ^たろう "],
  ["chrJapMulti", 0x00101001, "PN", ["", "ISO 2022 IR 87"], "やまだ^たろう\\やまだ^たろう "],
  ["chrJapMulti", 0x001021b0, "LT", ["", "ISO 2022 IR 87"], "たろう"],
  [
    "chrJapMultiExplicitIR6",
    0x00100010,
    "PN",
    ["ISO 2022 IR 6", "ISO 2022 IR 87"],
    "やまだ^たろう ",
  ],
  [
    "chrJapMultiExplicitIR6",
    0x00101001,
    "PN",
    ["ISO 2022 IR 6", "ISO 2022 IR 87"],
    "やまだ^たろう\\やまだ^たろう ",
  ],
  ["chrJapMultiExplicitIR6", 0x001021b0, "LT", ["ISO 2022 IR 6", "ISO 2022 IR 87"], "たろう"],
  ["chrKoreanMulti", 0x00081070, "PN", ["", "ISO 2022 IR 149"], "김희중 "],
  ["chrKoreanMulti", 0x00100010, "PN", ["", "ISO 2022 IR 149"], "김희중 "],
  ["chrKoreanMulti", 0x00101001, "PN", ["", "ISO 2022 IR 149"], "김희중\\김희중 "],
  ["chrKoreanMulti", 0x001021b0, "LT", ["", "ISO 2022 IR 149"], "김희중 "],
  ["chrRuss", 0x00100010, "PN", ["ISO_IR 144"], "Люкceмбypг"],
  // In a sequence item with its own (0008,0005), unlike the data set's ISO_IR 192.
  [
    "chrSQEncoding",
    0x00100010,
    "PN",
    ["ISO 2022 IR 13", "ISO 2022 IR 87"],
    "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
  ],
  // In a sequence item without one: the data set's applies (PS3.5 7.5.3).
  [
    "chrSQEncoding1",
    0x00100010,
    "PN",
    ["ISO 2022 IR 13", "ISO 2022 IR 87"],
    "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう",
  ],
  ["chrX1", 0x00100010, "PN", ["ISO_IR 192"], "Wang^XiaoDong=王^小東= "],
  ["chrX2", 0x00100010, "PN", ["GB18030"], "Wang^XiaoDong=王^小东="],
];

// pydicom's FILE_PATIENT_NAMES (tests/test_charset.py): PatientName as pydicom shows it, with
// trailing spaces and empty trailing component groups removed.
const PATIENT_NAMES: [string, string][] = [
  ["chrArab", "قباني^لنزار"],
  ["chrFren", "Buc^Jérôme"],
  ["chrFrenMulti", "Buc^Jérôme"],
  ["chrGerm", "Äneas^Rüdiger"],
  ["chrGreek", "Διονυσιος"],
  ["chrH31", "Yamada^Tarou=山田^太郎=やまだ^たろう"],
  ["chrH32", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"],
  ["chrHbrw", "שרון^דבורה"],
  ["chrI2", "Hong^Gildong=洪^吉洞=홍^길동"],
  ["chrJapMulti", "やまだ^たろう"],
  ["chrJapMultiExplicitIR6", "やまだ^たろう"],
  ["chrKoreanMulti", "김희중"],
  ["chrRuss", "Люкceмбypг"],
  ["chrX1", "Wang^XiaoDong=王^小東"],
  ["chrX2", "Wang^XiaoDong=王^小东"],
];

Deno.test({
  name: "decodeText reads every text value of pydicom's character set files",
  ignore: !present,
  fn: () => {
    for (const [file, tag, vr, terms, expected] of VALUES) {
      const bytes = read(file);
      const [element, ...more] = findElements(bytes, tag, vr);
      assert.ok(element, `${file} ${tag.toString(16)}`);
      assert.equal(more.length, 0, `${file} ${tag.toString(16)} found twice`);
      const charset = charsetAt(bytes, element.offset);
      assert.deepEqual(charset.terms, terms, file);
      assert.deepEqual(charset.warnings, [], file);
      const text = decodeText(element.value, charset, { vr, lenient: false });
      assert.equal(text, expected, file);
    }
  },
});

Deno.test({
  name: "decodeText gives pydicom's PatientName for each character set file",
  ignore: !present,
  fn: () => {
    for (const [file, name] of PATIENT_NAMES) {
      const bytes = read(file);
      const [element] = findElements(bytes, 0x00100010, "PN");
      const text = decodeText(element.value, charsetAt(bytes, element.offset), { vr: "PN" });
      assert.equal(text.replace(/[ =]+$/, ""), name, file);
    }
  },
});

// Files whose bytes are what encodeText writes, escape for escape. The others spend an escape
// sequence that is not needed (ESC ( B at the end of chrKoreanMulti's values, where G0 never
// left ASCII) or return G0 to ASCII where value 1 is ISO 2022 IR 13 (chrSQEncoding*).
const BYTE_EXACT = new Set([
  "chrArab",
  "chrFren",
  "chrFrenMulti",
  "chrGerm",
  "chrGreek",
  "chrH31",
  "chrH32",
  "chrHbrw",
  "chrI2",
  "chrJapMulti",
  "chrJapMultiExplicitIR6",
  "chrRuss",
  "chrX1",
  "chrX2",
]);

Deno.test({
  name: "encodeText writes the character set files' values back",
  ignore: !present,
  fn: () => {
    for (const [file, tag, vr, terms, expected] of VALUES) {
      const bytes = read(file);
      const [element] = findElements(bytes, tag, vr);
      const charset = SpecificCharacterSet.parse(terms);
      const written = encodeText(expected, charset, { vr });
      assert.equal(decodeText(written, charset, { vr, lenient: false }), expected, file);
      if (BYTE_EXACT.has(file)) assert.deepEqual(written, new Uint8Array(element.value), file);
    }
  },
});
