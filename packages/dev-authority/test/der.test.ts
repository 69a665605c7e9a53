import { describe, expect, it } from "vitest";
import {
  derBitString,
  derInteger,
  derOid,
  derSequence,
  derTime,
  derTlv,
  derUtf8String,
} from "../src/der.js";

const hex = (buffer: Buffer) => buffer.toString("hex");

describe("DER encoder", () => {
  it("encodes OIDs with multi-byte arcs", () => {
    // sha256WithRSAEncryption, as it appears in every RSA certificate.
    expect(hex(derOid("1.2.840.113549.1.1.11"))).toBe("06092a864886f70d01010b");
    expect(hex(derOid("2.5.29.17"))).toBe("0603551d11");
  });

  it("keeps unsigned integers positive and minimal", () => {
    expect(hex(derInteger(2))).toBe("020102");
    expect(hex(derInteger(Buffer.from([0x80, 0x01])))).toBe("0203008001");
    expect(hex(derInteger(Buffer.from([0x00, 0x00, 0x7f])))).toBe("02017f");
  });

  it("uses long-form lengths above 127 bytes", () => {
    expect(hex(derTlv(0x04, Buffer.alloc(200)).subarray(0, 3))).toBe("0481c8");
    expect(hex(derTlv(0x04, Buffer.alloc(300)).subarray(0, 4))).toBe("0482012c");
  });

  it("switches from UTCTime to GeneralizedTime in 2050", () => {
    expect(derTime(new Date("2049-12-31T23:59:59Z")).toString("latin1")).toBe(
      "\x17\x0d491231235959Z",
    );
    expect(derTime(new Date("2050-01-01T00:00:00Z")).toString("latin1")).toBe(
      "\x18\x0f20500101000000Z",
    );
  });

  it("nests sequences, strings and bit strings", () => {
    expect(hex(derSequence(derUtf8String("a"), derBitString(Buffer.from([0x86]), 1)))).toBe(
      "30070c016103020186",
    );
    expect(hex(derBitString(Buffer.from([0x86]), 1))).toBe("03020186");
  });
});
