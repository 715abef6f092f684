import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './deployInstance.examples';
import { IotInstancesClient } from './IotInstancesClient';

/**
 * `iot:instance:deploy`: installs a spec's saved graph through the iot
 * backend (a deployment test, SPEC-8) on behalf of the task's user, and by
 * default waits for it, with the instance's log in the task log. The
 * request is a checkpoint: a task resumed after a crash follows the
 * instance it started rather than starting a second one. Passwords are
 * not outputs (task outputs are visible to whoever may read the task): the
 * owner sees them in the portal.
 */
export function createDeployInstanceAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  /** How often to poll the instance; default 2 s. */
  pollMs?: number;
}) {
  const client = new IotInstancesClient(options);
  const pollMs = options.pollMs ?? 2000;
  return createTemplateAction({
    id: 'iot:instance:deploy',
    description:
      'Installs a spec of the IoT portal (its dependency graph, on the deployment provider) and waits until it runs; a failure is rolled back by the portal and fails the step',
    examples,
    schema: {
      input: {
        specId: z =>
          z
            .string()
            .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a spec id')
            .describe('Id of the spec to install, e.g. smart-parking-standard'),
        waitForCompletion: z =>
          z
            .boolean()
            .default(true)
            .describe(
              'Wait until the instance runs (or fails); otherwise only start it',
            ),
        timeoutMinutes: z =>
          z
            .number()
            .min(1)
            .max(24 * 60)
            .default(60)
            .describe('How long to wait for the install'),
      },
      output: {
        instanceId: z => z.string().describe('Id of the instance'),
        status: z =>
          z.string().describe('Status of the instance when the step ended'),
        accessAddress: z =>
          z
            .string()
            .nullable()
            .optional()
            .describe('Where the installed app answers, once running'),
        account: z =>
          z
            .string()
            .optional()
            .describe("The app administrator's account, once running"),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const { specId, waitForCompletion, timeoutMinutes } = ctx.input;
      const { instanceId } = await ctx.checkpoint({
        key: `iot-instance-deploy.${ctx.step?.id ?? 'step'}.${specId}`,
        fn: async () => {
          const started = await client.startDeploymentTest(specId, credentials);
          return { instanceId: started.instanceId };
        },
      });
      ctx.logger.info(`Installing spec ${specId} as instance ${instanceId}`);
      ctx.output('instanceId', instanceId);
      if (waitForCompletion === false) {
        ctx.output('status', 'pending');
        return;
      }

      const instance = await client.follow(instanceId, {
        statuses: ['running', 'failed', 'deleted'],
        credentials,
        logger: ctx.logger,
        pollMs,
        timeoutMs: (timeoutMinutes ?? 60) * 60_000,
        signal: ctx.signal,
      });
      ctx.output('status', instance.status);
      if (instance.status !== 'running') {
        throw new Error(
          `instance ${instanceId} of spec ${specId} is ${instance.status}: ${
            instance.error?.message ?? 'it was uninstalled meanwhile'
          }`,
        );
      }
      ctx.output('accessAddress', instance.outputs?.accessAddress ?? null);
      if (instance.outputs?.account) {
        ctx.output('account', instance.outputs.account);
      }
    },
  });
}
