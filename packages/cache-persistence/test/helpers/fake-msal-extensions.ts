/** A stand-in for `@azure/msal-node-extensions` that keeps secrets in a Map. */
export class FakeMsalExtensions {
  readonly secrets = new Map<string, string>();
  readonly created: Array<{
    kind: string;
    file: string;
    service?: string;
    account?: string;
    scope?: string;
  }> = [];
  failWith: Error | undefined;

  module() {
    const store = (kind: string, key: string) => ({
      save: async (contents: string) => {
        if (this.failWith) throw this.failWith;
        this.secrets.set(key, contents);
      },
      load: async () => {
        if (this.failWith) throw this.failWith;
        return this.secrets.get(key) ?? null;
      },
      delete: async () => this.secrets.delete(key),
      kind,
    });
    const keyed = (kind: string) => ({
      create: async (file: string, service: string, account: string) => {
        this.created.push({ kind, file, service, account });
        return store(kind, `${kind}:${service}/${account}`);
      },
    });
    return {
      LibSecretPersistence: keyed("libsecret"),
      KeychainPersistence: keyed("keychain"),
      FilePersistenceWithDataProtection: {
        create: async (file: string, scope: string) => {
          this.created.push({ kind: "dpapi", file, scope });
          return store("dpapi", `dpapi:${file}`);
        },
      },
      DataProtectionScope: { CurrentUser: "CurrentUser" },
    };
  }

  loader(): () => Promise<unknown> {
    return async () => this.module();
  }
}
