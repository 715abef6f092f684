// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('iot_apps', table => {
    table.comment('IoT applications of ISV groups (APP-1..5)');
    table
      .string('id', 63)
      .primary()
      .comment(
        'Derived from the first name, never changes; also the IotApp entity name',
      );
    table
      .string('name', 64)
      .notNullable()
      .comment('Display name as the ISV typed it, e.g. Smart Parking');
    table
      .string('name_key')
      .notNullable()
      .comment(
        'Lower-cased name; unique per owner, so names differ by more than case',
      );
    table
      .string('industry', 63)
      .notNullable()
      .comment('Industry id from iot.apps.industries, e.g. smart-city');
    table
      .string('scenario', 63)
      .notNullable()
      .comment('Scenario id within the industry, e.g. parking');
    table
      .text('description')
      .notNullable()
      .defaultTo('')
      .comment('Free text, at most 1024 characters; empty when not given');
    table
      .string('review_status', 16)
      .notNullable()
      .defaultTo('draft')
      .comment('draft, in-review, approved, rejected or unlisted (REV-1)');
    table
      .string('owner_ref')
      .notNullable()
      .comment(
        'Entity ref of the owning ISV group, lower case, e.g. group:default/isv-acme',
      );
    table
      .string('created_by')
      .notNullable()
      .comment('Entity ref of the user (or service) who created the app');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the app was created');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When the app last changed');
    table.unique(['owner_ref', 'name_key'], {
      indexName: 'iot_apps_owner_name_uniq',
    });
    table.index(['name_key', 'id'], 'iot_apps_name_key_idx');
  });

  await knex.schema.createTable('iot_specs', table => {
    table.comment('Deployment specs of IoT apps (SPEC-1..6)');
    table
      .string('id', 63)
      .primary()
      .comment(
        'Derived from the app id and the first name, never changes; also the IotSpec entity name',
      );
    table
      .string('app_id', 63)
      .notNullable()
      .references('id')
      .inTable('iot_apps')
      .onDelete('CASCADE')
      .comment('The app the spec is part of');
    table
      .string('name', 64)
      .notNullable()
      .comment('Display name, e.g. Smart Parking — standard');
    table
      .string('name_key')
      .notNullable()
      .comment('Lower-cased name; unique within the app');
    table
      .string('type', 16)
      .notNullable()
      .comment('general, custom or experience');
    table
      .string('deploy_location', 16)
      .notNullable()
      .comment('public-cloud, edge-site or private-cloud');
    table
      .text('description')
      .notNullable()
      .comment('Free text, 1 to 300 characters');
    table
      .boolean('allow_trial')
      .notNullable()
      .defaultTo(false)
      .comment('Whether SIs may start a 7-day trial of the spec');
    table
      .text('graph')
      .notNullable()
      .comment('Dependency graph as JSON: { nodes: [...], edges: [...] }');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the spec was created');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When the spec or its graph last changed');
    table.unique(['app_id', 'name_key'], {
      indexName: 'iot_specs_app_name_uniq',
    });
  });

  await knex.schema.createTable('iot_spec_images', table => {
    table.comment(
      'Image versions each spec graph deploys, kept with the graph, so that image usage is a query (IMG-5)',
    );
    table
      .string('spec_id', 63)
      .notNullable()
      .references('id')
      .inTable('iot_specs')
      .onDelete('CASCADE')
      .comment('The spec whose graph deploys the image version');
    table
      .string('image_name', 63)
      .notNullable()
      .comment(
        'Image name, e.g. parking-server (not a foreign key: usage is what protects the image)',
      );
    table
      .string('image_version', 64)
      .notNullable()
      .comment('Image version, e.g. 1.4.2');
    table.primary(['spec_id', 'image_name', 'image_version']);
    table.index(['image_name'], 'iot_spec_images_image_name_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('iot_spec_images');
  await knex.schema.dropTable('iot_specs');
  await knex.schema.dropTable('iot_apps');
};
