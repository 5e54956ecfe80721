import assert from "node:assert/strict";
import fc from "fast-check";
import {
  formatPersonName,
  formatPersonNameGroup,
  parsePersonName,
  parsePersonNameGroup,
  personNameFromJson,
  type PersonNameGroup,
  personNameToJson,
} from "./person_name.ts";

Deno.test("parsePersonNameGroup reads the PS3.5 6.2.1.1 examples", () => {
  assert.deepEqual(parsePersonNameGroup("Adams^John Robert Quincy^^Rev.^B.A. M.Div."), {
    familyName: "Adams",
    givenName: "John Robert Quincy",
    middleName: "",
    namePrefix: "Rev.",
    nameSuffix: "B.A. M.Div.",
  });
  assert.deepEqual(parsePersonNameGroup("Morrison-Jones^Susan^^^Ph.D., Chief Executive Officer"), {
    familyName: "Morrison-Jones",
    givenName: "Susan",
    middleName: "",
    namePrefix: "",
    nameSuffix: "Ph.D., Chief Executive Officer",
  });
  assert.deepEqual(parsePersonNameGroup("Doe^John"), {
    familyName: "Doe",
    givenName: "John",
    middleName: "",
    namePrefix: "",
    nameSuffix: "",
  });
  assert.equal(parsePersonNameGroup("Smith^Fluffy").givenName, "Fluffy");
  assert.equal(parsePersonNameGroup("ABC Farms^Running on Water").familyName, "ABC Farms");
});

Deno.test("parsePersonName reads the PS3.5 6.2.1.2 examples and those of Annexes H, I and K", () => {
  assert.deepEqual(parsePersonName("Yamada^Tarou=山田^太郎=やまだ^たろう"), {
    alphabetic: "Yamada^Tarou",
    ideographic: "山田^太郎",
    phonetic: "やまだ^たろう",
  });
  assert.deepEqual(parsePersonName("Hong^Gildong=洪^吉洞=홍^길동"), {
    alphabetic: "Hong^Gildong",
    ideographic: "洪^吉洞",
    phonetic: "홍^길동",
  });
  assert.deepEqual(parsePersonName("=山田^太郎"), {
    alphabetic: "",
    ideographic: "山田^太郎",
    phonetic: "",
  });
  // PS3.5 Annex K (Chinese): an empty phonetic group after a trailing "=".
  assert.deepEqual(parsePersonName("Wang^XiaoDong=王^小東="), {
    alphabetic: "Wang^XiaoDong",
    ideographic: "王^小東",
    phonetic: "",
  });
  assert.deepEqual(parsePersonName("Wang^XiaoDong==王^小东"), {
    alphabetic: "Wang^XiaoDong",
    ideographic: "",
    phonetic: "王^小东",
  });
  assert.deepEqual(parsePersonName(""), { alphabetic: "", ideographic: "", phonetic: "" });
});

Deno.test("parsePersonName keeps extra groups and components in the last one", () => {
  assert.equal(parsePersonName("a=b=c=d").phonetic, "c=d");
  assert.equal(parsePersonNameGroup("a^b^c^d^e^f").nameSuffix, "e^f");
  assert.equal(formatPersonName(parsePersonName("a=b=c=d")), "a=b=c=d");
  assert.equal(formatPersonNameGroup(parsePersonNameGroup("a^b^c^d^e^f")), "a^b^c^d^e^f");
});

Deno.test("formatPersonName and formatPersonNameGroup drop trailing empty parts only", () => {
  assert.equal(
    formatPersonName({ alphabetic: "Doe^John", ideographic: "", phonetic: "" }),
    "Doe^John",
  );
  assert.equal(formatPersonName({ alphabetic: "", ideographic: "山田", phonetic: "" }), "=山田");
  assert.equal(formatPersonName({ alphabetic: "A", ideographic: "", phonetic: "C" }), "A==C");
  assert.equal(formatPersonName({ alphabetic: "", ideographic: "", phonetic: "" }), "");
  const empty = { familyName: "", givenName: "", middleName: "", namePrefix: "", nameSuffix: "" };
  assert.equal(formatPersonNameGroup(empty), "");
  assert.equal(
    formatPersonNameGroup({ ...empty, familyName: "Doe", givenName: "John" }),
    "Doe^John",
  );
  assert.equal(formatPersonNameGroup({ ...empty, namePrefix: "Dr." }), "^^^Dr.");
  assert.equal(
    formatPersonNameGroup(parsePersonNameGroup("Adams^John Robert Quincy^^Rev.^B.A. M.Div.")),
    "Adams^John Robert Quincy^^Rev.^B.A. M.Div.",
  );
});

Deno.test("personNameToJson and personNameFromJson follow PS3.18 F.2.2", () => {
  assert.deepEqual(personNameToJson("Yamada^Tarou=山田^太郎=やまだ^たろう"), {
    Alphabetic: "Yamada^Tarou",
    Ideographic: "山田^太郎",
    Phonetic: "やまだ^たろう",
  });
  assert.deepEqual(personNameToJson("Doe^John"), { Alphabetic: "Doe^John" });
  assert.deepEqual(personNameToJson("==やまだ"), { Phonetic: "やまだ" });
  assert.deepEqual(personNameToJson(""), {});
  assert.equal(
    personNameFromJson({ Alphabetic: "Doe^John", Phonetic: "doe^jon" }),
    "Doe^John==doe^jon",
  );
  assert.equal(personNameFromJson({ Ideographic: "山田^太郎" }), "=山田^太郎");
  assert.equal(personNameFromJson({}), "");
  assert.equal(personNameFromJson({ Alphabetic: 42 } as never), "");
});

// A component: text without the delimiters; a group: components without "=".
const component = fc.string({
  unit: fc.constantFrom("a", "Z", " ", ".", "-", "山", "や"),
  maxLength: 6,
});
const group = fc.record<PersonNameGroup>({
  familyName: component,
  givenName: component,
  middleName: component,
  namePrefix: component,
  nameSuffix: component,
}).map((g) => ({ ...g })); // a plain object, not fast-check's null-prototype record

Deno.test("formatPersonNameGroup then parsePersonNameGroup is the identity", () => {
  fc.assert(fc.property(group, (g) => {
    assert.deepEqual(parsePersonNameGroup(formatPersonNameGroup(g)), g);
  }));
});

Deno.test("formatPersonName then parsePersonName is the identity", () => {
  const raw = group.map(formatPersonNameGroup);
  fc.assert(fc.property(raw, raw, raw, (alphabetic, ideographic, phonetic) => {
    const pn = { alphabetic, ideographic, phonetic };
    const text = formatPersonName(pn);
    assert.deepEqual(parsePersonName(text), pn);
    assert.equal(personNameFromJson(personNameToJson(text)), text);
  }));
});

Deno.test("parsePersonName never throws and formatPersonName restores the text", () => {
  fc.assert(fc.property(fc.string(), (text) => {
    const pn = parsePersonName(text);
    // Only trailing empty groups (trailing "=") may be dropped.
    assert.equal(formatPersonName(pn), text.replace(/=+$/, ""));
    const g = parsePersonNameGroup(text);
    assert.equal(formatPersonNameGroup(g), text.replace(/\^+$/, ""));
  }));
});
