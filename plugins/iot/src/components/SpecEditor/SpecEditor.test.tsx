import { ConflictError } from '@backstage/errors';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import type { SpecGraph } from '@internal/backstage-plugin-iot-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  iotApiRef,
  SpecGraphChangedError,
  SpecGraphInvalidError,
} from '../../api';
import { edgeSpec, standardSpec } from '../../__testUtils__/apps';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import { iotMountedRoutes } from '../../__testUtils__/routes';
import { SpecEditor } from './SpecEditor';

stubReactFlowBrowser();
// each test renders a whole editor and acts like a user: slow in jsdom
jest.setTimeout(30_000);

function renderEditor(
  options: {
    api?: ReturnType<typeof fakeIotApi>;
    editable?: boolean;
    spec?: typeof standardSpec;
  } = {},
) {
  const { api = fakeIotApi(), editable = true, spec = standardSpec } = options;
  const onSaved = jest.fn();
  const onUnsavedChange = jest.fn();
  renderInTestApp(
    <SpecEditor
      spec={spec}
      editable={editable}
      onSaved={onSaved}
      onUnsavedChange={onUnsavedChange}
    />,
    {
      apis: [[iotApiRef, api], mockApis.permission()],
      mountedRoutes: iotMountedRoutes,
    },
  );
  return { api, onSaved, onUnsavedChange };
}

const node = (name: string) => screen.findByRole('group', { name });
const nodes = () =>
  screen
    .queryAllByRole('group')
    .filter(el => el.getAttribute('aria-roledescription') === 'node');
/** Selects a node as a click does; userEvent's mousedown would start a d3 drag, which needs a real window. */
const select = async (name: string) => fireEvent.click(await node(name));
const status = () =>
  within(
    screen.getByRole('toolbar', { name: 'Dependency graph commands' }),
  ).getByRole('status');
const button = (name: string) => screen.getByRole('button', { name });

/** Connects two nodes the way a user can without dragging: click one handle, then the other. */
async function clickConnect(from: HTMLElement, to: HTMLElement) {
  await userEvent.click(
    within(from).getByLabelText('Depends on: drag to what this resource needs'),
  );
  await userEvent.click(
    within(to).getByLabelText('Needed by: drop a dependency here'),
  );
}

describe('SpecEditor', () => {
  it('shows the saved graph, valid and unchanged, and a node’s properties when selected', async () => {
    const { api } = renderEditor();

    await node('VPC parking-vpc');
    expect(api.getSpecGraph).toHaveBeenCalledWith('smart-parking-standard');
    expect(nodes()).toHaveLength(9);
    expect(status()).toHaveTextContent('Valid');
    expect(button('Save')).toBeDisabled();

    await select('VPC parking-vpc');
    expect(await screen.findByRole('textbox', { name: 'Name' })).toHaveValue(
      'parking-vpc',
    );
    expect(screen.getByRole('textbox', { name: 'CIDR block' })).toHaveValue(
      '192.168.0.0/16',
    );
  });

  it('adds a resource from the palette, shows its missing name and dependency, and fixes them', async () => {
    const { api } = renderEditor({ spec: edgeSpec });
    expect(
      await screen.findByText(/Drag resources from the palette/),
    ).toBeInTheDocument();

    await userEvent.click(button('Add VPC'));
    await userEvent.click(button('Add Subnet'));
    const subnet = await node('Subnet subnet-1');
    expect(api.getSpecGraph).toHaveBeenCalledWith('smart-parking-edge');

    // live validation: both need a name, the subnet a VPC
    await waitFor(() => expect(status()).toHaveTextContent('3 problems'));
    expect(within(subnet).getByRole('status')).toHaveAccessibleName(
      '2 problems',
    );
    const name = screen.getByRole('textbox', { name: 'Name' });
    expect(name).toHaveAccessibleDescription(
      'Required property missing: is required; set it in the property panel',
    );
    expect(
      screen.getByRole('list', { name: 'Problems of this resource' }),
    ).toHaveTextContent('Missing dependency');
    expect(button('Save')).toBeDisabled();

    await userEvent.type(name, 'edge-subnet');
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Add a dependency' }),
      'vpc-1 (VPC)',
    );
    await select('VPC vpc-1');
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Name' }),
      'edge-vpc',
    );

    await waitFor(() => expect(status()).toHaveTextContent('Valid'));
    expect(status()).toHaveTextContent('Unsaved changes');
    await userEvent.click(button('Save'));
    await waitFor(() => expect(api.saveSpecGraph).toHaveBeenCalled());
    const [specId, graph, etag] = api.saveSpecGraph.mock.calls[0];
    expect(specId).toBe('smart-parking-edge');
    expect(etag).toBe('"v1"');
    expect(graph.edges).toEqual([{ source: 'subnet-1', target: 'vpc-1' }]);
    expect(graph.nodes.map(n => [n.id, n.properties.name])).toEqual([
      ['vpc-1', 'edge-vpc'],
      ['subnet-1', 'edge-subnet'],
    ]);
  });

  it('refuses a connection the resource types do not allow, saying why', async () => {
    renderEditor();
    const subnet = await node('Subnet parking-subnet');
    const eip = await node('Elastic IP parking-eip');
    const vpc = await node('VPC parking-vpc');

    await clickConnect(subnet, eip);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'parking-subnet (Subnet) cannot depend on parking-eip (Elastic IP): a Subnet may depend on VPC.',
    );

    await clickConnect(vpc, subnet);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        "Did you mean the other way round? Drag from parking-subnet's left handle to parking-vpc's right handle.",
      ),
    );

    await clickConnect(subnet, vpc);
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'parking-subnet already depends on parking-vpc.',
      ),
    );
    expect(status()).not.toHaveTextContent('Unsaved changes');
  });

  it('connects what may be connected', async () => {
    const api = fakeIotApi();
    api.getSpecGraph.mockResolvedValue({
      graph: {
        nodes: [
          {
            id: 'vpc',
            type: 'vpc',
            properties: { name: 'v' },
            position: { x: 0, y: 0 },
          },
          {
            id: 'sn',
            type: 'subnet',
            properties: { name: 's' },
            position: { x: 300, y: 0 },
          },
        ],
        edges: [],
      },
      etag: '"v1"',
    });
    renderEditor({ api });
    await clickConnect(await node('Subnet s'), await node('VPC v'));
    await waitFor(() => expect(status()).toHaveTextContent('Valid'));
    expect(status()).toHaveTextContent('Unsaved changes');
  });

  it('undoes and redoes with the buttons and the keyboard', async () => {
    renderEditor({ spec: edgeSpec });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add VPC' }),
    );
    expect(await node('VPC vpc-1')).toBeInTheDocument();

    await userEvent.click(button('Undo'));
    await waitFor(() => expect(nodes()).toHaveLength(0));
    expect(button('Undo')).toBeDisabled();

    await userEvent.click(button('Redo'));
    expect(await node('VPC vpc-1')).toBeInTheDocument();

    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(nodes()).toHaveLength(0));
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    expect(await node('VPC vpc-1')).toBeInTheDocument();
    await userEvent.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(nodes()).toHaveLength(0));
    await userEvent.keyboard('{Control>}y{/Control}');
    expect(await node('VPC vpc-1')).toBeInTheDocument();
  });

  it('moves a dragged node on the canvas and makes the whole drag one undo step', async () => {
    renderEditor();
    const vpc = await node('VPC parking-vpc');
    const before = vpc.style.transform;
    expect(button('Undo')).toBeDisabled();

    // @xyflow's d3 drag: press on the node, moves and release on the window
    fireEvent.mouseDown(vpc, {
      button: 0,
      clientX: 10,
      clientY: 10,
      view: window,
    });
    for (let step = 1; step <= 5; step++) {
      fireEvent.mouseMove(window, {
        clientX: 10 + step * 20,
        clientY: 10 + step * 10,
        view: window,
      });
    }
    await waitFor(() => expect(vpc.style.transform).not.toBe(before));
    // the graph (undo history, unsaved state) learns the move on drop only
    expect(button('Undo')).toBeDisabled();
    fireEvent.mouseUp(window, { clientX: 110, clientY: 60, view: window });
    await waitFor(() => expect(button('Undo')).toBeEnabled());
    const moved = vpc.style.transform;
    expect(status()).toHaveTextContent('Unsaved changes');

    await userEvent.click(button('Undo'));
    await waitFor(() => expect(vpc.style.transform).toBe(before));
    expect(button('Undo')).toBeDisabled();
    await userEvent.click(button('Redo'));
    await waitFor(() => expect(vpc.style.transform).toBe(moved));
  });

  it('selects a dependency by click and by keyboard, and deletes it', async () => {
    renderEditor();
    const edge = await screen.findByRole('group', {
      name: 'parking-server depends on parking-nodes',
    });
    await userEvent.click(edge);
    expect(edge).toHaveClass('selected');

    await select('VPC parking-vpc');
    await waitFor(() => expect(edge).not.toHaveClass('selected'));

    edge.focus();
    await userEvent.keyboard('{Enter}');
    expect(edge).toHaveClass('selected');
    await userEvent.keyboard('{Escape}');
    expect(edge).not.toHaveClass('selected');

    await userEvent.click(edge);
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Delete}');
    await waitFor(() =>
      expect(
        screen.queryByRole('group', {
          name: 'parking-server depends on parking-nodes',
        }),
      ).toBeNull(),
    );
    expect(status()).toHaveTextContent('Unsaved changes');
  });

  it('deletes and duplicates the selection', async () => {
    renderEditor();
    await select('Node pool parking-nodes');
    await userEvent.click(button('Duplicate'));
    expect(await node('Node pool parking-nodes-2')).toBeInTheDocument();

    await userEvent.click(button('Delete'));
    await waitFor(() =>
      expect(
        screen.queryByRole('group', { name: 'Node pool parking-nodes-2' }),
      ).toBeNull(),
    );
    await select('Elastic IP parking-eip');
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.keyboard('{Delete}');
    await waitFor(() =>
      expect(
        screen.queryByRole('group', { name: 'Elastic IP parking-eip' }),
      ).toBeNull(),
    );
  });

  it('shows the problems the server refused the graph with', async () => {
    const { api, onSaved } = renderEditor();
    api.saveSpecGraph.mockRejectedValueOnce(
      new SpecGraphInvalidError(
        "1 problem: node 'server' (Container workload): image 'parking-server' belongs to another group; choose an image your group uploaded",
        [
          {
            nodeId: 'server',
            property: 'image',
            rule: 'image-owner',
            code: 'image-owner',
            params: { image: 'parking-server' },
            message:
              "node 'server' (Container workload): image 'parking-server' belongs to another group; choose an image your group uploaded",
          },
        ],
      ),
    );
    await select('VPC parking-vpc');
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Name' }),
      '2',
    );
    await waitFor(() => expect(button('Save')).toBeEnabled());
    await userEvent.keyboard('{Control>}s{/Control}');

    expect(
      await screen.findByText('The portal refused the graph: 1 problem'),
    ).toBeInTheDocument();
    const problems = screen.getByRole('region', { name: 'Problems (1)' });
    expect(problems).toHaveTextContent(
      "Another group's image — node 'server' (Container workload): image 'parking-server' belongs to another group; choose an image your group uploaded",
    );
    expect(
      within(await node('Container workload parking-server')).getByRole(
        'status',
      ),
    ).toHaveAccessibleName('1 problem');
    expect(onSaved).not.toHaveBeenCalled();

    await userEvent.click(
      within(problems).getByRole('button', { name: "Another group's image" }),
    );
    expect(
      await screen.findByRole('group', { name: 'Image' }),
    ).toHaveTextContent(
      "Another group's image: image 'parking-server' belongs to another group; choose an image your group uploaded",
    );
  });

  it('saves, and offers to overwrite or reload when someone else saved first', async () => {
    const { api, onSaved, onUnsavedChange } = renderEditor();
    api.saveSpecGraph.mockRejectedValueOnce(
      new SpecGraphChangedError(
        "the dependency graph of spec 'Smart Parking — standard' changed since you loaded it",
      ),
    );
    await select('VPC parking-vpc');
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Name' }),
      '2',
    );
    await waitFor(() => expect(button('Save')).toBeEnabled());
    // the spec page learns of it (its deployment test waits for a save)
    expect(onUnsavedChange).toHaveBeenLastCalledWith(true);
    await userEvent.click(button('Save'));

    const dialog = await screen.findByRole('dialog', {
      name: 'Someone else saved this graph',
    });
    expect(dialog).toHaveTextContent('changed since you loaded it');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Overwrite with mine' }),
    );
    await waitFor(() => expect(api.saveSpecGraph).toHaveBeenCalledTimes(2));
    const [, graph, etag] = api.saveSpecGraph.mock.calls[1];
    expect(etag).toBeUndefined();
    expect((graph as SpecGraph).nodes[0].properties.name).toBe('parking-vpc2');
    expect(
      await screen.findByText('Saved the dependency graph.'),
    ).toBeInTheDocument();
    expect(onSaved).toHaveBeenCalledTimes(1);
    expect(status()).not.toHaveTextContent('Unsaved changes');
    expect(onUnsavedChange).toHaveBeenLastCalledWith(false);
  });

  it('says why the server refused to save, e.g. an app in review', async () => {
    const { api } = renderEditor();
    api.saveSpecGraph.mockRejectedValueOnce(
      new ConflictError(
        "spec 'Smart Parking — standard' belongs to app 'Smart Parking', which is in review; its specs cannot be changed until a reviewer approves or rejects it",
      ),
    );
    await select('VPC parking-vpc');
    await userEvent.type(
      await screen.findByRole('textbox', { name: 'Name' }),
      '2',
    );
    await waitFor(() => expect(button('Save')).toBeEnabled());
    await userEvent.click(button('Save'));
    expect(
      await screen.findByText('Could not save the dependency graph'),
    ).toBeInTheDocument();
    expect(screen.getByText(/which is in review/)).toBeInTheDocument();
    expect(status()).toHaveTextContent('Unsaved changes');
  });

  it('lets readers look, with the plan and exports, but not change anything', async () => {
    const { api } = renderEditor({ editable: false });
    await select('VPC parking-vpc');

    expect(
      screen.queryByRole('complementary', { name: 'Resource palette' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
    expect(await screen.findByRole('textbox', { name: 'Name' })).toBeDisabled();
    expect(api.listImages).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole('tab', { name: 'Plan' }));
    expect(
      screen.getByRole('button', { name: 'Download Terraform JSON' }),
    ).toBeEnabled();
    expect(screen.getByText(/^Critical path:/)).toBeInTheDocument();
  });
});
