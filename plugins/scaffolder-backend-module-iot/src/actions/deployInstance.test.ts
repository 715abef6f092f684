import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { startFakeIotBackend } from '../__testUtils__/fakeIotBackend';
import { createDeployInstanceAction } from './deployInstance';
import { examples } from './deployInstance.examples';

/** An input as the scaffolder hands it over: defaults applied. */
const deployInput = (input: {
  specId: string;
  waitForCompletion?: boolean;
}) => ({
  waitForCompletion: true,
  timeoutMinutes: 1,
  ...input,
});

describe('iot:instance:deploy', () => {
  let backend: Awaited<ReturnType<typeof startFakeIotBackend>>;
  let action: ReturnType<typeof createDeployInstanceAction>;

  beforeEach(async () => {
    backend = await startFakeIotBackend();
    action = createDeployInstanceAction({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => backend.baseUrl,
      }),
      auth: mockServices.auth(),
      pollMs: 5,
    });
  });

  afterEach(async () => {
    await backend.stop();
  });

  it.each(examples.map(example => [example.description, example.example]))(
    'runs the example "%s"',
    async (_description, example) => {
      const { input } = yaml.parse(example).steps[0];
      const ctx = createMockActionContext({ input });

      await action.handler(ctx);

      const [instanceId] = [...backend.instances.keys()];
      const outputs =
        input.waitForCompletion === false
          ? [
              ['instanceId', instanceId],
              ['status', 'pending'],
            ]
          : [
              ['instanceId', instanceId],
              ['status', 'running'],
              ['accessAddress', 'http://198.18.7.9'],
              ['account', 'admin'],
            ];
      expect((ctx.output as jest.Mock).mock.calls).toEqual(outputs);
    },
  );

  it('calls the iot backend with a token on behalf of the task user and streams the instance log', async () => {
    const info = jest.fn();
    const ctx = createMockActionContext({
      input: deployInput({
        specId: 'smart-parking-standard',
        waitForCompletion: true,
      }),
    });
    ctx.logger.info = info;

    await action.handler(ctx);

    expect(backend.requests[0]).toEqual({
      method: 'POST',
      path: '/api/iot/specs/smart-parking-standard/deployment-tests',
      authorization: expect.stringMatching(/^Bearer \S+/),
    });
    expect(info).toHaveBeenCalledWith('install started');
    expect(info).toHaveBeenCalledWith("[vpc] VPC 'vpc': created in 0.1 s");
    // each event once, though the instance was polled several times
    expect(
      info.mock.calls.filter(([line]) => line === 'install started'),
    ).toHaveLength(1);
  });

  it('follows the instance it started before a restart instead of starting another', async () => {
    const first = createMockActionContext({
      input: deployInput({
        specId: 'smart-parking-standard',
        waitForCompletion: false,
      }),
    });
    const checkpoints = new Map<string, unknown>();
    first.checkpoint = async ({ key, fn }: any) => {
      if (!checkpoints.has(key)) checkpoints.set(key, await fn());
      return checkpoints.get(key) as any;
    };
    await action.handler(first);

    const resumed = createMockActionContext({
      input: deployInput({ specId: 'smart-parking-standard' }),
    });
    resumed.checkpoint = first.checkpoint;
    await action.handler(resumed);

    expect(backend.instances.size).toBe(1);
    expect(
      backend.requests.filter(request => request.method === 'POST'),
    ).toHaveLength(1);
    expect(resumed.output).toHaveBeenCalledWith('status', 'running');
  });

  it('fails the step with the resource that failed and why', async () => {
    const ctx = createMockActionContext({
      input: deployInput({ specId: 'broken-spec' }),
    });

    await expect(action.handler(ctx)).rejects.toThrow(
      /^instance inst-\d+ of spec broken-spec is failed: Relational database 'db' failed: quota reached$/,
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'failed');
  });

  it("passes the iot backend's refusal on", async () => {
    const ctx = createMockActionContext({
      input: deployInput({ specId: 'unknown-spec' }),
    });

    await expect(action.handler(ctx)).rejects.toThrow(/no such thing/);
  });
});
