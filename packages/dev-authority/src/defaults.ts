// The tenants, apps and users every authority starts with (unless `includeDefaults: false`).
// The ids are fixed so tests and docs can name them; none of them exist in real Entra ID except
// the first-party client ids, which are public knowledge.
import type { AppRegistration } from "./app-registration.js";
import type { TenantRegistration } from "./tenant-registration.js";
import type { UserRegistration } from "./user-registration.js";

/** Id of the default tenant (domain {@link defaultTenantDomain}). */
export const defaultTenantId = "3f2d9c8e-5b1a-4e7d-9c62-7a0e4b1d5f23";
/** Verified domain of the default tenant. */
export const defaultTenantDomain = "contoso.test";
/** Id of the default guest tenant (domain {@link defaultGuestTenantDomain}). */
export const defaultGuestTenantId = "b8e4a1c2-7d3f-4a5b-8e9c-1f2a3b4c5d6e";
/** Verified domain of the default guest tenant. */
export const defaultGuestTenantDomain = "fabrikam.test";
/** Entra's tenant id for Microsoft accounts, which the `consumers` path segment resolves to. */
export const consumersTenantId = "9188040d-6c67-4c5b-b112-36a304b66dad";

/** Azure CLI's client id: a public first-party client in FOCI family `"1"`. */
export const defaultPublicClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
/** Azure PowerShell's client id: a second FOCI family member, for refresh-token sharing tests. */
export const defaultFamilyClientId = "1950a258-227b-4e31-a9cf-717495945fc2";
/** A default confidential web app (client secret {@link defaultWebAppSecret}). */
export const defaultWebAppClientId = "6c2d8f1e-4a3b-4c5d-9e8f-0a1b2c3d4e5f";
/** The default web app's client secret. A fixed, public value: this is a test authority. */
export const defaultWebAppSecret = "entrakit-dev-web-app-secret";
/** The default web app's redirect URI (loopback, so any port matches). */
export const defaultWebAppRedirectUri = "http://localhost:3000/auth/callback";

/** The default user with a home tenant and a guest tenant. */
export const defaultUsername = "alice@contoso.test";
/** A second default user, home tenant only. */
export const defaultSecondUsername = "bob@contoso.test";

/** Tenants every authority starts with. */
export const defaultTenants: readonly TenantRegistration[] = Object.freeze([
  { tenantId: defaultTenantId, domains: [defaultTenantDomain], displayName: "Contoso (test)" },
  {
    tenantId: defaultGuestTenantId,
    domains: [defaultGuestTenantDomain],
    displayName: "Fabrikam (test)",
  },
]);

/** Apps registered unless `includeDefaults` is `false`. */
export const defaultApps: readonly AppRegistration[] = Object.freeze([
  {
    clientId: defaultPublicClientId,
    displayName: "Microsoft Azure CLI",
    redirectUris: ["http://localhost"],
    familyId: "1",
  },
  {
    clientId: defaultFamilyClientId,
    displayName: "Microsoft Azure PowerShell",
    redirectUris: ["http://localhost"],
    familyId: "1",
  },
  {
    clientId: defaultWebAppClientId,
    displayName: "entrakit sample web app",
    clientSecret: defaultWebAppSecret,
    redirectUris: [defaultWebAppRedirectUri],
  },
]);

/** Users registered unless `includeDefaults` is `false`. */
export const defaultUsers: readonly UserRegistration[] = Object.freeze([
  {
    username: defaultUsername,
    displayName: "Alice Smith",
    homeTenantId: defaultTenantId,
    guestTenantIds: [defaultGuestTenantId],
  },
  { username: defaultSecondUsername, displayName: "Bob Jones", homeTenantId: defaultTenantId },
]);
