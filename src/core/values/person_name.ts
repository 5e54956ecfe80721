/**
 * Person Name (PN) values (PS3.5 6.2.1): up to three component groups delimited by `=`, each of
 * up to five components delimited by `^`, and the DICOM JSON object form (PS3.18 F.2.2).
 * @module
 */

/** The five components of one Person Name component group, in their order of occurrence. */
export interface PersonNameGroup {
  /** Family name complex. */
  familyName: string;
  /** Given name complex. */
  givenName: string;
  /** Middle name. */
  middleName: string;
  /** Name prefix (e.g. "Rev."). */
  namePrefix: string;
  /** Name suffix (e.g. "B.A. M.Div."). */
  nameSuffix: string;
}

/** The three component groups of one PN value, each as its raw `^`-delimited string. */
export interface PersonName {
  /** Alphabetic (single-byte) representation. */
  alphabetic: string;
  /** Ideographic representation. */
  ideographic: string;
  /** Phonetic representation. */
  phonetic: string;
}

/** One PN value in DICOM JSON (PS3.18 F.2.2): absent keys for empty component groups. */
export interface PersonNameJson {
  /** Alphabetic component group. */
  Alphabetic?: string;
  /** Ideographic component group. */
  Ideographic?: string;
  /** Phonetic component group. */
  Phonetic?: string;
}

/** Splits `text` on `delimiter` into at most `max` parts; the last part keeps any extra ones. */
function splitAtMost(text: string, delimiter: string, max: number): string[] {
  const parts = text.split(delimiter);
  if (parts.length <= max) return parts;
  return [...parts.slice(0, max - 1), parts.slice(max - 1).join(delimiter)];
}

/** Joins parts with `delimiter` after dropping trailing empty parts (PS3.5 6.2.1). */
function joinDroppingTrailingEmpty(parts: readonly string[], delimiter: string): string {
  let end = parts.length;
  while (end > 0 && parts[end - 1] === "") end--;
  return parts.slice(0, end).join(delimiter);
}

/**
 * Splits one PN value into its three component groups (PS3.5 6.2.1: delimiter `=`; absent
 * groups are empty strings). More than two `=` is not valid; the extra text stays in the phonetic
 * group so nothing is lost.
 * @example
 * ```ts
 * import { parsePersonName } from "./person_name.ts";
 * parsePersonName("Yamada^Tarou=山田^太郎=やまだ^たろう").ideographic; // "山田^太郎"
 * parsePersonName("Doe^John").phonetic; // ""
 * ```
 */
export function parsePersonName(value: string): PersonName {
  const [alphabetic = "", ideographic = "", phonetic = ""] = splitAtMost(value, "=", 3);
  return { alphabetic, ideographic, phonetic };
}

/**
 * Splits one component group into its five components (PS3.5 6.2.1: delimiter `^`; omitted
 * trailing components are empty strings). More than four `^` is not valid; the extra text stays
 * in the name suffix so nothing is lost.
 * @example
 * ```ts
 * import { parsePersonNameGroup } from "./person_name.ts";
 * parsePersonNameGroup("Adams^John Robert Quincy^^Rev.^B.A. M.Div.").namePrefix; // "Rev."
 * ```
 */
export function parsePersonNameGroup(group: string): PersonNameGroup {
  const [familyName = "", givenName = "", middleName = "", namePrefix = "", nameSuffix = ""] =
    splitAtMost(group, "^", 5);
  return { familyName, givenName, middleName, namePrefix, nameSuffix };
}

/**
 * Joins three component groups into one PN value, omitting trailing empty groups and their
 * delimiters (PS3.5 6.2.1: "Trailing null component groups and their delimiters may be omitted").
 * @example
 * ```ts
 * import { formatPersonName } from "./person_name.ts";
 * formatPersonName({ alphabetic: "Doe^John", ideographic: "", phonetic: "" }); // "Doe^John"
 * formatPersonName({ alphabetic: "", ideographic: "山田^太郎", phonetic: "" }); // "=山田^太郎"
 * ```
 */
export function formatPersonName(pn: PersonName): string {
  return joinDroppingTrailingEmpty([pn.alphabetic, pn.ideographic, pn.phonetic], "=");
}

/**
 * Joins five components into one component group, omitting trailing empty components and their
 * delimiters (PS3.5 6.2.1: "Trailing null components and their delimiters may be omitted").
 * @example
 * ```ts
 * import { formatPersonNameGroup } from "./person_name.ts";
 * formatPersonNameGroup({
 *   familyName: "Doe",
 *   givenName: "John",
 *   middleName: "",
 *   namePrefix: "",
 *   nameSuffix: "",
 * }); // "Doe^John"
 * ```
 */
export function formatPersonNameGroup(g: PersonNameGroup): string {
  return joinDroppingTrailingEmpty(
    [g.familyName, g.givenName, g.middleName, g.namePrefix, g.nameSuffix],
    "^",
  );
}

/**
 * The DICOM JSON object of one PN value (PS3.18 F.2.2): one key per non-empty component group.
 * @example
 * ```ts
 * import { personNameToJson } from "./person_name.ts";
 * personNameToJson("Yamada^Tarou=山田^太郎=やまだ^たろう");
 * // { Alphabetic: "Yamada^Tarou", Ideographic: "山田^太郎", Phonetic: "やまだ^たろう" }
 * personNameToJson("=山田^太郎"); // { Ideographic: "山田^太郎" }
 * ```
 */
export function personNameToJson(value: string): PersonNameJson {
  const pn = parsePersonName(value);
  const json: PersonNameJson = {};
  if (pn.alphabetic !== "") json.Alphabetic = pn.alphabetic;
  if (pn.ideographic !== "") json.Ideographic = pn.ideographic;
  if (pn.phonetic !== "") json.Phonetic = pn.phonetic;
  return json;
}

/**
 * The PN value of a DICOM JSON person name object (PS3.18 F.2.2). Missing keys, and keys whose
 * value is not a string, count as empty component groups.
 * @example
 * ```ts
 * import { personNameFromJson } from "./person_name.ts";
 * personNameFromJson({ Alphabetic: "Doe^John", Phonetic: "doe^jon" }); // "Doe^John==doe^jon"
 * ```
 */
export function personNameFromJson(obj: Readonly<PersonNameJson>): string {
  const text = (v: unknown): string => typeof v === "string" ? v : "";
  return formatPersonName({
    alphabetic: text(obj.Alphabetic),
    ideographic: text(obj.Ideographic),
    phonetic: text(obj.Phonetic),
  });
}
