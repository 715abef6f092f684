/*
 * A backend process reduced to the deployment engine, for the crash tests
 * (DeploymentEngine.crash.test.ts): runs the engine with the sandbox
 * provider on the database given as JSON in argv[2] until it is killed.
 * Prints `ready <engine id>` once it has started.
 */
import { DatabaseService } from '@backstage/backend-plugin-api';
import knexFactory from 'knex';
import { DeploymentEngine } from '../DeploymentEngine';
import { DEFAULT_ENGINE_OPTIONS } from '../engineOptions';
import { InstancesStore } from '../InstancesStore';
import { SandboxProvider } from '../sandbox/SandboxProvider';
import { SandboxStore } from '../sandbox/SandboxStore';
import { SecretBox } from '../SecretBox';

type Options = {
  client: string;
  connection: unknown;
  latencyMs: number;
  leaseMs: number;
  secretKey: string;
};

async function main() {
  const options: Options = JSON.parse(process.argv[2]);
  const knex = knexFactory({
    client: options.client,
    connection: options.connection as any,
    useNullAsDefault: true,
  });
  const database: DatabaseService = {
    getClient: async () => knex,
    migrations: { skip: true },
  };
  const store = await InstancesStore.create({ database });
  const provider = new SandboxProvider(
    await SandboxStore.create({ database }),
    { latencyFactor: 0, latencyMs: options.latencyMs, quotas: {}, faults: [] },
  );
  const logger = {
    info: () => {},
    debug: () => {},
    warn: (message: string) => process.stderr.write(`warn: ${message}\n`),
    error: (message: string) => process.stderr.write(`error: ${message}\n`),
    child: () => logger,
  };
  const engine = new DeploymentEngine({
    store,
    provider,
    secrets: new SecretBox(options.secretKey),
    options: { ...DEFAULT_ENGINE_OPTIONS, leaseMs: options.leaseMs },
    logger,
  });
  await engine.start();
  process.stdout.write(`ready ${engine.engineId}\n`);
  // stay up until killed
  setInterval(() => {}, 60_000);
}

main().catch(error => {
  process.stderr.write(`engine process failed: ${error}\n`);
  process.exit(1);
});
