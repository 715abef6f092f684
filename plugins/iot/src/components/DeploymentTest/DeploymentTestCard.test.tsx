import { ConflictError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  EMPTY_SPEC_GRAPH,
  exampleSpecGraph,
  type IotInstanceEvent,
  type IotInstanceItem,
} from '@internal/backstage-plugin-iot-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { standardSpec } from '../../__testUtils__/apps';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import {
  TEST_INSTANCE_ID,
  testEvent,
  testInstance,
  testInstanceSummary,
} from '../../__testUtils__/instances';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { DeploymentTestCard } from './DeploymentTestCard';

stubReactFlowBrowser();
// whole card with a canvas, polled: slow in jsdom
jest.setTimeout(30_000);

const OUTPUTS = {
  accessAddress: 'http://198.18.7.9',
  account: 'admin',
  password: 'Xk2#pL9qW4mZ7rT1vB8n',
};

/**
 * Makes the instance go through `steps`, one per GET (staying at the last),
 * and the log say `events` up to each step's `events` count.
 */
/**
 * The instance the polls see: the next step each poll, or with `manual`
 * the same step until the test calls `advance()` (for a state the test
 * must see before the next one).
 */
function script(
  api: ReturnType<typeof fakeIotApi>,
  steps: IotInstanceItem[],
  events: IotInstanceEvent[] = [],
  options: { manual?: boolean } = {},
) {
  let step = -1;
  let released = 0;
  api.getInstance.mockImplementation(async () => {
    step = options.manual
      ? Math.min(released, steps.length - 1)
      : Math.min(step + 1, steps.length - 1);
    return steps[step];
  });
  api.listInstanceEvents.mockImplementation(async (_id, request = {}) => ({
    items: events
      .slice(0, steps[Math.max(step, 0)].events.length)
      .filter(event => event.id > (request.after ?? 0)),
    nextCursor: null,
  }));
  return {
    restart: () => (step = -1),
    advance: () => {
      released += 1;
    },
  };
}

function renderCard(
  options: {
    api?: ReturnType<typeof fakeIotApi>;
    canUpdate?: boolean;
    unsavedChanges?: boolean;
  } = {},
) {
  const { api = fakeIotApi(), canUpdate = true, unsavedChanges } = options;
  const onSettled = jest.fn();
  renderInTestApp(
    <DeploymentTestCard
      spec={standardSpec}
      canUpdate={canUpdate}
      onSettled={onSettled}
      pollIntervalMs={5}
      unsavedChanges={unsavedChanges}
    />,
    {
      apis: [[iotApiRef, api], catalogApiMock(), mockApis.permission()],
      mountedRoutes: iotMountedRoutes,
    },
  );
  return { api, onSettled };
}

const startButton = () => screen.getByRole('button', { name: 'Start install' });
const node = (name: string) => screen.findByRole('group', { name });
const progressBar = (name: string) => screen.getByRole('progressbar', { name });
const historyRows = () =>
  within(screen.getByRole('table', { name: 'Test installs of this spec' }))
    .getAllByRole('row')
    .slice(1);

const log = [
  testEvent(1, 'install started: 9 resources, at most 10 at a time'),
  testEvent(2, "VPC 'parking-vpc': created in 0.1 s", 'vpc'),
  testEvent(3, 'installed: 9 resources ready in 12.0 s'),
];

describe('DeploymentTestCard', () => {
  it('says what Start install does before the first test', async () => {
    renderCard();
    expect(
      await screen.findByText(/^No test installs yet — Start install deploys/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Start install deploys the saved dependency graph to the sandbox cloud: save your changes in the editor first.',
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(startButton()).toBeEnabled());
  });

  it('installs the spec with live progress over the graph, then shows the outputs', async () => {
    const api = fakeIotApi();
    const installed = testInstance(
      {
        status: 'running',
        installResult: 'passed',
        installFinishedAt: '2026-10-05T08:00:12Z',
        outputs: OUTPUTS,
        events: log,
      },
      {},
      'ready',
    );
    script(
      api,
      [
        testInstance(
          { status: 'installing', events: log.slice(0, 1) },
          {
            vpc: 'creating',
          },
        ),
        testInstance(
          { status: 'installing', events: log.slice(0, 2) },
          {
            vpc: 'ready',
            subnet: 'creating',
            sg: 'creating',
            eip: 'creating',
          },
        ),
        installed,
      ],
      log,
    );
    api.listDeploymentTests
      .mockResolvedValueOnce({ items: [], nextCursor: null })
      .mockResolvedValue({ items: [installed], nextCursor: null });
    const { onSettled } = renderCard({ api });

    await waitFor(() => expect(startButton()).toBeEnabled());
    await userEvent.click(startButton());
    expect(api.startDeploymentTest).toHaveBeenCalledWith(
      'smart-parking-standard',
    );

    // every resource ends ready, and the bar full
    expect(await node('VPC parking-vpc: Ready')).toBeInTheDocument();
    expect(await node('Load balancer parking-elb: Ready')).toHaveAttribute(
      'aria-roledescription',
      'node',
    );
    await waitFor(() =>
      expect(progressBar('Install progress')).toHaveAttribute(
        'aria-valuenow',
        '100',
      ),
    );
    expect(
      screen.getByText('100% · 9 of 9 resources ready'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Installed: every resource is ready. Delete the instance when you are done with it.',
      ),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Resource states' })).getByText(
        'Ready 9',
      ),
    ).toBeInTheDocument();

    // the log: time, resource, message
    const logTable = screen.getByRole('table', { name: 'Install log' });
    await waitFor(() =>
      expect(within(logTable).getAllByRole('row')).toHaveLength(4),
    );
    expect(
      within(within(logTable).getAllByRole('row')[2]).getAllByRole('cell')[1],
    ).toHaveTextContent('parking-vpc');

    // the outputs, the password masked until revealed
    expect(
      screen.getByRole('link', { name: /^http:\/\/198\.18\.7\.9/ }),
    ).toHaveAttribute('href', 'http://198.18.7.9');
    expect(screen.getByText('admin')).toBeInTheDocument();
    expect(screen.queryByText(OUTPUTS.password)).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show password' }),
    );
    expect(screen.getByText(OUTPUTS.password)).toBeInTheDocument();

    // the spec may have passed now; the history has the test
    expect(onSettled).toHaveBeenCalled();
    await waitFor(() => expect(historyRows()).toHaveLength(1));
    const cells = within(historyRows()[0]).getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('Running');
    expect(cells[2]).not.toHaveTextContent('—');
    expect(cells[3]).toHaveTextContent('12 s');
    expect(cells[4]).toHaveTextContent('Yes');
    expect(cells[6]).toHaveTextContent('Shown above');
  });

  it('says which resource failed and why, and that the install was rolled back', async () => {
    const api = fakeIotApi();
    const error = {
      nodeId: 'cluster',
      message:
        "Container cluster 'parking-cce' failed: sandbox refused creating Container cluster 'parking-cce': fault injected by property x-fault of node cluster; remove it to let the resource be created",
    };
    const rollingBack = testInstance(
      { status: 'installing', operation: 'rollback', error },
      { vpc: 'ready', subnet: 'deleting', sg: 'ready', cluster: 'failed' },
    );
    const rolledBack = testInstance(
      {
        status: 'failed',
        operation: 'rollback',
        error,
        installResult: 'failed',
        installFinishedAt: '2026-10-05T08:00:09Z',
      },
      { vpc: 'deleted', subnet: 'deleted', sg: 'deleted', cluster: 'deleted' },
    );
    for (const instance of [rollingBack, rolledBack]) {
      instance.resources.find(r => r.nodeId === 'cluster')!.error =
        "sandbox refused creating Container cluster 'parking-cce'";
    }
    const rollback = script(api, [rollingBack, rolledBack], [], {
      manual: true,
    });
    api.listDeploymentTests.mockResolvedValue({
      items: [testInstanceSummary({ status: 'installing' })],
      nextCursor: null,
    });
    renderCard({ api });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Install failed at Container cluster parking-cce',
    );
    expect(alert).toHaveTextContent(error.message);
    // its reason shows on hovering it
    expect(
      within(await node('Container cluster parking-cce: Failed')).getByTitle(
        /^sandbox refused creating/,
      ),
    ).toBeInTheDocument();
    rollback.advance();
    await waitFor(() =>
      expect(alert).toHaveTextContent(
        'Rolled back: every resource it had created was deleted, so nothing is left in the sandbox cloud.',
      ),
    );
    // deleted by the rollback, still marked as the one that failed
    expect(
      await node('Container cluster parking-cce: Deleted, failed'),
    ).toBeVisible();
    expect(await node('Node pool parking-nodes: Pending')).toBeVisible();
    expect(progressBar('Rollback progress')).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    // nothing is left to delete
    expect(
      screen.queryByRole('button', { name: 'Delete instance' }),
    ).toBeNull();
  });

  it('deletes the instance after confirmation and shows the uninstall', async () => {
    const api = fakeIotApi();
    const running = testInstance(
      { status: 'running', installResult: 'passed', outputs: OUTPUTS },
      {},
      'ready',
    );
    const uninstalling = testInstance(
      {
        status: 'uninstalling',
        operation: 'uninstall',
        installResult: 'passed',
        outputs: OUTPUTS,
      },
      { server: 'deleted', lb: 'deleted', eip: 'deleting' },
      'ready',
    );
    const deleted = testInstance(
      { status: 'deleted', operation: 'uninstall', installResult: 'passed' },
      {},
      'deleted',
    );
    const steps = script(api, [running]);
    api.listDeploymentTests.mockResolvedValue({
      items: [testInstanceSummary({ status: 'running' })],
      nextCursor: null,
    });
    api.deleteInstance.mockImplementation(async () => {
      script(api, [uninstalling, deleted]);
      return uninstalling;
    });
    renderCard({ api });
    expect(steps).toBeDefined();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Delete instance' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Delete instance?',
    });
    expect(dialog).toHaveTextContent(
      'Delete this test install of Smart Parking — standard? Its resources are deleted in reverse dependency order',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Delete' }),
    );

    expect(api.deleteInstance).toHaveBeenCalledWith(TEST_INSTANCE_ID);
    expect(
      await screen.findByText(
        'Deleted: every resource of this install was removed.',
      ),
    ).toBeInTheDocument();
    expect(progressBar('Uninstall progress')).toHaveAttribute(
      'aria-valuenow',
      '100',
    );
    expect(await node('VPC parking-vpc: Deleted')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Delete instance' }),
    ).toBeNull();
    // the history was read again
    await waitFor(() =>
      expect(api.listDeploymentTests.mock.calls.length).toBeGreaterThan(1),
    );
  });

  it('shows an earlier test chosen from the history', async () => {
    const api = fakeIotApi();
    const older = testInstanceSummary({
      id: 'inst-00000000000000000001',
      status: 'failed',
      operation: 'rollback',
      installResult: 'failed',
      createdAt: '2026-10-04T08:00:00Z',
      installFinishedAt: '2026-10-04T08:01:05Z',
    });
    api.listDeploymentTests.mockResolvedValue({
      items: [
        testInstanceSummary({
          status: 'deleted',
          operation: 'uninstall',
          installResult: 'passed',
          installFinishedAt: '2026-10-05T08:00:12Z',
        }),
        older,
      ],
      nextCursor: null,
    });
    api.getInstance.mockImplementation(async id =>
      id === older.id
        ? testInstance({ ...older }, {}, 'deleted')
        : testInstance(
            { status: 'deleted', operation: 'uninstall' },
            {},
            'deleted',
          ),
    );
    renderCard({ api });

    await waitFor(() => expect(historyRows()).toHaveLength(2));
    const olderCells = within(historyRows()[1]).getAllByRole('cell');
    expect(olderCells[3]).toHaveTextContent('1 min 5 s');
    expect(olderCells[4]).toHaveTextContent('No');
    expect(api.getInstance).toHaveBeenLastCalledWith(TEST_INSTANCE_ID);

    await userEvent.click(
      within(historyRows()[1]).getByRole('button', { name: /^Show the test/ }),
    );
    await waitFor(() =>
      expect(api.getInstance).toHaveBeenLastCalledWith(older.id),
    );
    expect(
      await within(historyRows()[1]).findByText('Shown above'),
    ).toBeInTheDocument();
  });

  it('shows why the server refused to start', async () => {
    const api = fakeIotApi();
    api.startDeploymentTest.mockRejectedValue(
      new ConflictError(
        "spec 'Smart Parking — standard' has no resources in its dependency graph; add some in the editor and save before testing a deployment",
      ),
    );
    renderCard({ api });
    await waitFor(() => expect(startButton()).toBeEnabled());
    await userEvent.click(startButton());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not start the install');
    expect(alert).toHaveTextContent(/add some in the editor and save/);
  });

  it('says why Start install is disabled', async () => {
    const denied = renderCard({ canUpdate: false });
    expect(
      await screen.findByText(
        "Only members of the app's owner group can test-deploy this spec.",
      ),
    ).toBeInTheDocument();
    expect(startButton()).toBeDisabled();
    expect(denied.api.startDeploymentTest).not.toHaveBeenCalled();
  });

  it('waits for the editor to save its changes, since it installs the saved graph', async () => {
    const { api } = renderCard({ unsavedChanges: true });
    expect(
      await screen.findByText(
        'Save the dependency graph first: Start install deploys the saved graph, and the editor holds unsaved changes.',
      ),
    ).toBeInTheDocument();
    expect(startButton()).toBeDisabled();
    expect(api.startDeploymentTest).not.toHaveBeenCalled();
  });

  it.each([
    [
      'empty',
      EMPTY_SPEC_GRAPH,
      'The saved graph has no resources yet: add some in the dependency editor and save.',
    ],
    [
      'invalid',
      {
        ...exampleSpecGraph(),
        edges: exampleSpecGraph().edges.filter(e => e.source !== 'subnet'),
      },
      'The saved graph has 1 problem: fix it in the dependency editor and save.',
    ],
  ])(
    'disables Start install for an %s saved graph',
    async (_, graph, reason) => {
      const api = fakeIotApi();
      api.getSpecGraph.mockResolvedValue({ graph, etag: '"v1"' });
      renderCard({ api });
      expect(await screen.findByText(reason)).toBeInTheDocument();
      expect(startButton()).toBeDisabled();
    },
  );
});
