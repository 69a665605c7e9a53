import { createPackageLogger } from "@entrakit/core";

/** The logger of `@entrakit/auth-code` (`AZURE_LOG_LEVEL` controls it). */
export const logger = createPackageLogger("auth-code");
