// A minimal ASN.1 DER encoder: only the types an X.509 v3 certificate needs. Decoding is
// deliberately absent; node:crypto's X509Certificate parses what we build.

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** Encodes one tag-length-value triple. */
export function derTlv(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), encodeLength(content.length), content]);
}

/** SEQUENCE of already-encoded items. */
export function derSequence(...items: Buffer[]): Buffer {
  return derTlv(0x30, Buffer.concat(items));
}

/** SET with a single element (DER's SET OF ordering rule is trivially met). */
export function derSet(item: Buffer): Buffer {
  return derTlv(0x31, item);
}

/** INTEGER from a small non-negative number or an unsigned big-endian buffer. */
export function derInteger(value: number | Buffer): Buffer {
  let bytes = typeof value === "number" ? Buffer.from([value]) : value;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  bytes = bytes.subarray(start);
  // A set high bit would read as negative, so unsigned values get a leading zero byte.
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return derTlv(0x02, bytes);
}

/** BOOLEAN. */
export function derBoolean(value: boolean): Buffer {
  return derTlv(0x01, Buffer.from([value ? 0xff : 0x00]));
}

/** NULL. */
export function derNull(): Buffer {
  return Buffer.from([0x05, 0x00]);
}

/** OBJECT IDENTIFIER from dotted notation. */
export function derOid(oid: string): Buffer {
  const arcs = oid.split(".").map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      chunk.unshift((value & 0x7f) | 0x80);
    }
    bytes.push(...chunk);
  }
  return derTlv(0x06, Buffer.from(bytes));
}

/** UTF8String. */
export function derUtf8String(value: string): Buffer {
  return derTlv(0x0c, Buffer.from(value, "utf8"));
}

/** BIT STRING; `unusedBits` counts the padding bits in the last byte. */
export function derBitString(content: Buffer, unusedBits = 0): Buffer {
  return derTlv(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

/** OCTET STRING. */
export function derOctetString(content: Buffer): Buffer {
  return derTlv(0x04, content);
}

/** UTCTime for 1950–2049, GeneralizedTime otherwise, as RFC 5280 section 4.1.2.5 requires. */
export function derTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const pad = (value: number) => String(value).padStart(2, "0");
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(
    date.getUTCMinutes(),
  )}${pad(date.getUTCSeconds())}Z`;
  if (year >= 1950 && year < 2050) {
    return derTlv(0x17, Buffer.from(`${pad(year % 100)}${rest}`, "ascii"));
  }
  return derTlv(0x18, Buffer.from(`${year}${rest}`, "ascii"));
}

/** Context-specific constructed tag (`[n] EXPLICIT`). */
export function derExplicit(tagNumber: number, content: Buffer): Buffer {
  return derTlv(0xa0 | tagNumber, content);
}

/** Context-specific primitive tag (`[n] IMPLICIT` over a primitive type). */
export function derImplicit(tagNumber: number, content: Buffer): Buffer {
  return derTlv(0x80 | tagNumber, content);
}
