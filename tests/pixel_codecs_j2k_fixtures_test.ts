/**
 * Every JPEG 2000 and HTJ2K fixture in ../shared/fixtures decodes to what pydicom 2.3.1 (GDCM
 * handler; Pillow's OpenJPEG for HTJ2K) or `gdcmconv --raw` decode: lossless exactly, lossy
 * within a small tolerance.
 * @module
 */
import { runCodecFixtureTests } from "./_codec_reference.ts";

runCodecFixtureTests("JPEG 2000 and HTJ2K", (uid) => /\.4\.(9\d|20\d)$/.test(uid));
