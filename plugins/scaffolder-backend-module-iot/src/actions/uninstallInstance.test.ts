import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { startFakeIotBackend } from '../__testUtils__/fakeIotBackend';
import { createDeployInstanceAction } from './deployInstance';
import { createUninstallInstanceAction } from './uninstallInstance';
import { examples } from './uninstallInstance.examples';

/** An input as the scaffolder hands it over: defaults applied. */
const uninstallInput = (input: { instanceId: string }) => ({
  waitForCompletion: true,
  timeoutMinutes: 1,
  ...input,
});

describe('iot:instance:uninstall', () => {
  let backend: Awaited<ReturnType<typeof startFakeIotBackend>>;
  let options: Parameters<typeof createUninstallInstanceAction>[0];

  beforeEach(async () => {
    backend = await startFakeIotBackend();
    options = {
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => backend.baseUrl,
      }),
      auth: mockServices.auth(),
      pollMs: 5,
    };
  });

  afterEach(async () => {
    await backend.stop();
  });

  /** Installs an instance through the deploy action; its id. */
  async function deployed(): Promise<string> {
    const ctx = createMockActionContext({
      input: {
        specId: 'smart-parking-standard',
        waitForCompletion: true,
        timeoutMinutes: 1,
      },
    });
    await createDeployInstanceAction(options).handler(ctx);
    return [...backend.instances.keys()][0];
  }

  it.each(examples.map(example => [example.description, example.example]))(
    'runs the example "%s"',
    async (_description, example) => {
      const instanceId = await deployed();
      const { input } = yaml.parse(example).steps[0];
      const ctx = createMockActionContext({ input: { ...input, instanceId } });

      await createUninstallInstanceAction(options).handler(ctx);

      expect(ctx.output).toHaveBeenCalledWith('status', 'deleted');
      expect(backend.requests).toContainEqual({
        method: 'DELETE',
        path: `/api/iot/instances/${instanceId}`,
        authorization: expect.stringMatching(/^Bearer /),
      });
    },
  );

  it('can be run again on a deleted instance', async () => {
    const instanceId = await deployed();
    const action = createUninstallInstanceAction(options);

    for (let i = 0; i < 2; i++) {
      const ctx = createMockActionContext({
        input: uninstallInput({ instanceId }),
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('status', 'deleted');
    }
  });

  it('names a missing instance', async () => {
    const ctx = createMockActionContext({
      input: uninstallInput({ instanceId: 'inst-99999999999999999999' }),
    });

    await expect(
      createUninstallInstanceAction(options).handler(ctx),
    ).rejects.toThrow(/no such thing/);
  });
});
