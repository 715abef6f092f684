import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { examples } from './uninstallInstance.examples';
import { IotInstancesClient } from './IotInstancesClient';

/**
 * `iot:instance:uninstall`: uninstalls an instance through the iot backend
 * on behalf of the task's user (every resource, in reverse dependency
 * order; an install in progress stops first) and by default waits until it
 * is deleted. Uninstalling is idempotent, so a resumed task may ask again.
 */
export function createUninstallInstanceAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  /** How often to poll the instance; default 2 s. */
  pollMs?: number;
}) {
  const client = new IotInstancesClient(options);
  const pollMs = options.pollMs ?? 2000;
  return createTemplateAction({
    id: 'iot:instance:uninstall',
    description:
      'Uninstalls an instance of the IoT portal: deletes its resources in reverse dependency order',
    examples,
    schema: {
      input: {
        instanceId: z =>
          z
            .string()
            .regex(/^inst-[a-z0-9]{20}$/, 'must be an instance id')
            .describe('Id of the instance, e.g. from iot:instance:deploy'),
        waitForCompletion: z =>
          z
            .boolean()
            .default(true)
            .describe('Wait until every resource is deleted'),
        timeoutMinutes: z =>
          z
            .number()
            .min(1)
            .max(24 * 60)
            .default(60)
            .describe('How long to wait for the uninstall'),
      },
      output: {
        status: z =>
          z.string().describe('Status of the instance when the step ended'),
      },
    },
    async handler(ctx) {
      const credentials = await ctx.getInitiatorCredentials();
      const { instanceId, waitForCompletion, timeoutMinutes } = ctx.input;
      const status = await ctx.checkpoint({
        key: `iot-instance-uninstall.${ctx.step?.id ?? 'step'}.${instanceId}`,
        fn: async () =>
          (
            await client.uninstall(instanceId, credentials)
          ).status,
      });
      ctx.logger.info(`Uninstalling instance ${instanceId}`);
      if (waitForCompletion === false) {
        ctx.output('status', status);
        return;
      }
      const instance = await client.follow(instanceId, {
        statuses: ['deleted', 'failed'],
        credentials,
        logger: ctx.logger,
        pollMs,
        timeoutMs: (timeoutMinutes ?? 60) * 60_000,
        signal: ctx.signal,
      });
      ctx.output('status', instance.status);
      if (instance.status !== 'deleted') {
        throw new Error(
          `instance ${instanceId} could not be uninstalled: ${
            instance.error?.message ?? instance.status
          }`,
        );
      }
    },
  });
}
