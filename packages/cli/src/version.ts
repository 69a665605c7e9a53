// Replaced with package.json's version by the build (tsup `define`) and by the test config.
declare const __ENTRAKIT_CLI_VERSION__: string;

/** The version of `@entrakit/cli`, from its package.json at build time. */
export const cliVersion: string = __ENTRAKIT_CLI_VERSION__;
