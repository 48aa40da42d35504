export { createDb, createReadDb, type Db, type Executor, type PrimaryDb, type ReadDb, type Trx } from './database.js';
export { migrate } from './migrate.js';
export { loopBatch } from './loop-batch.js';
export { startEmbeddedPostgres } from './embedded-on-demand.js';
export type { EmbeddedServer } from './embedded-postgres.js';
export { embeddedPort, embeddedUrl } from './embedded-login.js';
export type * from './schema.js';
export { startScratchDatabase, type ScratchDatabase } from './scratch-database.js';
export { APP_GROUP_ROLE, appRoleWarnings, ensureAppLogin, withCredentials } from './roles.js';
