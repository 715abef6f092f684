// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('iot_audit_events', table => {
    table.comment(
      'State transitions of portal objects (images, apps, reviews, ...), newest last',
    );
    table
      .increments('id')
      .comment('Monotonic id; orders the events and serves as paging cursor');
    table
      .string('actor_ref')
      .notNullable()
      .comment('Entity ref of the user or service that caused the transition');
    table
      .string('action')
      .notNullable()
      .comment('What happened, as <domain>.<verb>, e.g. image.created');
    table
      .string('target_ref')
      .notNullable()
      .comment('Ref of the object the transition applies to');
    table
      .text('details')
      .notNullable()
      .comment('JSON object with the action-specific details');
    table
      .timestamp('created_at', { useTz: true })
      .notNullable()
      .defaultTo(knex.fn.now())
      .comment('When the transition was recorded');
    table.index(['target_ref'], 'iot_audit_events_target_ref_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('iot_audit_events');
};
