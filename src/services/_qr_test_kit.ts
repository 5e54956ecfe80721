/**
 * Internal, for tests: an SCU and an SCP connected over the in-memory transport, and small
 * synthetic instances for Query/Retrieve tests.
 * @module
 */
import { DataSet } from "../core/dataset.ts";
import { acceptAssociation, type AcceptOptions } from "../net/association/accept_association.ts";
import type { Association } from "../net/association/association.ts";
import {
  requestAssociation,
  type RequestAssociationOptions,
} from "../net/association/request_association.ts";
import { createMemoryPair } from "../net/transport/memory.ts";
import { encodeDataSet, EXPLICIT_VR_LE, IMPLICIT_VR_LE } from "./_dataset_bytes.ts";
import type { EncodedInstance } from "./encoded_instance.ts";

/** Transfer syntaxes test acceptors accept. */
export const TEST_SYNTAXES: readonly string[] = [EXPLICIT_VR_LE, IMPLICIT_VR_LE];

/** Connects a requestor and an acceptor over an in-memory pair. */
export async function connectPair(
  scp: Omit<AcceptOptions, "aeTitle"> & { aeTitle?: string },
  scu: Omit<RequestAssociationOptions, "callingAeTitle" | "calledAeTitle" | "transport"> & {
    callingAeTitle?: string;
  },
): Promise<{ scu: Association; scp: Association }> {
  const [a, b] = createMemoryPair();
  const accepted = acceptAssociation(b, { aeTitle: "QRSCP", ...scp });
  const requestor = await requestAssociation({
    callingAeTitle: "QRSCU",
    calledAeTitle: scp.aeTitle ?? "QRSCP",
    transport: a,
    ...scu,
  });
  const result = await accepted;
  if (!result.accepted) throw new Error("not accepted");
  return { scu: requestor, scp: result.association };
}

/** A synthetic MR instance: patient, study, series, instance number, a little pixel data. */
export function testInstance(
  patient: number,
  study: number,
  series: number,
  instance: number,
): { dataSet: DataSet; encoded: EncodedInstance } {
  const ds = new DataSet();
  const sopInstanceUid = `1.2.826.0.1.3680043.9.7.${patient}.${study}.${series}.${instance}`;
  ds.set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.4");
  ds.set("SOPInstanceUID", sopInstanceUid);
  ds.set("StudyDate", `2024010${study}`);
  ds.set("Modality", "MR");
  ds.set("PatientName", `Patient^${patient}`);
  ds.set("PatientID", `P${patient}`);
  ds.set("StudyInstanceUID", `1.2.826.0.1.3680043.9.7.${patient}.${study}`);
  ds.set("SeriesInstanceUID", `1.2.826.0.1.3680043.9.7.${patient}.${study}.${series}`);
  ds.set("StudyID", `S${study}`);
  ds.set("SeriesNumber", String(series));
  ds.set("InstanceNumber", String(instance));
  ds.set("Rows", 2);
  ds.set("Columns", 2);
  ds.set("PixelData", new Uint8Array([1, 2, 3, instance & 0xff, 5, 6, 7, 8]), "OW");
  return {
    dataSet: ds,
    encoded: {
      sopClassUid: "1.2.840.10008.5.1.4.1.1.4",
      sopInstanceUid,
      transferSyntaxUid: EXPLICIT_VR_LE,
      dataSet: encodeDataSet(ds, EXPLICIT_VR_LE),
    },
  };
}

/** A small archive: 2 patients, 3 studies, 4 series, 8 instances. */
export function testArchive(): { dataSet: DataSet; encoded: EncodedInstance }[] {
  return [
    testInstance(1, 1, 1, 1),
    testInstance(1, 1, 1, 2),
    testInstance(1, 1, 2, 1),
    testInstance(1, 2, 1, 1),
    testInstance(1, 2, 1, 2),
    testInstance(2, 3, 1, 1),
    testInstance(2, 3, 1, 2),
    testInstance(2, 3, 1, 3),
  ];
}
