import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

const migrationsDirectory = resolvePackagePath(
  '@internal/backstage-plugin-iot-backend',
  'migrations',
);

jest.setTimeout(60_000);

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'apply and roll back cleanly on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest({ directory: migrationsDirectory });
      expect(await knex.schema.hasTable('iot_audit_events')).toBe(true);
      expect(
        await knex.schema.hasColumn('iot_audit_events', 'target_ref'),
      ).toBe(true);

      expect(await knex.schema.hasTable('iot_images')).toBe(true);
      expect(
        await knex.schema.hasColumn('iot_image_versions', 'unpacked_bytes'),
      ).toBe(true);

      expect(await knex.schema.hasTable('iot_apps')).toBe(true);
      expect(await knex.schema.hasColumn('iot_specs', 'graph')).toBe(true);
      expect(
        await knex.schema.hasColumn('iot_spec_images', 'image_version'),
      ).toBe(true);

      expect(await knex.schema.hasTable('iot_instances')).toBe(true);
      expect(
        await knex.schema.hasColumn('iot_instances', 'lease_expires_at'),
      ).toBe(true);
      expect(
        await knex.schema.hasColumn(
          'iot_instance_resources',
          'idempotency_key',
        ),
      ).toBe(true);
      expect(await knex.schema.hasTable('iot_instance_events')).toBe(true);
      expect(await knex.schema.hasTable('iot_sandbox_resources')).toBe(true);
      expect(
        await knex.schema.hasColumn('iot_specs', 'passed_test_graph_etag'),
      ).toBe(true);
      expect(
        await knex.schema.hasColumn('iot_instances', 'install_finished_at'),
      ).toBe(true);

      await knex.migrate.rollback({ directory: migrationsDirectory }, true);
      expect(await knex.schema.hasTable('iot_instances')).toBe(false);
      expect(await knex.schema.hasTable('iot_sandbox_resources')).toBe(false);
      expect(await knex.schema.hasTable('iot_audit_events')).toBe(false);
      expect(await knex.schema.hasTable('iot_image_versions')).toBe(false);
      expect(await knex.schema.hasTable('iot_images')).toBe(false);
      expect(await knex.schema.hasTable('iot_spec_images')).toBe(false);
      expect(await knex.schema.hasTable('iot_specs')).toBe(false);
      expect(await knex.schema.hasTable('iot_apps')).toBe(false);

      await knex.destroy();
    },
  );
});
