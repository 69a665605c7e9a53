import { randomBytes } from "node:crypto";

/** A secret value planted by a {@link SecretScanner}, with the label findings report. */
export interface PlantedSecret {
  /** The name used in findings, e.g. `"client-secret"`. */
  readonly label: string;
  /** The secret itself. */
  readonly value: string;
}

/** How a planted secret showed up. */
export type LeakForm = "exact" | "prefix" | "suffix" | "base64" | "base64url";

// A fixed marker makes planted values recognisable when a person reads a test's output.
const marker = "pLnT";
// 16 characters hold at least 72 random bits, so a fragment this long is never a coincidence.
const fragmentLength = 16;

/** A fresh secret: the marker and 32 random base64url characters (36 in all). */
export function generateSecret(): string {
  return `${marker}${randomBytes(24).toString("base64url")}`;
}

/**
 * The secret's base64 text at each of the three byte alignments it can have inside a longer
 * encoded value (a `Basic` header encodes `client_id:secret`), without the edge characters that
 * mix with neighbouring bytes.
 */
function encodedForms(secret: string, encoding: "base64" | "base64url"): string[] {
  const bytes = Buffer.from(secret);
  return [0, 1, 2].map((offset) => {
    const text = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString(encoding)
      .replace(/=+$/, "");
    return text.slice(offset === 0 ? 0 : 4, -4);
  });
}

/** The forms of `secret` a scan looks for: itself, a cut-down prefix or suffix, or encoded. */
export function leakForms(secret: string): { form: LeakForm; text: string }[] {
  return [
    { form: "exact" as const, text: secret },
    { form: "prefix" as const, text: secret.slice(0, fragmentLength) },
    { form: "suffix" as const, text: secret.slice(-fragmentLength) },
    ...encodedForms(secret, "base64").map((text) => ({ form: "base64" as const, text })),
    ...encodedForms(secret, "base64url").map((text) => ({ form: "base64url" as const, text })),
  ];
}
