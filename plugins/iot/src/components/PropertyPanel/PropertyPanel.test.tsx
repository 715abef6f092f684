import { appLanguageApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  exampleSpecGraph,
  listResourceTypes,
  validateSpecGraph,
  type SpecGraphProblem,
} from '@internal/backstage-plugin-iot-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { toEditorGraph } from '../../lib/editorGraph';
import { edgeGateway, parkingServer } from '../../__testUtils__/images';
import { iotTranslationsModule } from '../../translations';
import { ImageChoices } from './ImagePicker';
import { PropertyPanel } from './PropertyPanel';

const types = new Map<
  string,
  ReturnType<typeof listResourceTypes>['items'][number]
>(listResourceTypes().items.map(type => [type.id, type]));
const graph = toEditorGraph(exampleSpecGraph());
const images: ImageChoices = {
  images: [parkingServer, edgeGateway],
  loading: false,
  retry: jest.fn(),
};

function renderPanel(
  nodeId: string,
  options: {
    problems?: SpecGraphProblem[];
    readOnly?: boolean;
    language?: string;
    choices?: ImageChoices;
    nodeGraph?: typeof graph;
  } = {},
) {
  const onChange = jest.fn();
  const onConnect = jest.fn();
  const onRemoveEdge = jest.fn();
  const shown = options.nodeGraph ?? graph;
  renderInTestApp(
    <PropertyPanel
      node={shown.nodes.find(n => n.id === nodeId)!}
      graph={shown}
      types={types}
      problems={options.problems ?? []}
      images={options.choices ?? images}
      readOnly={options.readOnly ?? false}
      onChange={onChange}
      onConnect={onConnect}
      onRemoveEdge={onRemoveEdge}
    />,
    options.language
      ? {
          features: [iotTranslationsModule],
          apis: [
            [
              appLanguageApiRef,
              {
                getAvailableLanguages: () => ({ languages: ['en', 'zh'] }),
                getLanguage: () => ({ language: options.language! }),
                language$: () => ({
                  subscribe: () => ({ unsubscribe: () => {}, closed: false }),
                  [Symbol.observable]() {
                    return this;
                  },
                }),
                setLanguage: jest.fn(),
              },
            ],
          ],
        }
      : {},
  );
  return { onChange, onConnect, onRemoveEdge };
}

const options = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map(option => option.textContent);

describe('PropertyPanel', () => {
  it("generates the fields of a container workload from its type's schema", async () => {
    const { onChange } = renderPanel('server');

    expect(
      await screen.findByRole('heading', { name: 'Container workload' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('textbox', { name: 'Name' })[0]).toHaveValue(
      'parking-server',
    );
    expect(screen.getByRole('textbox', { name: 'Namespace' })).toHaveValue(
      'parking',
    );
    const replicas = screen.getByRole('spinbutton', { name: 'Replicas' });
    expect(replicas).toHaveValue(2);
    expect(replicas).toHaveAttribute('min', '1');
    expect(replicas).toHaveAttribute('max', '100');
    expect(replicas).toHaveAttribute('step', '1');
    expect(replicas).toHaveAccessibleDescription('From 1 to 100');
    expect(
      screen.getByRole('spinbutton', { name: 'vCPUs per replica' }),
    ).toHaveAttribute('step', '0.1');

    // only Docker images, only succeeded versions
    const image = screen.getByRole('group', { name: 'Image' });
    expect(
      options(within(image).getByRole('combobox', { name: /^Image/ })),
    ).toEqual(['Choose an image', 'parking-server']);
    expect(
      options(within(image).getByRole('combobox', { name: /^Version/ })),
    ).toEqual(['1.4.2']);

    const ports = screen.getByRole('group', { name: 'Ports' });
    expect(
      within(ports).getByRole('spinbutton', { name: /^Container port/ }),
    ).toHaveValue(8080);
    await userEvent.click(
      within(ports).getByRole('button', { name: 'Add to Ports' }),
    );
    expect(onChange).toHaveBeenLastCalledWith('server', 'ports', [
      { containerPort: 8080, protocol: 'TCP' },
      { protocol: 'TCP' },
    ]);

    const env = screen.getByRole('group', { name: 'Environment variables' });
    await userEvent.click(
      within(env).getByRole('button', {
        name: 'Remove item 1 of Environment variables',
      }),
    );
    expect(onChange).toHaveBeenLastCalledWith('server', 'env', [
      { name: 'TZ', value: 'Asia/Shanghai' },
    ]);

    await userEvent.type(
      screen.getByRole('spinbutton', { name: 'Replicas' }),
      '0',
    );
    expect(onChange).toHaveBeenLastCalledWith('server', 'replicas', 20);
  });

  it('offers choices with their labels, switches and dependencies', async () => {
    const { onChange, onConnect, onRemoveEdge } = renderPanel('subnet');
    // unset: on by default
    const dhcp = await screen.findByRole('checkbox', { name: 'DHCP' });
    expect(dhcp).toBeChecked();
    await userEvent.click(dhcp);
    expect(onChange).toHaveBeenCalledWith('subnet', 'dhcpEnabled', false);
    expect(screen.getByRole('textbox', { name: 'Gateway' })).toHaveValue(
      '192.168.1.1',
    );
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Remove the dependency on parking-vpc',
      }),
    );
    expect(onRemoveEdge).toHaveBeenCalledWith('subnet->vpc');
    expect(
      screen.getByText(/^Needed by: parking-db-sg|^Needed by: parking-cce/),
    ).toBeInTheDocument();
    expect(onConnect).not.toHaveBeenCalled();
  });

  it('labels flavours and billing modes', async () => {
    const { onChange } = renderPanel('pool');
    const flavour = await screen.findByRole('combobox', { name: 'Flavour' });
    expect(flavour).toHaveDisplayValue(
      'c7.xlarge.2 — Compute c7, 4 vCPUs, 8 GiB',
    );
    const billing = screen.getByRole('combobox', { name: 'Billing mode' });
    // unset: the default applies, and is shown
    expect(billing).toHaveDisplayValue('Pay-per-use');
    expect(options(billing)).toEqual(['Pay-per-use', 'Monthly', 'Yearly']);
    await userEvent.selectOptions(billing, 'Monthly');
    expect(onChange).toHaveBeenCalledWith('pool', 'billingMode', 'monthly');
  });

  it('shows the problems of each property under it', async () => {
    renderPanel('server', {
      problems: [
        {
          nodeId: 'server',
          property: 'replicas',
          rule: 'property-range',
          code: 'number-too-large',
          params: { max: 100, got: '500' },
          message:
            "node 'server' (Container workload): property 'replicas' must be at most 100 (got 500)",
        },
        {
          nodeId: 'server',
          property: 'ports[0].containerPort',
          rule: 'property-required',
          code: 'property-required',
          params: {},
          message:
            "node 'server' (Container workload): property 'ports[0].containerPort' is required; set it in the property panel",
        },
        {
          nodeId: 'server',
          rule: 'missing-dependency',
          code: 'missing-dependency',
          params: { type: 'node-pool' },
          message:
            "node 'server' (Container workload) must depend on a Node pool; draw an edge from it to one",
        },
      ],
    });
    expect(
      await screen.findByRole('spinbutton', { name: 'Replicas' }),
    ).toHaveAccessibleDescription(
      'Value out of range: must be at most 100 (got 500)',
    );
    expect(
      screen.getByRole('spinbutton', { name: /^Container port/ }),
    ).toHaveAccessibleDescription(
      'Required property missing: is required; set it in the property panel',
    );
    expect(
      screen.getByRole('list', { name: 'Problems of this resource' }),
    ).toHaveTextContent(
      'Missing dependency: must depend on one Node pool; draw an edge from it to one',
    );
  });

  it('picks a VM image among VM images with a succeeded upload only', async () => {
    const vm = {
      nodes: [
        ...graph.nodes,
        {
          id: 'vm-1',
          type: 'vm',
          properties: { name: 'gateway' },
          position: { x: 0, y: 0 },
        },
      ],
      edges: graph.edges,
    };
    renderPanel('vm-1', { nodeGraph: vm });
    expect(
      await screen.findByText(
        'You have no VM image with a successful upload yet.',
      ),
    ).toBeInTheDocument();

    const { onChange } = renderPanel('vm-1', {
      nodeGraph: vm,
      choices: {
        ...images,
        images: [
          {
            ...edgeGateway,
            latestVersion: '2.1',
            versions: [
              { ...edgeGateway.versions[0] },
              {
                version: '2.1',
                status: 'succeeded',
                sizeBytes: 1,
                uploadedAt: '2026-10-06T10:00:00Z',
                usedBy: [],
              },
            ],
          },
        ],
      },
    });
    const pickers = screen.getAllByRole('group', { name: 'VM image' });
    await userEvent.selectOptions(
      within(pickers[1]).getByRole('combobox', { name: /^Image/ }),
      'edge-gateway',
    );
    expect(onChange).toHaveBeenCalledWith('vm-1', 'image', {
      name: 'edge-gateway',
      version: '2.1',
    });
  });

  it('shows everything disabled to readers', async () => {
    renderPanel('server', { readOnly: true });
    expect(
      (await screen.findAllByRole('textbox', { name: 'Name' }))[0],
    ).toBeDisabled();
    expect(screen.getByRole('spinbutton', { name: 'Replicas' })).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Add to Ports' })).toBeNull();
    expect(
      screen.queryByRole('combobox', { name: 'Add a dependency' }),
    ).toBeNull();
  });

  it('speaks Chinese', async () => {
    renderPanel('pool', { language: 'zh' });
    expect(
      await screen.findByRole('heading', { name: '节点池' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /^名称/ })).toHaveValue(
      'parking-nodes',
    );
    expect(screen.getByRole('combobox', { name: '规格' })).toHaveDisplayValue(
      'c7.xlarge.2 — 计算型 c7，4 vCPU，8 GiB',
    );
    expect(
      screen.getByRole('combobox', { name: '计费模式' }),
    ).toHaveDisplayValue('按需计费');
  });

  it('words the problems of the validation in Chinese', async () => {
    const example = exampleSpecGraph();
    const broken = {
      nodes: example.nodes.map(n =>
        n.id === 'pool'
          ? { ...n, properties: { ...n.properties, count: 60 } }
          : n,
      ),
      edges: example.edges.filter(e => e.source !== 'pool'),
    };
    const { problems } = validateSpecGraph(broken);
    renderPanel('pool', {
      language: 'zh',
      problems,
      nodeGraph: toEditorGraph(broken),
    });
    expect(
      await screen.findByRole('spinbutton', { name: /^节点数/ }),
    ).toHaveAccessibleDescription('属性值超出范围：不能大于 50（当前值 60）');
    expect(
      screen.getByRole('list', { name: '该资源的问题' }),
    ).toHaveTextContent(
      '缺少依赖：必须依赖一个云容器引擎集群；请从它画一条依赖关系到该资源',
    );
  });
});
