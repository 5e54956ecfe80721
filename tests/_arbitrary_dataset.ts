/**
 * fast-check arbitraries for random data sets covering every VR and nested sequences.
 * @module
 */
import fc from "fast-check";
import { DataSet } from "../src/core/dataset.ts";
import { DataElement } from "../src/core/element.ts";
import { makeTag } from "../src/core/tag.ts";
import { dictionaryRows } from "../src/core/_generated/dictionary_data.ts";
import { isVr, type Vr, VR_INFO } from "../src/core/vr.ts";

const ASCII = fc.string({
  unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.".split("")),
  maxLength: 12,
})
  .map((s) => s.trim());

function textValues(vr: Vr): fc.Arbitrary<string[]> {
  switch (vr) {
    case "UI":
      return fc.array(
        fc.array(fc.integer({ min: 0, max: 99999 }), { minLength: 2, maxLength: 6 }).map((p) =>
          p.join(".")
        ),
        { minLength: 1, maxLength: 3 },
      );
    case "DA":
      return fc.array(fc.constantFrom("20240131", "19991231", "20000229"), {
        minLength: 1,
        maxLength: 2,
      });
    case "IS":
      return fc.array(fc.integer({ min: -99999, max: 99999 }).map(String), {
        minLength: 1,
        maxLength: 4,
      });
    case "DS":
      return fc.array(fc.constantFrom("1.5", "-0.25", "100", "1e-05"), {
        minLength: 1,
        maxLength: 4,
      });
    case "LT":
    case "ST":
    case "UT":
    case "UR":
      return ASCII.map((s) => [s]);
    default:
      return fc.array(ASCII, { minLength: 1, maxLength: 3 });
  }
}

const TEXT_VRS: Vr[] = [
  "AE",
  "AS",
  "CS",
  "DA",
  "DS",
  "DT",
  "IS",
  "LO",
  "LT",
  "PN",
  "SH",
  "ST",
  "TM",
  "UC",
  "UI",
  "UR",
  "UT",
];
const NUMBER_VRS: Vr[] = ["US", "SS", "UL", "SL", "FL", "FD", "AT"];
const BIG_VRS: Vr[] = ["SV", "UV"];
const BYTES_VRS: Vr[] = ["OB", "OW", "OF", "OD", "OL", "OV", "UN"];

function numberValue(vr: Vr): fc.Arbitrary<number> {
  switch (vr) {
    case "US":
      return fc.integer({ min: 0, max: 0xffff });
    case "SS":
      return fc.integer({ min: -0x8000, max: 0x7fff });
    case "UL":
    case "AT":
      return fc.integer({ min: 0, max: 0xffffffff });
    case "SL":
      return fc.integer({ min: -0x80000000, max: 0x7fffffff });
    case "FL":
      return fc.float({ noNaN: true }).map(Math.fround);
    default:
      return fc.double({ noNaN: true });
  }
}

/** One element of a random non-sequence VR at a private tag in group 0x0009 (VR kept explicit). */
function leafElement(tag: number): fc.Arbitrary<DataElement> {
  return fc.oneof(
    fc.constantFrom(...TEXT_VRS).chain((vr) =>
      textValues(vr).map((v) => DataElement.fromStrings(tag, vr, v))
    ),
    fc.constantFrom(...NUMBER_VRS).chain((vr) =>
      fc.array(numberValue(vr), { minLength: 1, maxLength: 4 }).map((v) =>
        DataElement.fromNumbers(tag, vr, v)
      )
    ),
    fc.constantFrom(...BIG_VRS).chain((vr) =>
      fc.array(
        fc.bigInt({
          min: vr === "SV" ? -(2n ** 63n) : 0n,
          max: vr === "SV" ? 2n ** 63n - 1n : 2n ** 64n - 1n,
        }),
        { minLength: 1, maxLength: 2 },
      ).map((v) => DataElement.fromNumbers(tag, vr, v))
    ),
    fc.constantFrom(...BYTES_VRS).chain((vr) =>
      fc.uint8Array({ maxLength: 32 }).map((b) => {
        const unit = vr === "OB" || vr === "UN"
          ? 2
          : vr === "OW"
          ? 2
          : vr === "OF" || vr === "OL"
          ? 4
          : 8;
        return DataElement.fromBytes(tag, vr, b.subarray(0, b.length - (b.length % unit)), true);
      })
    ),
  );
}

/**
 * A random data set: up to `width` elements with distinct tags in group 0x0011 (explicit VR keeps
 * their VRs), sequences nested up to `depth` levels.
 */
export function arbitraryDataSet(depth = 2, width = 6): fc.Arbitrary<DataSet> {
  const tags = fc.uniqueArray(fc.integer({ min: 0x1000, max: 0x10ff }), {
    minLength: 0,
    maxLength: width,
  });
  return tags.chain((elements) =>
    fc.tuple(...elements.map((el) => {
      const tag = makeTag(0x0011, el);
      if (depth > 0 && el % 5 === 0) {
        return fc.tuple(fc.array(arbitraryDataSet(depth - 1, 3), { maxLength: 2 }), fc.boolean())
          .map(([items, undefinedLength]) => {
            const e = DataElement.fromItems(tag, items);
            e.undefinedLength = undefinedLength;
            return e;
          });
      }
      return leafElement(tag);
    })).map((list) => new DataSet(list as DataElement[]))
  );
}

/** Public dictionary tags of one VR each (no groups 0000/0002, no pixel data), by VR kind. */
function publicTags(): { tag: number; vr: Vr }[] {
  const out: { tag: number; vr: Vr }[] = [];
  for (const [tag, , , vrText, , retired] of dictionaryRows()) {
    const group = Math.floor(tag / 0x10000);
    if (retired || group <= 0x0002 || group >= 0x7fe0 || !isVr(vrText)) continue;
    if (vrText === "SQ") continue;
    out.push({ tag, vr: vrText });
  }
  return out;
}

let cachedPublicTags: { tag: number; vr: Vr }[] | undefined;

/**
 * A random data set of public dictionary elements (so implicit VR keeps their VRs) with
 * sequences of public SQ tags nested up to `depth` levels.
 */
export function arbitraryPublicDataSet(depth = 2, width = 8): fc.Arbitrary<DataSet> {
  const tags = cachedPublicTags ??= publicTags();
  const sequenceTags = [0x00081140, 0x00400275, 0x0040a730, 0x00082112];
  const leaf = fc.constantFrom(...tags).chain(({ tag, vr }) => leafElementOf(tag, vr));
  const sequence = depth > 0
    ? fc.tuple(
      fc.constantFrom(...sequenceTags),
      fc.array(arbitraryPublicDataSet(depth - 1, 4), { maxLength: 2 }),
      fc.boolean(),
    )
      .map(([tag, items, undefinedLength]) => {
        const e = DataElement.fromItems(tag, items);
        e.undefinedLength = undefinedLength;
        return e;
      })
    : leaf;
  return fc.array(fc.oneof({ weight: 5, arbitrary: leaf }, { weight: 1, arbitrary: sequence }), {
    maxLength: width,
  })
    .map((elements) => {
      const ds = new DataSet();
      for (const e of elements) if (!ds.has(e.tag)) ds.add(e);
      return ds;
    });
}

function leafElementOf(tag: number, vr: Vr): fc.Arbitrary<DataElement> {
  const kind = VR_INFO[vr].kind;
  if (kind === "text") {
    return textValues(vr).map((v) =>
      DataElement.fromStrings(tag, vr, VR_INFO[vr].multiValued ? v : v.slice(0, 1))
    );
  }
  if (vr === "SV" || vr === "UV") {
    return fc.array(
      fc.bigInt({
        min: vr === "SV" ? -(2n ** 63n) : 0n,
        max: vr === "SV" ? 2n ** 63n - 1n : 2n ** 64n - 1n,
      }),
      { minLength: 1, maxLength: 2 },
    )
      .map((v) => DataElement.fromNumbers(tag, vr, v));
  }
  if (kind === "number" || kind === "tag") {
    return fc.array(numberValue(vr), { minLength: 1, maxLength: 3 }).map((v) =>
      DataElement.fromNumbers(tag, vr, v)
    );
  }
  const unit = vr === "OB" || vr === "UN"
    ? 2
    : vr === "OW"
    ? 2
    : vr === "OF" || vr === "OL"
    ? 4
    : 8;
  return fc.uint8Array({ maxLength: 24 }).map((b) =>
    DataElement.fromBytes(tag, vr, b.subarray(0, b.length - (b.length % unit)), true)
  );
}
