import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  exampleSpecGraph,
  listResourceTypes,
  type ResourceTypeItem,
  type SpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { screen, within } from '@testing-library/react';
import { testInstance } from '../../__testUtils__/instances';
import { stubReactFlowBrowser } from '../../__testUtils__/reactFlow';
import { SpecGraphView, type SpecGraphViewProps } from './SpecGraphView';

stubReactFlowBrowser();

const types = new Map<string, ResourceTypeItem>(
  listResourceTypes().items.map(type => [type.id, type]),
);

function renderView(props: Partial<SpecGraphViewProps> = {}) {
  return renderInTestApp(
    <SpecGraphView
      graph={exampleSpecGraph()}
      types={types}
      label="Dependency graph of Smart Parking — standard"
      {...props}
    />,
  );
}

const node = (name: string) => screen.findByRole('group', { name });

describe('SpecGraphView', () => {
  it("draws a spec's graph read-only with the editor's nodes and edges", async () => {
    renderView();

    const canvas = screen.getByRole('application', {
      name: 'Dependency graph of Smart Parking — standard',
    });
    const vpc = await node('VPC parking-vpc');
    expect(vpc).toHaveAttribute('aria-roledescription', 'node');
    expect(vpc).toHaveTextContent('192.168.0.0/16');
    expect(vpc.querySelector('[data-state]')).toBeNull();
    // every node of the graph, each depending on what it depends on there
    expect(within(canvas).getAllByRole('group')).toHaveLength(
      exampleSpecGraph().nodes.length,
    );
    const edge = await within(canvas).findByRole('img', {
      name: 'parking-subnet depends on parking-vpc',
    });
    expect(edge).toHaveAttribute('aria-roledescription', 'edge');
    // an arrow to what the node depends on, as in the editor
    expect(edge.querySelector('path')).toHaveAttribute(
      'marker-end',
      expect.stringContaining('arrowclosed'),
    );
    expect(
      within(canvas).getAllByRole('img', { name: / depends on / }),
    ).toHaveLength(exampleSpecGraph().edges.length);
    // no states, so no legend of them
    expect(screen.queryByRole('list', { name: 'Resource states' })).toBeNull();
  });

  it('names an unnamed node by its id and draws a node of an unknown type by its type id', async () => {
    const graph: SpecGraph = {
      nodes: [
        { id: 'vpc-1', type: 'vpc', properties: {} },
        { id: 'gadget', type: 'gadget', properties: { name: 'thing' } },
      ],
      edges: [{ source: 'gadget', target: 'vpc-1' }],
    };
    renderView({ graph });

    expect(await node('VPC vpc-1')).toHaveTextContent('Unnamed');
    expect(await node('gadget thing')).toBeInTheDocument();
    expect(
      await screen.findByRole('img', { name: 'thing depends on vpc-1' }),
    ).toBeInTheDocument();
  });

  it("colours an instance's resources by state, counts them and keeps one the graph no longer has", async () => {
    const instance = testInstance({}, { vpc: 'ready', subnet: 'creating' });
    const cluster = instance.resources.find(r => r.nodeId === 'cluster')!;
    cluster.status = 'deleted';
    cluster.error = "sandbox refused creating Container cluster 'parking-cce'";
    const graph = exampleSpecGraph();
    renderView({
      graph: {
        nodes: graph.nodes.filter(n => n.id !== 'server'),
        edges: graph.edges.filter(
          e => e.source !== 'server' && e.target !== 'server',
        ),
      },
      label: 'Deployment progress',
      resources: instance.resources,
    });

    const vpc = await node('VPC parking-vpc: Ready');
    expect(vpc.querySelector('[data-state="ready"]')).not.toBeNull();
    expect(await node('Subnet parking-subnet: Creating')).toBeInTheDocument();
    const failed = await node('Container cluster parking-cce: Deleted, failed');
    expect(within(failed).getByText('Failed')).toBeInTheDocument();
    expect(failed.querySelector('[data-state="deleted"]')).toHaveAttribute(
      'title',
      "sandbox refused creating Container cluster 'parking-cce'",
    );
    // removed from the saved graph since the install, still drawn
    expect(
      await node('Container workload parking-server: Pending'),
    ).toBeInTheDocument();
    const legend = screen.getByRole('list', { name: 'Resource states' });
    expect(within(legend).getByText('Ready 1')).toBeInTheDocument();
    expect(within(legend).getByText('Creating 1')).toBeInTheDocument();
    expect(within(legend).getByText('Deleted 1')).toBeInTheDocument();
    expect(within(legend).getByText('Pending 6')).toBeInTheDocument();
  });
});
