/**
 * dicomsim's DICOM services (PS3.4, PS3.7): verification, storage, query/retrieve (C-FIND,
 * C-MOVE, C-GET, C-CANCEL) as SCU and SCP building blocks, and the DIMSE-N services.
 *
 * @example
 * ```ts
 * import { echo } from "./services.ts";
 * const { statuses } = await echo({
 *   host: "127.0.0.1", port: 11112, callingAeTitle: "DICOMSIM", calledAeTitle: "STORESCP",
 * });
 * ```
 * @module
 */
export * from "./src/services/encoded_instance.ts";
export * from "./src/services/find_scp.ts";
export * from "./src/services/find_scu.ts";
export * from "./src/services/get_output_fs.ts";
export * from "./src/services/get_scp.ts";
export * from "./src/services/get_scu.ts";
export * from "./src/services/identifier.ts";
export * from "./src/services/instance_store_fs.ts";
export * from "./src/services/move_scp.ts";
export * from "./src/services/move_scu.ts";
export * from "./src/services/n_services.ts";
export * from "./src/services/no_context_error.ts";
export * from "./src/services/query_match.ts";
export * from "./src/services/query_models.ts";
export * from "./src/services/scp_request.ts";
export * from "./src/services/status_error.ts";
export * from "./src/services/storage_contexts.ts";
export * from "./src/services/storage_scp.ts";
export * from "./src/services/storage_scu.ts";
export * from "./src/services/suboperations.ts";
export * from "./src/services/verification.ts";

// Types the API above refers to (for documentation).
export type * from "./net.ts";
