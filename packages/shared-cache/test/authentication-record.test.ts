// The record's JSON moves between this package and @azure/identity in both directions.
import {
  deserializeAuthenticationRecord as azureDeserialize,
  serializeAuthenticationRecord as azureSerialize,
} from "@azure/identity";
import { describe, expect, it } from "vitest";
import {
  type AuthenticationRecord,
  deserializeAuthenticationRecord,
  serializeAuthenticationRecord,
} from "../src/index";

const record: AuthenticationRecord = {
  authority: "login.microsoftonline.com",
  homeAccountId: "a11ce000-0000-4000-8000-000000000001.72f988bf-86f1-41af-91ab-2d7cd011db47",
  clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46",
  tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
  username: "alice@contoso.com",
};

describe("AuthenticationRecord", () => {
  it("round-trips through @azure/identity's deserializeAuthenticationRecord", () => {
    // @azure/identity keeps the format's version beside the fields.
    expect(azureDeserialize(serializeAuthenticationRecord(record))).toEqual({
      ...record,
      version: "1.0",
    });
  });

  it("reads what @azure/identity's serializeAuthenticationRecord wrote", () => {
    expect(deserializeAuthenticationRecord(azureSerialize(record))).toEqual(record);
  });
});
