/**
 * dicomsim's own identity as written into file meta information and (later) association requests.
 * @module
 */

/** Implementation Class UID of dicomsim (a UUID-derived UID under 2.25, PS3.5 B.2). */
export const IMPLEMENTATION_CLASS_UID = "2.25.337842119298930406531965659750799738019";

/** Implementation Version Name of dicomsim (at most 16 characters). */
export const IMPLEMENTATION_VERSION_NAME = "DICOMSIM_010";
