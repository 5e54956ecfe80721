import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { INPUT_FILES, nameFromKeyword, renderGeneratedFiles } from "../../tools/gen_dictionary.ts";
import { dictionaryRows, repeatingDictionaryRows } from "./_generated/dictionary_data.ts";
import { privateDictionaryRows } from "./_generated/private_dictionary_data.ts";
import { lookupKeyword, lookupPrivateTag, lookupTag, tagFromKeyword } from "./dictionary.ts";
import { isVr } from "./vr.ts";

const ROOT = new URL("../../", import.meta.url);
const STANDARD = new URL("../shared/standard/", ROOT);
const readStandard = (name: string) => readFileSync(new URL(name, STANDARD), "utf8");

Deno.test("lookupTag finds an ordinary element", () => {
  const entry = lookupTag(0x00100010);
  assert.deepEqual(entry, {
    tag: 0x00100010,
    keyword: "PatientName",
    name: "Patient's Name",
    vrs: ["PN"],
    vm: "1",
    retired: false,
  });
  assert.equal(lookupTag(0x00020010)?.keyword, "TransferSyntaxUID");
  assert.equal(lookupTag(0x00041220)?.keyword, "DirectoryRecordSequence");
  assert.equal(lookupTag(0x00020000)?.keyword, "FileMetaInformationGroupLength");
});

Deno.test("lookupTag gives every allowed VR, the default first", () => {
  assert.deepEqual(lookupTag(0x7fe00010)?.vrs, ["OB", "OW"]);
  assert.deepEqual(lookupTag(0x00280106)?.vrs, ["US", "SS"]);
  assert.deepEqual(lookupTag(0x00283006)?.vrs, ["US", "OW"]);
  assert.deepEqual(lookupTag(0x00281200)?.vrs, ["US", "SS", "OW"]);
  assert.equal(lookupTag(0x00281200)?.vm, "1-n or 1");
});

Deno.test("lookupTag finds retired elements and flags them", () => {
  const entry = lookupTag(0x00080010);
  assert.equal(entry?.keyword, "RecognitionCode");
  assert.equal(entry?.retired, true);
  // PS3.6 lists a few retired elements without name or keyword; their tags are still known.
  assert.deepEqual(lookupTag(0x00180061), {
    tag: 0x00180061,
    keyword: "",
    name: "",
    vrs: ["DS"],
    vm: "1",
    retired: true,
  });
  assert.deepEqual(lookupTag(0x00080202)?.vrs, []);
});

Deno.test("lookupTag gives item and delimitation tags no VR", () => {
  for (
    const [tag, keyword] of [
      [0xfffee000, "Item"],
      [0xfffee00d, "ItemDelimitationItem"],
      [0xfffee0dd, "SequenceDelimitationItem"],
    ] as const
  ) {
    const entry = lookupTag(tag);
    assert.equal(entry?.keyword, keyword);
    assert.deepEqual(entry?.vrs, []);
  }
});

Deno.test("lookupTag resolves repeating groups to the asked tag", () => {
  const overlay = lookupTag(0x60023000);
  assert.equal(overlay?.keyword, "OverlayData");
  assert.equal(overlay?.tag, 0x60023000);
  assert.equal(overlay?.pattern, "(60xx,3000)");
  assert.deepEqual(overlay?.vrs, ["OB", "OW"]);
  assert.equal(lookupTag(0x601e0010)?.keyword, "OverlayRows");
  assert.equal(lookupTag(0x50103000)?.keyword, "CurveData");
  assert.equal(lookupTag(0x50103000)?.retired, true);
  assert.equal(lookupTag(0x7f200010)?.keyword, "VariablePixelData");
  assert.equal(lookupTag(0x00203105)?.keyword, "SourceImageIDs");
  assert.equal(lookupTag(0x00280410)?.keyword, "RowsForNthOrderCoefficients");
  assert.equal(lookupTag(0x00280400)?.keyword, "TransformLabel"); // exact tag wins over (0028,04x0)
  assert.equal(lookupTag(0x10001233)?.keyword, "HuffmanTableTriplet");
  assert.equal(lookupTag(0x1010abcd)?.keyword, "ZonalMap");
  assert.equal(lookupTag(0x7fe00010)?.keyword, "PixelData"); // not VariablePixelData
});

Deno.test("lookupTag does not match repeating groups in odd (private) groups", () => {
  assert.equal(lookupTag(0x60013000), undefined);
  assert.equal(lookupTag(0x50013000), undefined);
  assert.equal(lookupTag(0x7fe11010), undefined);
});

Deno.test("lookupTag finds command elements of group 0000", () => {
  assert.deepEqual(lookupTag(0x00000100), {
    tag: 0x00000100,
    keyword: "CommandField",
    name: "Command Field",
    vrs: ["US"],
    vm: "1",
    retired: false,
  });
  assert.equal(lookupTag(0x00000000)?.keyword, "CommandGroupLength");
  assert.equal(lookupTag(0x00000000)?.retired, false);
  assert.equal(lookupTag(0x00001020)?.name, "Number of Remaining Sub-operations");
  const retired = lookupTag(0x00000001);
  assert.equal(retired?.keyword, "CommandLengthToEnd");
  assert.equal(retired?.retired, true);
  assert.equal(lookupTag(0x000051b0)?.keyword, "Overlays");
});

Deno.test("lookupTag gives any group length a UL entry", () => {
  const generic = lookupTag(0x00080000);
  assert.equal(generic?.keyword, "GenericGroupLength");
  assert.deepEqual(generic?.vrs, ["UL"]);
  assert.equal(generic?.tag, 0x00080000);
  assert.equal(generic?.retired, true);
  assert.equal(lookupTag(0x00090000)?.keyword, "PrivateGroupLength");
  assert.equal(lookupTag(0x60000000)?.keyword, "GenericGroupLength");
});

Deno.test("lookupTag gives private creators LO and leaves private elements to lookupPrivateTag", () => {
  const creator = lookupTag(0x00290010);
  assert.equal(creator?.keyword, "PrivateCreator");
  assert.deepEqual(creator?.vrs, ["LO"]);
  assert.equal(creator?.tag, 0x00290010);
  assert.equal(lookupTag(0x002900ff)?.keyword, "PrivateCreator");
  assert.equal(lookupTag(0x00291008), undefined);
  assert.equal(lookupTag(0x00290001), undefined);
});

Deno.test("lookupTag returns undefined for unknown public tags", () => {
  assert.equal(lookupTag(0x00080001 + 0xfffe), undefined);
  assert.equal(lookupTag(0x7ffe0001), undefined);
});

Deno.test("lookupPrivateTag resolves a private block by creator", () => {
  const entry = lookupPrivateTag(0x00291008, "SIEMENS CSA HEADER");
  assert.deepEqual(entry, {
    tag: 0x00291008,
    keyword: "CSAImageHeaderType",
    name: "CSA Image Header Type",
    vrs: ["CS"],
    vm: "1",
    retired: false,
    privateCreator: "SIEMENS CSA HEADER",
  });
  // The same offset in another block reserved by the same creator.
  assert.equal(lookupPrivateTag(0x00291108, "SIEMENS CSA HEADER")?.keyword, "CSAImageHeaderType");
  assert.equal(lookupPrivateTag(0x00291108, "SIEMENS CSA HEADER")?.tag, 0x00291108);
  // LO padding of the creator value is ignored.
  assert.equal(lookupPrivateTag(0x00291010, "SIEMENS CSA HEADER ")?.keyword, "CSAImageHeaderInfo");
  assert.equal(lookupPrivateTag(0x00291010, "SIEMENS CSA HEADER\0")?.keyword, "CSAImageHeaderInfo");
});

Deno.test("lookupPrivateTag honours block-specific DCMTK entries", () => {
  assert.equal(lookupPrivateTag(0x00191000, "PHILIPS MR/PART")?.keyword, "FieldOfView");
  assert.equal(lookupPrivateTag(0x00191100, "PHILIPS MR/PART")?.keyword, "NumberOfStacks");
  assert.equal(lookupPrivateTag(0x00191300, "PHILIPS MR/PART"), undefined);
});

Deno.test("lookupPrivateTag resolves group ranges in odd groups only", () => {
  assert.equal(lookupPrivateTag(0x60031010, "PAPYRUS 3.0")?.keyword, "OverlayRows");
  assert.equal(lookupPrivateTag(0x60ff10c0, "PAPYRUS 3.0")?.vrs[0], "SQ");
  assert.equal(lookupPrivateTag(0x61011010, "PAPYRUS 3.0"), undefined);
});

Deno.test("lookupPrivateTag maps DCMTK's ox and px pseudo VRs to OB or OW", () => {
  assert.deepEqual(lookupPrivateTag(0x7fe11010, "SPI-P Release 1")?.vrs, ["OB", "OW"]);
  assert.deepEqual(lookupPrivateTag(0x7fe11060, "GEMS_Ultrasound_MovieGroup_001")?.vrs, [
    "OB",
    "OW",
  ]);
});

Deno.test("lookupPrivateTag returns undefined for unknown creators and public tags", () => {
  assert.equal(lookupPrivateTag(0x00291008, "NOBODY"), undefined);
  assert.equal(lookupPrivateTag(0x00291008, "siemens csa header"), undefined);
  assert.equal(lookupPrivateTag(0x00100010, "SIEMENS CSA HEADER"), undefined);
  assert.equal(lookupPrivateTag(0x00290010, "SIEMENS CSA HEADER")?.keyword, "PrivateCreator");
});

Deno.test("lookupPrivateTag finds every private dictionary row", () => {
  for (const [creator, firstGroup, lastGroup, element, , keyword] of privateDictionaryRows()) {
    const elementInBlock = element > 0xff ? element : 0x1000 | element;
    for (const group of new Set([firstGroup, lastGroup])) {
      // DCMTK lists a few elements in groups 0003 and 0005, which PS3.5 7.8.1 forbids.
      if (group < 0x0009) {
        assert.equal(lookupPrivateTag(group * 0x10000 + elementInBlock, creator), undefined);
        continue;
      }
      const tag = group * 0x10000 + elementInBlock;
      const entry = lookupPrivateTag(tag, creator);
      assert.equal(entry?.keyword, keyword, `${creator} ${tag.toString(16)}`);
      assert.equal(entry?.privateCreator, creator);
      assert.ok(entry.vrs.length > 0 && entry.vrs.every(isVr));
    }
  }
});

Deno.test("lookupKeyword and tagFromKeyword find public, command and repeating-group keywords", () => {
  assert.equal(tagFromKeyword("PatientName"), 0x00100010);
  assert.equal(tagFromKeyword("CommandField"), 0x00000100);
  assert.equal(tagFromKeyword("OverlayData"), 0x60003000);
  assert.equal(lookupKeyword("OverlayData")?.pattern, "(60xx,3000)");
  assert.equal(tagFromKeyword("SourceImageIDs"), 0x00203100);
  assert.equal(tagFromKeyword("ZonalMap"), 0x10100000);
  assert.equal(lookupKeyword("RecognitionCode")?.retired, true);
  assert.equal(tagFromKeyword(""), undefined);
  assert.equal(tagFromKeyword("PrivateCreator"), undefined);
  assert.equal(tagFromKeyword("patientname"), undefined);
  assert.equal(lookupKeyword("NoSuchKeyword"), undefined);
});

Deno.test("every dictionary entry round-trips through its keyword and tag", () => {
  let named = 0;
  for (const row of dictionaryRows()) {
    const [tag, keyword] = row;
    const entry = lookupTag(tag);
    assert.equal(entry?.tag, tag);
    assert.equal(entry?.keyword, keyword);
    assert.ok(entry.vrs.every(isVr), keyword);
    if (keyword === "") continue;
    named++;
    assert.equal(lookupKeyword(keyword), entry);
    assert.equal(tagFromKeyword(keyword), tag);
  }
  assert.ok(named > 5000);
  const exact = new Set(dictionaryRows().map((r) => r[0]));
  for (const [pattern, keyword] of repeatingDictionaryRows()) {
    const entry = lookupKeyword(keyword);
    assert.equal(entry?.pattern, pattern);
    assert.ok(entry.vrs.length > 0 && entry.vrs.every(isVr), keyword);
    assert.equal(
      tagFromKeyword(keyword),
      parseInt(pattern.replace(/[(),]/g, "").replace(/x/g, "0"), 16),
    );
    // A member of the repeating group that has no exact entry of its own.
    const sample = parseInt(
      pattern.replace(/[(),]/g, "").replace(/x/g, (_, i: number) => (i === 3 ? "2" : "1")),
      16,
    );
    if (exact.has(sample)) continue;
    assert.equal(lookupTag(sample)?.keyword, keyword, pattern);
    assert.equal(lookupTag(sample)?.tag, sample);
  }
});

Deno.test("the dictionary holds every element of attributes.json and commands.json", () => {
  const attributes = JSON.parse(readStandard(INPUT_FILES.attributes)) as unknown[];
  const commands = JSON.parse(readStandard(INPUT_FILES.commands)) as unknown[];
  assert.equal(
    dictionaryRows().length + repeatingDictionaryRows().length,
    attributes.length + commands.length,
  );
});

Deno.test("lookupTag returns the asked tag or nothing for any tag", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 0xffffffff }), (tag) => {
      const entry = lookupTag(tag);
      if (entry !== undefined) assert.equal(entry.tag, tag);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("nameFromKeyword splits words and acronyms", () => {
  assert.equal(nameFromKeyword("AffectedSOPClassUID"), "Affected SOP Class UID");
  assert.equal(nameFromKeyword("MessageIDBeingRespondedTo"), "Message ID Being Responded To");
  assert.equal(nameFromKeyword("NumberOfMatches"), "Number of Matches");
});

Deno.test("the committed generated files match the generator (gen_dictionary --check is clean)", () => {
  const files = renderGeneratedFiles({
    attributes: readStandard(INPUT_FILES.attributes),
    commands: readStandard(INPUT_FILES.commands),
    uids: readStandard(INPUT_FILES.uids),
    privateDictionary: readStandard(INPUT_FILES.privateDictionary),
  });
  assert.equal(Object.keys(files).length, 3);
  for (const [path, content] of Object.entries(files)) {
    const committed = readFileSync(new URL(path, ROOT), "utf8");
    assert.ok(committed === content, `${path} is out of date: run deno task gen`);
    assert.match(
      content,
      /^\/\/ Generated by tools\/gen_dictionary\.ts from \.\.\/shared\/standard\/.*; do not edit\.\n/,
    );
  }
});
