// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('iot_instances', table => {
    table.comment(
      'Installations of a spec: deployment tests (SPEC-8), later trials and purchases',
    );
    table
      .string('id', 32)
      .primary()
      .comment('inst- and 20 random letters or digits');
    table
      .string('spec_id', 63)
      .notNullable()
      .comment(
        'The spec installed (not a foreign key: an instance outlives an edit or deletion of its spec until uninstalled)',
      );
    table.string('kind', 16).notNullable().comment('test, trial or purchase');
    table
      .string('owner_ref')
      .notNullable()
      .comment(
        'Entity ref of the owning group, lower case: who may see its password and uninstall it',
      );
    table
      .string('created_by')
      .notNullable()
      .comment('Entity ref of the user who started it');
    table
      .string('provider', 63)
      .notNullable()
      .comment(
        'Id of the deployment provider that creates its resources, e.g. sandbox',
      );
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, installing, running, failed, uninstalling or deleted');
    table
      .string('operation', 16)
      .notNullable()
      .comment(
        'What the engine is doing or last did: install, rollback (after a failure) or uninstall',
      );
    table
      .string('graph_etag', 80)
      .notNullable()
      .comment(
        'ETag of the spec graph installed, to tell whether a passed test is of the current graph',
      );
    table
      .text('outputs')
      .nullable()
      .comment(
        'JSON { accessAddress, account } once installed; the password is in secrets',
      );
    table
      .text('secrets')
      .notNullable()
      .comment(
        'Generated secrets (the admin password) as JSON, sealed with AES-256-GCM',
      );
    table
      .text('error')
      .nullable()
      .comment(
        'JSON { nodeId, message }: which resource failed and why; null unless failed',
      );
    table
      .string('lease_owner', 200)
      .nullable()
      .comment(
        'Id of the engine (backend process) running the instance; null when none is',
      );
    table
      .timestamp('lease_expires_at', { useTz: true })
      .nullable()
      .comment(
        'Until when the lease holds unless renewed; after it another engine may take over',
      );
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the instance was requested');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When its status or operation last changed');
    table.index(
      ['spec_id', 'kind', 'created_at'],
      'iot_instances_spec_kind_idx',
    );
    table.index(['status'], 'iot_instances_status_idx');
  });

  await knex.schema.createTable('iot_instance_resources', table => {
    table.comment(
      'The resources of an instance, one per node of the installed graph',
    );
    table
      .string('instance_id', 32)
      .notNullable()
      .references('id')
      .inTable('iot_instances')
      .onDelete('CASCADE')
      .comment('The instance it belongs to');
    table
      .string('node_id', 64)
      .notNullable()
      .comment('Id of the node in the spec graph');
    table
      .integer('position')
      .notNullable()
      .comment('Place in the install order of the plan (dependencies first)');
    table
      .string('type', 32)
      .notNullable()
      .comment('Resource type id, e.g. rds');
    table.string('name', 255).notNullable().comment("The node's name property");
    table
      .text('definition')
      .notNullable()
      .comment(
        'JSON { properties, dependsOn, dependants } as planned when the instance was requested',
      );
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, creating, ready, failed, deleting or deleted');
    table
      .text('outputs')
      .nullable()
      .comment(
        'JSON of what the provider returned on creation (no secrets); null before',
      );
    table
      .text('secrets')
      .nullable()
      .comment(
        'Generated secrets it is created with (a password) as JSON, sealed with AES-256-GCM; null when none',
      );
    table
      .text('error')
      .nullable()
      .comment('Why its creation or deletion failed; kept after a rollback');
    table
      .integer('attempts')
      .notNullable()
      .defaultTo(0)
      .comment('Attempts of its latest operation (create, or delete)');
    table
      .string('idempotency_key', 128)
      .notNullable()
      .comment(
        'Given to the provider on every create and delete, so a retry never makes a second resource',
      );
    table
      .timestamp('started_at', { useTz: true })
      .nullable()
      .comment('When its latest operation started');
    table
      .timestamp('finished_at', { useTz: true })
      .nullable()
      .comment('When its latest operation ended');
    table.primary(['instance_id', 'node_id']);
  });

  await knex.schema.createTable('iot_instance_events', table => {
    table.comment('Log lines of instances, shown as their progress log');
    table.increments('id').comment('Increasing; clients page with after=<id>');
    table
      .string('instance_id', 32)
      .notNullable()
      .references('id')
      .inTable('iot_instances')
      .onDelete('CASCADE')
      .comment('The instance the line is about');
    table
      .timestamp('at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    table.string('level', 8).notNullable().comment('info, warn or error');
    table
      .string('node_id', 64)
      .nullable()
      .comment('The resource it is about; null for the instance as a whole');
    table
      .text('message')
      .notNullable()
      .comment('The line; never holds secrets');
    table.index(['instance_id', 'id'], 'iot_instance_events_instance_idx');
  });

  await knex.schema.createTable('iot_sandbox_resources', table => {
    table.comment(
      'The simulated cloud of the sandbox deployment provider: one row per resource it created',
    );
    table
      .increments('id')
      .comment('Surrogate key: one per creation, so a double creation shows');
    table
      .string('idempotency_key', 128)
      .notNullable()
      .comment(
        'The key it was created under; a create with a live key returns that resource',
      );
    table
      .string('instance_id', 32)
      .notNullable()
      .comment(
        'Instance the engine created it for (not a foreign key: a cloud knows no instances)',
      );
    table
      .string('node_id', 64)
      .notNullable()
      .comment('Node it was created for');
    table
      .string('type', 32)
      .notNullable()
      .comment('Resource type id; quotas count by it');
    table
      .string('cloud_id', 64)
      .notNullable()
      .comment(
        'Fake cloud id derived from the idempotency key, e.g. vpc-3f2a9c1b',
      );
    table.text('outputs').notNullable().comment('JSON outputs it returns');
    table
      .string('creator', 200)
      .notNullable()
      .comment(
        'Id of the sandbox provider object (one per backend process) that created it',
      );
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When creation started');
    table
      .timestamp('ready_at', { useTz: true })
      .nullable()
      .comment(
        'When creation completes; null for a resource that hangs (fault injection)',
      );
    table
      .timestamp('deleted_at', { useTz: true })
      .nullable()
      .comment('When it was deleted; null while it exists');
    table.index(['idempotency_key'], 'iot_sandbox_resources_key_idx');
    table.index(['type', 'deleted_at'], 'iot_sandbox_resources_type_idx');
  });

  await knex.schema.createTable('iot_deployment_keys', table => {
    table.comment(
      'Keys generated to seal deployment secrets when iot.deployments.secretKey is not configured',
    );
    table.string('id', 16).primary().comment('Key name; default');
    table.text('key').notNullable().comment('32 random bytes, base64');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When it was generated');
  });

  await knex.schema.alterTable('iot_specs', table => {
    table
      .text('last_deployment_test')
      .nullable()
      .comment(
        'JSON { instanceId, status, at } of the latest deployment test; null before the first',
      );
    table
      .string('passed_test_graph_etag', 80)
      .nullable()
      .comment(
        'ETag of the graph of the latest deployment test that reached running',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('iot_specs', table => {
    table.dropColumn('passed_test_graph_etag');
    table.dropColumn('last_deployment_test');
  });
  await knex.schema.dropTable('iot_deployment_keys');
  await knex.schema.dropTable('iot_sandbox_resources');
  await knex.schema.dropTable('iot_instance_events');
  await knex.schema.dropTable('iot_instance_resources');
  await knex.schema.dropTable('iot_instances');
};
