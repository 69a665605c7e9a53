import { createPackageLogger } from "@entrakit/core";

/** The logger of `@entrakit/cli` (`azure:entrakit:cli`); `AZURE_LOG_LEVEL` controls it. */
export const logger = createPackageLogger("cli");
