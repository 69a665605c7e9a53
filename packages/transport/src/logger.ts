import { createPackageLogger } from "@entrakit/core";

/** The logger of `@entrakit/transport` (namespace `azure:entrakit:transport`). */
export const logger = createPackageLogger("transport");

/** The component name every log line and error message of this package starts with. */
export const component = "Transport";
