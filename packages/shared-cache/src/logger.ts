import { createPackageLogger } from "@entrakit/core";

/** The logger of `@entrakit/shared-cache` (`AZURE_LOG_LEVEL` controls it). */
export const logger = createPackageLogger("shared-cache");
