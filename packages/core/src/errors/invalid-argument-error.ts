import { type EntrakitErrorFields, entrakitErrorMarker, markEntrakitError } from "./entrakit-error";

/** Which input was wrong. */
export type InvalidArgumentCode =
  | "invalid_tenant_id"
  | "invalid_scope"
  | "invalid_authority"
  | "invalid_option"
  | "tenant_not_allowed"
  | (string & {});

/**
 * A caller passed something that can never work (a malformed tenant id or scope, an `http:`
 * authority, a tenant outside `additionallyAllowedTenants`). It is a `RangeError`, so it is a
 * programmer's mistake to fix, not a condition a credential chain should step over.
 */
export class InvalidArgumentError<Code extends string = InvalidArgumentCode>
  extends RangeError
  implements EntrakitErrorFields<Code>
{
  declare readonly code: Code;
  declare readonly [entrakitErrorMarker]: true;

  constructor(message: string, code: Code) {
    super(message);
    this.name = "InvalidArgumentError";
    markEntrakitError(this, code);
  }
}
