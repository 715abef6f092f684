import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDirectory = resolvePackagePath(
  '@internal/backstage-plugin-iot-backend',
  'migrations',
);

/** Knex's bookkeeping table of applied migrations. */
export const MIGRATIONS_TABLE = 'knex_migrations';

const clients = new WeakMap<DatabaseService, Promise<Knex>>();

/**
 * The plugin's knex client with all migrations applied (unless the database
 * service says to skip them). Every store gets its client here; the promise is
 * shared per database service so that migrations run once even when several
 * stores are created at the same time.
 */
export function getMigratedClient(database: DatabaseService): Promise<Knex> {
  let client = clients.get(database);
  if (!client) {
    client = (async () => {
      const knex = await database.getClient();
      if (!database.migrations?.skip) {
        await knex.migrate.latest({
          directory: migrationsDirectory,
          tableName: MIGRATIONS_TABLE,
        });
      }
      return knex;
    })();
    clients.set(database, client);
  }
  return client;
}
