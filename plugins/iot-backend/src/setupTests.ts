// TestDatabases silently drops PostgreSQL when it is not configured (and no
// CI/Docker); say so, since every store test is meant to run on both engines.
if (!process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING) {
  // eslint-disable-next-line no-console
  console.warn(
    'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set: database tests will not run on PostgreSQL. ' +
      'Set it, e.g. to postgresql://postgres@127.0.0.1:5432',
  );
}

export {};
