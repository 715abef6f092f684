// @ts-check

/**
 * Review and listing (SPEC-9, REV-1..3): submissions with their images,
 * each app's listing state, and the history of its transitions.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('iot_reviews', table => {
    table.comment(
      'Submissions of apps for review and listing; one review per submission (SPEC-9, REV-1)',
    );
    table
      .string('id', 24)
      .primary()
      .comment('rev- and 20 random lower-case letters or digits');
    table
      .string('app_id', 63)
      .notNullable()
      .references('id')
      .inTable('iot_apps')
      .onDelete('CASCADE')
      .comment(
        'The app submitted (deleting a draft or rejected app takes its reviews along)',
      );
    table
      .integer('round')
      .notNullable()
      .comment("1 for the app's first submission, 2 for the next, ...");
    table
      .string('owner_ref')
      .notNullable()
      .comment(
        'Entity ref of the owning ISV group, lower case, for owner filters',
      );
    table
      .string('app_name', 64)
      .notNullable()
      .comment('The app name when submitted');
    table
      .boolean('is_update')
      .notNullable()
      .comment(
        'Whether the app was listed when submitted (a new version, REV-3)',
      );
    table
      .string('listing_name', 64)
      .notNullable()
      .comment('Name shown on the marketplace, at most 64 characters');
    table
      .string('summary', 90)
      .notNullable()
      .comment(
        'One-line summary for the marketplace card, at most 90 characters',
      );
    table
      .text('spec_ids')
      .notNullable()
      .comment('JSON array of the ids of the specs chosen for listing');
    table
      .text('specs')
      .notNullable()
      .comment(
        'JSON array of the chosen specs as submitted: fields, graph, graph ETag, passed deployment test',
      );
    table
      .string('status', 16)
      .notNullable()
      .comment('pending, approved or rejected');
    table
      .string('submitted_by')
      .notNullable()
      .comment('Entity ref of the ISV user who submitted');
    table
      .timestamp('submitted_at', { useTz: true })
      .notNullable()
      .comment('When it was submitted; the queue is oldest first');
    table
      .string('decided_by')
      .nullable()
      .comment(
        'Entity ref of the reviewer who approved or rejected it; null while pending',
      );
    table
      .timestamp('decided_at', { useTz: true })
      .nullable()
      .comment('When it was approved or rejected; null while pending');
    table
      .text('reason')
      .nullable()
      .comment("The rejection reason the ISV reads, or the approver's comment");
    table
      .text('flagged_fields')
      .notNullable()
      .defaultTo('[]')
      .comment(
        'JSON array of the fields a rejection flagged, e.g. ["logo","spec:parking-standard"]',
      );
    table.unique(['app_id', 'round'], {
      indexName: 'iot_reviews_app_round_uniq',
    });
    table.index(['status', 'submitted_at', 'id'], 'iot_reviews_queue_idx');
  });

  await knex.schema.createTable('iot_review_images', table => {
    table.comment(
      'Logo, showcase and intro images of submissions; at most 100 KB, 1 MB and 1 MB, so kept in the database with their submission',
    );
    table
      .string('review_id', 24)
      .notNullable()
      .references('id')
      .inTable('iot_reviews')
      .onDelete('CASCADE')
      .comment('The submission the image belongs to');
    table
      .string('field', 16)
      .notNullable()
      .comment('logo, showcaseImage or introImage');
    table
      .string('format', 8)
      .notNullable()
      .comment('png or jpeg, as read from the content');
    table
      .integer('width')
      .notNullable()
      .comment('Width in pixels, from the header');
    table
      .integer('height')
      .notNullable()
      .comment('Height in pixels, from the header');
    table
      .integer('size_bytes')
      .notNullable()
      .comment('Size of the file in bytes');
    table
      .string('sha256', 64)
      .notNullable()
      .comment(
        'Hex SHA-256 of the bytes; equal between rounds when the image did not change',
      );
    table.binary('bytes').notNullable().comment('The file as uploaded');
    table.primary(['review_id', 'field']);
  });

  await knex.schema.createTable('iot_app_listings', table => {
    table.comment(
      'Listing state of each app that has been submitted (REV-1..3)',
    );
    table
      .string('app_id', 63)
      .primary()
      .references('id')
      .inTable('iot_apps')
      .onDelete('CASCADE')
      .comment('The app');
    table
      .string('state', 32)
      .notNullable()
      .comment(
        'draft, in-review, listed, listed-update-in-review, rejected or unlisted',
      );
    table
      .string('listed_review_id', 24)
      .nullable()
      .comment(
        'The approved submission on the marketplace; null when not listed',
      );
    table
      .text('listed_spec_ids')
      .notNullable()
      .defaultTo('[]')
      .comment(
        'JSON array of the spec ids on the marketplace now (the approved ones minus unlisted specs)',
      );
    table
      .string('pending_review_id', 24)
      .nullable()
      .comment('The submission waiting for a reviewer; null when none');
    table
      .timestamp('updated_at', { useTz: true })
      .notNullable()
      .comment('When the state last changed');
  });

  await knex.schema.createTable('iot_listing_events', table => {
    table.comment('Every listing transition, with who, when and why (REV-2)');
    table.increments('id').comment('Increasing; the timeline order');
    table
      .string('app_id', 63)
      .notNullable()
      .references('id')
      .inTable('iot_apps')
      .onDelete('CASCADE')
      .comment('The app whose listing changed');
    table
      .string('review_id', 24)
      .nullable()
      .comment('The submission concerned, if any');
    table
      .string('action', 16)
      .notNullable()
      .comment('submit, approve, reject, unlist or unlist-spec');
    table.string('from_state', 32).notNullable().comment('State before');
    table.string('to_state', 32).notNullable().comment('State after');
    table
      .string('actor_ref')
      .notNullable()
      .comment('Entity ref of the user who made the transition');
    table
      .timestamp('at', { useTz: true })
      .notNullable()
      .comment('When it happened');
    table
      .text('reason')
      .nullable()
      .comment('Rejection or unlisting reason, approval comment');
    table
      .text('flagged_fields')
      .notNullable()
      .defaultTo('[]')
      .comment('JSON array of the fields a rejection flagged');
    table
      .string('spec_id', 63)
      .nullable()
      .comment('The spec an unlist-spec took off the marketplace');
    table.index(['app_id', 'id'], 'iot_listing_events_app_idx');
  });

  await knex.schema.alterTable('iot_apps', table => {
    table
      .text('listed_spec_ids')
      .nullable()
      .comment(
        'JSON array of the spec ids on the marketplace, as the IotApp entity publishes them; null when not listed',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('iot_apps', table => {
    table.dropColumn('listed_spec_ids');
  });
  await knex.schema.dropTable('iot_listing_events');
  await knex.schema.dropTable('iot_app_listings');
  await knex.schema.dropTable('iot_review_images');
  await knex.schema.dropTable('iot_reviews');
};
