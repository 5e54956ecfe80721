/**
 * Annotated PDU bytes for tests. Most are captured from DCMTK 3.6.7 over loopback (echoscu,
 * storescu and getscu against storescp, through a recording proxy); the User Information item
 * with every sub-item is hand-assembled from PS3.7 Annex D.3.3. Each field is commented with
 * its PS3.8 / PS3.7 byte range (1-based, as in the standard's tables).
 * @module
 */

/** Parses hex with `//` comments and any white space. */
export function hex(text: string): Uint8Array {
  const digits = text.split("\n").map((line) => line.replace(/\/\/.*$/, "")).join("").replace(
    /\s+/g,
    "",
  );
  if (digits.length % 2 !== 0 || /[^0-9a-fA-F]/.test(digits)) {
    throw new SyntaxError(`Bad hex fixture: ${digits.length} digits`);
  }
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** `echoscu -aet ECHOSCU -aec ANY-SCP` (DCMTK 3.6.7): its A-ASSOCIATE-RQ, 211 bytes. */
export const ECHOSCU_ASSOCIATE_RQ: Uint8Array = hex(`
  01                            // PS3.8 Table 9-11, byte 1: PDU-type 01H (A-ASSOCIATE-RQ)
  00                            // byte 2: reserved
  00 00 00 cd                   // bytes 3-6: PDU-length 205 (bytes 7-211)
  00 01                         // bytes 7-8: protocol-version, bit 0 set (version 1)
  00 00                         // bytes 9-10: reserved
  41 4e 59 2d 53 43 50 20       // bytes 11-26: called-AE-title "ANY-SCP", space padded to 16
  20 20 20 20 20 20 20 20
  45 43 48 4f 53 43 55 20       // bytes 27-42: calling-AE-title "ECHOSCU", space padded to 16
  20 20 20 20 20 20 20 20
  00 00 00 00 00 00 00 00       // bytes 43-74: reserved, 32 bytes of 00H
  00 00 00 00 00 00 00 00
  00 00 00 00 00 00 00 00
  00 00 00 00 00 00 00 00
                                // bytes 75-211: variable items
  10 00 00 15                   // Table 9-12: item-type 10H (Application Context), reserved,
                                //   item-length 21
  31 2e 32 2e 38 34 30 2e 31 30 // bytes 5-25: "1.2.840.10008.3.1.1.1" (DICOM application
  30 30 38 2e 33 2e 31 2e 31 2e //   context name, PS3.7 Annex A.2.1)
  31
  20 00 00 2e                   // Table 9-13: item-type 20H (Presentation Context), reserved,
                                //   item-length 46
  01                            // byte 5: presentation-context-ID 1
  00 ff 00                      // bytes 6-8: reserved (DCMTK sends FFH in byte 7; not tested)
  30 00 00 11                   // Table 9-14: item-type 30H (Abstract Syntax), item-length 17
  31 2e 32 2e 38 34 30 2e 31 30 // bytes 5-21: "1.2.840.10008.1.1" (Verification SOP Class)
  30 30 38 2e 31 2e 31
  40 00 00 11                   // Table 9-15: item-type 40H (Transfer Syntax), item-length 17
  31 2e 32 2e 38 34 30 2e 31 30 // bytes 5-21: "1.2.840.10008.1.2" (Implicit VR Little Endian)
  30 30 38 2e 31 2e 32
  50 00 00 3a                   // Table 9-16: item-type 50H (User Information), item-length 58
  51 00 00 04                   // PS3.8 Table D.1-1: item-type 51H (Maximum Length), length 4
  00 00 40 00                   // bytes 5-8: maximum-length-received 16384
  52 00 00 1b                   // PS3.7 Table D.3-1: item-type 52H (Implementation Class UID),
                                //   item-length 27
  31 2e 32 2e 32 37 36 2e 30 2e // bytes 5-31: "1.2.276.0.7230010.3.0.3.6.7"
  37 32 33 30 30 31 30 2e 33 2e
  30 2e 33 2e 36 2e 37
  55 00 00 0f                   // PS3.7 Table D.3-3: item-type 55H (Implementation Version
                                //   Name), item-length 15
  4f 46 46 49 53 5f 44 43 4d 54 // bytes 5-19: "OFFIS_DCMTK_367"
  4b 5f 33 36 37
`);

/** `storescp -aet ANY-SCP` answering `ECHOSCU_ASSOCIATE_RQ`: the A-ASSOCIATE-AC, 190 bytes. */
export const STORESCP_ASSOCIATE_AC: Uint8Array = hex(`
  02                            // PS3.8 Table 9-17, byte 1: PDU-type 02H (A-ASSOCIATE-AC)
  00                            // byte 2: reserved
  00 00 00 b8                   // bytes 3-6: PDU-length 184
  00 01                         // bytes 7-8: protocol-version 1
  00 00                         // bytes 9-10: reserved
  41 4e 59 2d 53 43 50 20       // bytes 11-26: reserved, sent as the called AE title of the RQ
  20 20 20 20 20 20 20 20
  45 43 48 4f 53 43 55 20       // bytes 27-42: reserved, sent as the calling AE title of the RQ
  20 20 20 20 20 20 20 20
  00 00 00 00 00 00 00 00       // bytes 43-74: reserved
  00 00 00 00 00 00 00 00
  00 00 00 00 00 00 00 00
  00 00 00 00 00 00 00 00
  10 00 00 15                   // Table 9-12: Application Context item, length 21
  31 2e 32 2e 38 34 30 2e 31 30 //   "1.2.840.10008.3.1.1.1"
  30 30 38 2e 33 2e 31 2e 31 2e
  31
  21 00 00 19                   // Table 9-18: item-type 21H (Presentation Context AC), length 25
  01                            // byte 5: presentation-context-ID 1
  00                            // byte 6: reserved
  00                            // byte 7: result/reason 0 (acceptance)
  00                            // byte 8: reserved
  40 00 00 11                   // Table 9-19: Transfer Syntax sub-item, length 17
  31 2e 32 2e 38 34 30 2e 31 30 //   "1.2.840.10008.1.2"
  30 30 38 2e 31 2e 32
  50 00 00 3a                   // Table 9-20: User Information item, length 58
  51 00 00 04 00 00 40 00       //   Maximum Length 16384
  52 00 00 1b                   //   Implementation Class UID, length 27
  31 2e 32 2e 32 37 36 2e 30 2e //     "1.2.276.0.7230010.3.0.3.6.7"
  37 32 33 30 30 31 30 2e 33 2e
  30 2e 33 2e 36 2e 37
  55 00 00 0f                   //   Implementation Version Name, length 15
  4f 46 46 49 53 5f 44 43 4d 54 //     "OFFIS_DCMTK_367"
  4b 5f 33 36 37
`);

/** echoscu's C-ECHO-RQ: a P-DATA-TF with one command PDV, 80 bytes (sent in 2 TCP writes). */
export const ECHOSCU_C_ECHO_RQ: Uint8Array = hex(`
  04                            // PS3.8 Table 9-22, byte 1: PDU-type 04H (P-DATA-TF)
  00                            // byte 2: reserved
  00 00 00 4a                   // bytes 3-6: PDU-length 74
  00 00 00 46                   // Table 9-23, bytes 1-4: PDV item-length 70
  01                            // byte 5: presentation-context-ID 1
  03                            // Annex E.2 message control header: bit 0 command, bit 1 last
                                // the command set (PS3.7 E.1, implicit VR little endian):
  00 00 00 00 04 00 00 00       //   (0000,0000) CommandGroupLength, 4 bytes:
  38 00 00 00                   //     56
  00 00 02 00 12 00 00 00       //   (0000,0002) AffectedSOPClassUID, 18 bytes:
  31 2e 32 2e 38 34 30 2e 31 30 //     "1.2.840.10008.1.1" + 00H pad
  30 30 38 2e 31 2e 31 00
  00 00 00 01 02 00 00 00 30 00 //   (0000,0100) CommandField 0030H (C-ECHO-RQ)
  00 00 10 01 02 00 00 00 01 00 //   (0000,0110) MessageID 1
  00 00 00 08 02 00 00 00 01 01 //   (0000,0800) CommandDataSetType 0101H (no data set)
`);

/** storescp's C-ECHO-RSP: a P-DATA-TF with one command PDV, 90 bytes. */
export const STORESCP_C_ECHO_RSP: Uint8Array = hex(`
  04 00 00 00 00 54             // P-DATA-TF, PDU-length 84
  00 00 00 50 01 03             // PDV item-length 80, context 1, command + last
  00 00 00 00 04 00 00 00       //   (0000,0000) CommandGroupLength 66
  42 00 00 00
  00 00 02 00 12 00 00 00       //   (0000,0002) AffectedSOPClassUID "1.2.840.10008.1.1"
  31 2e 32 2e 38 34 30 2e 31 30
  30 30 38 2e 31 2e 31 00
  00 00 00 01 02 00 00 00 30 80 //   (0000,0100) CommandField 8030H (C-ECHO-RSP)
  00 00 20 01 02 00 00 00 01 00 //   (0000,0120) MessageIDBeingRespondedTo 1
  00 00 00 08 02 00 00 00 01 01 //   (0000,0800) CommandDataSetType 0101H
  00 00 00 09 02 00 00 00 00 00 //   (0000,0900) Status 0000H (success)
`);

/** echoscu's A-RELEASE-RQ. */
export const ECHOSCU_RELEASE_RQ: Uint8Array = hex(`
  05 00 00 00 00 04             // PS3.8 Table 9-24: PDU-type 05H, reserved, PDU-length 4
  00 00 00 00                   // bytes 7-10: reserved
`);

/** storescp's A-RELEASE-RP. */
export const STORESCP_RELEASE_RP: Uint8Array = hex(`
  06 00 00 00 00 04             // PS3.8 Table 9-25: PDU-type 06H, reserved, PDU-length 4
  00 00 00 00                   // bytes 7-10: reserved
`);

/** `storescp --refuse` answering echoscu: the A-ASSOCIATE-RJ. */
export const STORESCP_REFUSE_RJ: Uint8Array = hex(`
  03 00 00 00 00 04             // PS3.8 Table 9-21: PDU-type 03H, reserved, PDU-length 4
  00                            // byte 7: reserved
  01                            // byte 8: result 1 (rejected-permanent)
  01                            // byte 9: source 1 (DICOM UL service-user)
  01                            // byte 10: reason/diag. 1 (no-reason-given)
`);

/** `storescp --abort-after` on a C-STORE-RQ: the A-ABORT. */
export const STORESCP_ABORT: Uint8Array = hex(`
  07 00 00 00 00 04             // PS3.8 Table 9-26: PDU-type 07H, reserved, PDU-length 4
  00 00                         // bytes 7-8: reserved
  00                            // byte 9: source 0 (DICOM UL service-user)
  00                            // byte 10: reason/diag. (not significant for source 0)
`);

/**
 * `storescu -R -aet STORESCU -aec ANY-SCP -usr alice -pwd secret -rsp CT_small.dcm`: an
 * A-ASSOCIATE-RQ with two presentation contexts and a User Identity sub-item, 323 bytes.
 */
export const STORESCU_USER_IDENTITY_RQ: Uint8Array = hex(`
  01 00 00 00 01 3d             // A-ASSOCIATE-RQ, PDU-length 317
  00 01 00 00                   // bytes 7-8 protocol-version 1, bytes 9-10 reserved
  41 4e 59 2d 53 43 50 20       // bytes 11-26: called-AE-title "ANY-SCP"
  20 20 20 20 20 20 20 20
  53 54 4f 52 45 53 43 55       // bytes 27-42: calling-AE-title "STORESCU"
  20 20 20 20 20 20 20 20
  00 00 00 00 00 00 00 00       // bytes 43-74: reserved
  00 00 00 00 00 00 00 00
  00 00 00 00 00 00 00 00
  00 00 00 00 00 00 00 00
  10 00 00 15                   // Application Context item, length 21
  31 2e 32 2e 38 34 30 2e 31 30 //   "1.2.840.10008.3.1.1.1"
  30 30 38 2e 33 2e 31 2e 31 2e
  31
  20 00 00 38                   // Presentation Context item, length 56
  01 00 ff 00                   //   ID 1, bytes 6-8 reserved
  30 00 00 19                   //   Abstract Syntax, length 25:
  31 2e 32 2e 38 34 30 2e 31 30 //     "1.2.840.10008.5.1.4.1.1.2" (CT Image Storage)
  30 30 38 2e 35 2e 31 2e 34 2e
  31 2e 31 2e 32
  40 00 00 13                   //   Transfer Syntax, length 19 (odd: UIDs are not padded here)
  31 2e 32 2e 38 34 30 2e 31 30 //     "1.2.840.10008.1.2.1" (Explicit VR Little Endian)
  30 30 38 2e 31 2e 32 2e 31
  20 00 00 4d                   // Presentation Context item, length 77
  03 00 ff 00                   //   ID 3, bytes 6-8 reserved
  30 00 00 19                   //   Abstract Syntax "1.2.840.10008.5.1.4.1.1.2"
  31 2e 32 2e 38 34 30 2e 31 30
  30 30 38 2e 35 2e 31 2e 34 2e
  31 2e 31 2e 32
  40 00 00 13                   //   Transfer Syntax "1.2.840.10008.1.2.2" (Explicit VR BE)
  31 2e 32 2e 38 34 30 2e 31 30
  30 30 38 2e 31 2e 32 2e 32
  40 00 00 11                   //   Transfer Syntax "1.2.840.10008.1.2" (Implicit VR LE)
  31 2e 32 2e 38 34 30 2e 31 30
  30 30 38 2e 31 2e 32
  50 00 00 4f                   // User Information item, length 79
  51 00 00 04 00 00 40 00       //   Maximum Length 16384
  52 00 00 1b                   //   Implementation Class UID "1.2.276.0.7230010.3.0.3.6.7"
  31 2e 32 2e 32 37 36 2e 30 2e
  37 32 33 30 30 31 30 2e 33 2e
  30 2e 33 2e 36 2e 37
  55 00 00 0f                   //   Implementation Version Name "OFFIS_DCMTK_367"
  4f 46 46 49 53 5f 44 43 4d 54
  4b 5f 33 36 37
  58 00 00 11                   //   PS3.7 Table D.3-14: item-type 58H (User Identity), length 17
  02                            //     byte 5: user-identity-type 2 (username and passcode)
  01                            //     byte 6: positive-response-requested 1
  00 05                         //     bytes 7-8: primary-field-length 5
  61 6c 69 63 65                //     bytes 9-13: primary-field "alice"
  00 06                         //     bytes 14-15: secondary-field-length 6
  73 65 63 72 65 74             //     bytes 16-21: secondary-field "secret"
`);

/** One SCP/SCU Role Selection sub-item from getscu's A-ASSOCIATE-RQ, 37 bytes. */
export const GETSCU_ROLE_SELECTION: Uint8Array = hex(`
  54 00 00 21                   // PS3.7 Table D.3-9: item-type 54H, reserved, item-length 33
  00 1d                         // bytes 5-6: UID-length 29
  31 2e 32 2e 38 34 30 2e 31 30 // bytes 7-35: SOP-class-uid "1.2.840.10008.5.1.4.1.1.9.1.3"
  30 30 38 2e 35 2e 31 2e 34 2e //   (12-lead ECG Waveform Storage)
  31 2e 31 2e 39 2e 31 2e 33
  00                            // byte 36: SCU-role 0 (non-support of the SCU role)
  01                            // byte 37: SCP-role 1 (support of the SCP role)
`);

/**
 * A User Information item with the sub-items DCMTK's tools do not send, hand-assembled from
 * PS3.7 Annex D.3.3 for an A-ASSOCIATE-AC: 0x51, 0x53, 0x54, 0x56, 0x57 and 0x59.
 */
export const HAND_USER_INFORMATION: Uint8Array = hex(`
  50 00 00 70                   // PS3.8 Table 9-20: item-type 50H, reserved, item-length 112
  51 00 00 04 00 01 00 00       //   PS3.8 D.1: Maximum Length 65536
  53 00 00 04                   //   PS3.7 Table D.3-7: item-type 53H (Asynchronous Operations
                                //     Window), item-length 4
  00 05                         //     bytes 5-6: maximum-number-operations-invoked 5
  00 01                         //     bytes 7-8: maximum-number-operations-performed 1
  54 00 00 0f                   //   PS3.7 Table D.3-10: Role Selection (AC), item-length 15
  00 0b                         //     bytes 5-6: UID-length 11
  31 2e 32 2e 33 2e 34 2e 35 2e //     bytes 7-17: SOP-class-uid "1.2.3.4.5.7"
  37
  01 01                         //     bytes 18-19: SCU-role 1, SCP-role 1 (both accepted)
  56 00 00 0e                   //   PS3.7 Table D.3-11: item-type 56H (SOP Class Extended
                                //     Negotiation), item-length 14
  00 09                         //     bytes 5-6: SOP-class-uid-length 9
  31 2e 32 2e 33 2e 34 2e 35    //     SOP-class-uid "1.2.3.4.5"
  01 00 01                      //     service-class-application-information (3 bytes)
  57 00 00 2d                   //   PS3.7 Table D.3-12: item-type 57H (SOP Class Common
                                //     Extended Negotiation), sub-item-version 0, length 45
  00 09                         //     bytes 5-6: SOP-class-uid-length 9
  31 2e 32 2e 33 2e 34 2e 36    //     SOP-class-uid "1.2.3.4.6"
  00 11                         //     service-class-uid-length 17
  31 2e 32 2e 38 34 30 2e 31 30 //     service-class-uid "1.2.840.10008.4.2"
  30 30 38 2e 34 2e 32
  00 0d                         //     related-general-sop-class-identification-length 13
  00 0b                         //     PS3.7 Table D.3-13: related-general-sop-class-uid-length 11
  31 2e 32 2e 33 2e 34 2e 35 2e //       "1.2.3.4.5.1"
  31
  59 00 00 06                   //   PS3.7 Table D.3-15: item-type 59H (User Identity AC),
                                //     item-length 6
  00 04                         //     bytes 5-6: server-response-length 4
  6a 77 74 21                   //     server-response "jwt!"
`);
