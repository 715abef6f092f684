import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  getMigratedClient,
  MIGRATIONS_TABLE,
} from '../database/migrateDatabase';

/** Body of `GET /health`. */
export type HealthStatus = {
  status: 'ok';
  database: {
    /** `sqlite` or `pg`; any other knex client is reported by its name. */
    client: string;
    /** Number of applied migrations of this plugin. */
    migrations: number;
  };
};

/** Reports whether the plugin database answers and how far it is migrated. */
export class HealthService {
  static async create(options: {
    database: DatabaseService;
  }): Promise<HealthService> {
    return new HealthService(await getMigratedClient(options.database));
  }

  private constructor(private readonly db: Knex) {}

  async getStatus(): Promise<HealthStatus> {
    return {
      status: 'ok',
      database: {
        client: this.clientName(),
        migrations: await this.countAppliedMigrations(),
      },
    };
  }

  private clientName(): string {
    const client = String(this.db.client.config.client);
    // better-sqlite3 and sqlite3 are one engine to the operator.
    return client.includes('sqlite') ? 'sqlite' : client;
  }

  private async countAppliedMigrations(): Promise<number> {
    // With migrations skipped the bookkeeping table may not exist at all.
    if (!(await this.db.schema.hasTable(MIGRATIONS_TABLE))) {
      return 0;
    }
    const [{ count }] = await this.db(MIGRATIONS_TABLE).count({ count: '*' });
    // PostgreSQL returns counts as strings.
    return Number(count);
  }
}
