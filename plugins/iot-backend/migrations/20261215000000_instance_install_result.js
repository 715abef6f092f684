// @ts-check

/**
 * How a test install ended, kept after the instance is uninstalled, for the
 * spec page's history of deployment tests (SPEC-8).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('iot_instances', table => {
    table
      .string('install_result', 8)
      .nullable()
      .comment(
        'passed (the install reached running) or failed (it failed and was rolled back); null while installing or when an uninstall stopped it',
      );
    table
      .timestamp('install_finished_at', { useTz: true })
      .nullable()
      .comment('When the install ended with install_result; null before');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('iot_instances', table => {
    table.dropColumn('install_result');
    table.dropColumn('install_finished_at');
  });
};
