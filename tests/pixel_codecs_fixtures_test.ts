/**
 * Every compressed fixture in ../shared/fixtures except JPEG 2000 and HTJ2K (see
 * pixel_codecs_j2k_fixtures_test.ts) decodes to what pydicom 2.3.1 (GDCM, Pillow, RLE handlers)
 * or `gdcmconv --raw` decode: lossless exactly, lossy within a small tolerance. Files that are
 * not images (UN_sequence.dcm has no Rows) are skipped; the expected typed failures are listed
 * in tests/_codec_reference.ts.
 * @module
 */
import { runCodecFixtureTests } from "./_codec_reference.ts";

runCodecFixtureTests("JPEG, JPEG-LS, RLE and deflated", (uid) => !/\.4\.(9\d|20\d)$/.test(uid));
