// Reference data seed (idempotent). Implemented by the reference-data work; see seeds/reference/README.md.
import type { Db } from '../../src/db/client.ts';
import type { Logger } from '../../src/platform/logger.ts';
export async function seedReference(_db: Db, _logger: Logger): Promise<void> {}
