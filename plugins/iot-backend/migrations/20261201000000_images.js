// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('iot_images', table => {
    table.comment(
      'Docker and VM images uploaded by ISVs; one row per image name (IMG-2)',
    );
    table.increments('id').comment('Surrogate key, referenced by versions');
    table
      .string('name', 63)
      .notNullable()
      .unique({ indexName: 'iot_images_name_uniq' })
      .comment('Image name from the file name, e.g. parking-server; also the IotImage entity name');
    table
      .string('owner_ref')
      .notNullable()
      .comment('Entity ref of the owning ISV group, lower case, e.g. group:default/isv-acme');
    table
      .string('kind', 16)
      .notNullable()
      .comment('docker or vm; fixed by the first upload');
    table
      .string('created_by')
      .notNullable()
      .comment('Entity ref of the user (or service) whose upload created the image');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the first version upload started');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When a version of the image last changed');
    table.index(['owner_ref'], 'iot_images_owner_ref_idx');
  });

  await knex.schema.createTable('iot_image_versions', table => {
    table.comment(
      'Uploaded versions of an image and the state of their upload (IMG-3)',
    );
    table.increments('id').comment('Surrogate key');
    table
      .integer('image_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('iot_images')
      .onDelete('CASCADE')
      .comment('The image this is a version of');
    table
      .string('version', 64)
      .notNullable()
      .comment('Version from the file name, e.g. 1.4.2');
    table
      .string('status', 16)
      .notNullable()
      .comment('uploading, succeeded or failed');
    table
      .bigInteger('size_bytes')
      .notNullable()
      .defaultTo(0)
      .comment('Bytes uploaded and stored; 0 until the upload succeeded');
    table
      .bigInteger('unpacked_bytes')
      .notNullable()
      .defaultTo(0)
      .comment('Decompressed size of the content (equals size_bytes when not compressed)');
    table
      .string('sha256', 64)
      .nullable()
      .comment('Hex SHA-256 of the uploaded file; set once the upload succeeded');
    table
      .string('storage_key')
      .notNullable()
      .comment('Key of the bytes in the image store; unique per upload attempt');
    table
      .text('failure_reason')
      .nullable()
      .comment('Why the upload failed, naming the rule; null unless status is failed');
    table
      .string('uploaded_by')
      .notNullable()
      .comment('Entity ref of the user (or service) who uploaded this version');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .comment('When the upload started');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When the status last changed');
    table.unique(['image_id', 'version'], {
      indexName: 'iot_image_versions_image_version_uniq',
    });
    table.index(['status'], 'iot_image_versions_status_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('iot_image_versions');
  await knex.schema.dropTable('iot_images');
};
