import { createPackageLogger } from "@entrakit/core";

/** The logger of this package (`azure:entrakit:cache-redis`), driven by `AZURE_LOG_LEVEL`. */
export const logger = createPackageLogger("cache-redis");
