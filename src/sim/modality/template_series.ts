/**
 * Template mode: re-identifies real DICOM instances with fresh UIDs for each run, like DCMTK
 * `storescu +II +IS +IP` (invent instance, series and study UIDs), so one template series can be
 * sent again and again in a load test without duplicates.
 *
 * Every UI value (at any sequence depth) that is one of the set's instance UIDs (Study, Series,
 * SOP Instance, Frame of Reference) is replaced by a UID derived from the old UID, the seed and
 * the run: the same old UID always maps to the same new one, so all slices of a series share
 * their new Series Instance UID and references to instances inside the set stay consistent.
 * Nothing else changes: other elements keep their bytes (pixel data is not copied).
 * @module
 */
import { DataSet } from "../../core/dataset.ts";
import { readDicom } from "../../codec/read_file.ts";
import { writeDicom } from "../../codec/write_file.ts";
import { hashSeed } from "./rng.ts";
import { UidGenerator } from "./uid_generator.ts";

const EXPLICIT_LE = "1.2.840.10008.1.2.1";
const MEDIA_STORAGE_SOP_INSTANCE_UID = 0x00020003;

/** Top-level attributes whose UIDs belong to the set and are re-identified (PS3.3 C.7, C.12.1). */
const INSTANCE_UID_KEYWORDS = [
  "StudyInstanceUID",
  "SeriesInstanceUID",
  "SOPInstanceUID",
  "FrameOfReferenceUID",
] as const;

/** Options of {@link reidentifyInstance} and {@link templateSeries}. */
export interface TemplateOptions {
  /** UID root of the new UIDs. Default {@link DEFAULT_UID_ROOT}. */
  readonly uidRoot?: string;
  /** Seed. Default 0. */
  readonly seed?: string | number;
  /** Run number: each run gives different UIDs. Default 0. */
  readonly run?: number;
  /** New (0010,0010) Patient's Name. Default: unchanged. */
  readonly patientName?: string;
  /** New (0010,0020) Patient ID. Default: unchanged. */
  readonly patientId?: string;
  /**
   * The UIDs to replace wherever they occur (e.g. every instance UID of a series, so references
   * between its instances are remapped). Default: the instance's own Study, Series, SOP
   * Instance and Frame of Reference UIDs.
   */
  readonly uids?: ReadonlySet<string>;
  /** Transfer syntax of a data set given without a file. Default Explicit VR Little Endian. */
  readonly transferSyntaxUid?: string;
}

/** A re-identified instance. */
export interface ReidentifiedInstance {
  /** The re-identified data set (shares the unchanged element bytes with the input). */
  readonly dataSet: DataSet;
  /** The file meta information of the input, if any (with the new Media Storage SOP Instance UID). */
  readonly meta: DataSet | undefined;
  /** Transfer syntax the data set is in (and is written in). */
  readonly transferSyntaxUid: string;
  /** Old UID to new UID, for the UIDs that were replaced. */
  readonly replaced: ReadonlyMap<string, string>;
  /** The instance as a Part 10 file. */
  file(): Uint8Array;
}

/**
 * The new UID for an old one in a run: `ROOT.SEED.RUN+1.HASH`, HASH a 64-bit hash of the old UID
 * (shortened when the root is long, to stay within 64 characters, PS3.5 9.1).
 * @example
 * ```ts
 * import { templateUid } from "./template_series.ts";
 * templateUid("1.2.3.4", { seed: 1, run: 0 }) === templateUid("1.2.3.4", { seed: 1, run: 0 }); // true
 * ```
 */
export function templateUid(
  oldUid: string,
  options: Pick<TemplateOptions, "uidRoot" | "seed" | "run"> = {},
): string {
  const run = options.run ?? 0;
  if (!Number.isInteger(run) || run < 0) throw new RangeError(`Invalid run: ${run}`);
  const uids = new UidGenerator({ root: options.uidRoot, seed: options.seed ?? 0 });
  const high = hashSeed(oldUid, run, 0x68);
  const low = hashSeed(oldUid, run, 0x6c);
  let hash = ((BigInt(high) << 32n) | BigInt(low)).toString();
  const prefix = `${uids.root}.${uids.seedComponent}.${run + 1}.`;
  const room = 64 - prefix.length;
  if (room < 6) return uids.uid(run + 1, low); // throws UidRootError when even that is too long
  if (hash.length > room) hash = hash.slice(0, room);
  return prefix + String(BigInt(hash)); // BigInt drops a leading zero left by slicing
}

/**
 * The instance UIDs (Study, Series, SOP Instance, Frame of Reference) of a data set.
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { instanceUids } from "./template_series.ts";
 * const ds = new DataSet();
 * ds.set("SOPInstanceUID", "1.2.3");
 * [...instanceUids(ds)]; // ["1.2.3"]
 * ```
 */
export function instanceUids(dataSet: DataSet): Set<string> {
  const out = new Set<string>();
  for (const keyword of INSTANCE_UID_KEYWORDS) {
    const uid = dataSet.getString(keyword);
    if (uid) out.add(uid);
  }
  return out;
}

function remapUids(
  dataSet: DataSet,
  uids: ReadonlySet<string>,
  newUid: (old: string) => string,
  replaced: Map<string, string>,
): void {
  const changes: [number, string[]][] = [];
  for (const element of dataSet.elements()) {
    if (element.vr === "SQ") {
      for (const item of element.items) remapUids(item, uids, newUid, replaced);
    } else if (element.vr === "UI") {
      const values = dataSet.getStrings(element.tag);
      if (!values.some((v) => uids.has(v))) continue;
      changes.push([
        element.tag,
        values.map((v) => {
          if (!uids.has(v)) return v;
          let mapped = replaced.get(v);
          if (mapped === undefined) {
            mapped = newUid(v);
            replaced.set(v, mapped);
          }
          return mapped;
        }),
      ]);
    }
  }
  for (const [tag, values] of changes) dataSet.set(tag, values, "UI");
}

/**
 * Re-identifies one instance (Part 10 bytes or a data set, which is not modified): fresh Study,
 * Series, SOP Instance and Frame of Reference UIDs for the seed and run, references to
 * `options.uids` remapped, optionally a new patient name and ID; everything else untouched.
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { reidentifyInstance } from "./template_series.ts";
 * const ds = new DataSet();
 * ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.7");
 * ds.set("SOPInstanceUID", "1.2.3.4");
 * const out = reidentifyInstance(ds, { seed: 1, run: 2 });
 * out.dataSet.getString("SOPInstanceUID") !== "1.2.3.4"; // true
 * ```
 */
export function reidentifyInstance(
  input: Uint8Array | DataSet,
  options: TemplateOptions = {},
): ReidentifiedInstance {
  return reidentifyParsed(parse(input, options), options);
}

interface Parsed {
  readonly dataSet: DataSet;
  readonly meta: DataSet | undefined;
  readonly transferSyntaxUid: string;
}

function parse(input: Uint8Array | DataSet, options: TemplateOptions): Parsed {
  if (input instanceof DataSet) {
    // A deep copy sharing the element bytes: the caller's data set is not modified.
    const transferSyntaxUid = options.transferSyntaxUid ?? EXPLICIT_LE;
    return { dataSet: input.clone(), meta: undefined, transferSyntaxUid };
  }
  const file = readDicom(input);
  return {
    dataSet: file.dataSet,
    meta: file.meta.size > 0 ? file.meta : undefined,
    transferSyntaxUid: file.transferSyntaxUid,
  };
}

function reidentifyParsed(parsed: Parsed, options: TemplateOptions): ReidentifiedInstance {
  const { dataSet, meta, transferSyntaxUid } = parsed;
  const uids = options.uids ?? instanceUids(dataSet);
  const replaced = new Map<string, string>();
  remapUids(dataSet, uids, (old) => templateUid(old, options), replaced);
  if (options.patientName !== undefined) dataSet.set("PatientName", options.patientName);
  if (options.patientId !== undefined) dataSet.set("PatientID", options.patientId);
  const sopInstanceUid = dataSet.getString("SOPInstanceUID");
  if (meta && sopInstanceUid) meta.set(MEDIA_STORAGE_SOP_INSTANCE_UID, sopInstanceUid, "UI");
  return {
    dataSet,
    meta,
    transferSyntaxUid,
    replaced,
    file: () => writeDicom(dataSet, transferSyntaxUid, { meta }),
  };
}

/**
 * Re-identifies a set of instances (e.g. the files of a series) consistently for a run: one
 * new UID per old Study/Series/SOP Instance/Frame of Reference UID across the set, references
 * between the instances remapped. The same inputs, seed and run give byte-identical files.
 * @example
 * ```ts
 * import { DataSet } from "../../core/dataset.ts";
 * import { templateSeries } from "./template_series.ts";
 * const slice = (n: string) => {
 *   const ds = new DataSet();
 *   ds.set("SeriesInstanceUID", "1.2.9");
 *   ds.set("SOPInstanceUID", n);
 *   return ds;
 * };
 * const [a, b] = templateSeries([slice("1.2.9.1"), slice("1.2.9.2")], { run: 1 });
 * a.dataSet.getString("SeriesInstanceUID") === b.dataSet.getString("SeriesInstanceUID"); // true
 * ```
 */
export function templateSeries(
  files: readonly (Uint8Array | DataSet)[],
  options: TemplateOptions = {},
): ReidentifiedInstance[] {
  const parsed = files.map((f) => parse(f, options));
  const uids = new Set(options.uids ?? []);
  for (const p of parsed) for (const uid of instanceUids(p.dataSet)) uids.add(uid);
  return parsed.map((p) => reidentifyParsed(p, { ...options, uids }));
}
