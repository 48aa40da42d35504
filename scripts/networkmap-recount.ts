// `npm run networkmap:recount`: recounts the network map's kept sums (per municipality and grid cell)
// from the accepted initiatives, as the database's owner. The trigger keeps them right on every write;
// this repairs them after a partial restore, a hand-made fix in SQL or a TRUNCATE.
//   DATABASE_OWNER_URL or DATABASE_URL, else the embedded PostgreSQL in DATA_DIR (see database-target.ts)
import { rebuildMapCounts } from '../src/modules/networkmap/index.js';
import { createDb } from '../src/platform/db/index.js';
import { databaseTarget } from './database-target.js';

const target = await databaseTarget();
const { db } = createDb(target.url, 1);
try {
  const done = await db.transaction().execute((trx) => rebuildMapCounts(trx));
  console.log(`Network map counts rebuilt: ${done.initiatives} accepted initiatives in ${done.rows} kept rows.`);
} finally {
  await db.destroy();
  await target.release();
}
