import { NotAllowedError } from '@backstage/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  exampleSpecGraph,
  planSpecGraph,
} from '@internal/backstage-plugin-iot-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotApiRef } from '../../api';
import { recordDownloads } from '../../__testUtils__/download';
import { fakeIotApi } from '../../__testUtils__/fakeIotApi';
import { PlanPreview, PlanPreviewProps } from './PlanPreview';

const plan = planSpecGraph(exampleSpecGraph());

function renderPreview(props: Partial<PlanPreviewProps> = {}) {
  const api = fakeIotApi();
  const onSelectNode = jest.fn();
  renderInTestApp(
    <PlanPreview
      specId="smart-parking-standard"
      plan={plan}
      problemCount={0}
      nodeCount={plan.resources.length}
      unsaved={false}
      onSelectNode={onSelectNode}
      {...props}
    />,
    { apis: [[iotApiRef, api]] },
  );
  return { api, onSelectNode };
}

describe('PlanPreview', () => {
  afterEach(() => jest.restoreAllMocks());

  it('shows the levels created in parallel and the critical path with its duration', async () => {
    const { onSelectNode } = renderPreview();

    expect(
      await screen.findByText(
        /^9 resources, created in 6 levels: the resources of a level are created in parallel/,
      ),
    ).toBeInTheDocument();
    expect(plan.levels).toHaveLength(6);
    const critical = screen.getByRole('region', {
      name: /^Critical path: /,
    });
    // VPC 3 s, subnet 5 s, database 600 s, workload 30 s, load balancer 60 s
    expect(critical).toHaveAccessibleName('Critical path: 11 min 38 s');
    expect(
      within(critical)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(
      plan.criticalPath.nodeIds.map(
        id => plan.resources.find(r => r.nodeId === id)!.name,
      ),
    );

    const level1 = screen.getByRole('region', { name: 'Level 1' });
    expect(
      within(level1).getByRole('heading', {
        name: 'Level 1 · 2 resources in parallel',
      }),
    ).toBeInTheDocument();
    const vpc = within(level1).getByRole('row', { name: /parking-vpc/ });
    expect(vpc).toHaveTextContent('VPC · on the critical path');
    expect(vpc).toHaveTextContent('Free');

    const pool = screen.getByRole('row', { name: /parking-nodes/ });
    expect(
      within(pool)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'parking-nodesNode pool',
      'Compute c7, 4 vCPUs, 8 GiB',
      '3',
      'Pay-per-use',
      '4 min 0 s',
    ]);
    // the database takes longest, so the path goes through it, not the pool
    expect(screen.getByRole('row', { name: /^parking-db / })).toHaveTextContent(
      'parking-dbRelational database · on the critical path2 vCPUs, 4 GiB1Pay-per-use10 min 0 s',
    );
    await userEvent.click(
      within(pool).getByRole('button', { name: 'parking-nodes' }),
    );
    expect(onSelectNode).toHaveBeenCalledWith('pool');
  });

  it('waits for a valid graph', async () => {
    renderPreview({ plan: undefined, problemCount: 3 });
    expect(
      await screen.findByText(
        'The plan appears once the graph is valid: fix the 3 problems first.',
      ),
    ).toBeInTheDocument();
  });

  it('downloads the Terraform JSON and Kubernetes manifests of the saved graph', async () => {
    const downloads = recordDownloads();
    const { api } = renderPreview({ unsaved: true });
    expect(
      await screen.findByText(/your unsaved changes are not in them/),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Download Terraform JSON' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Download Kubernetes manifests' }),
    );
    expect(api.downloadSpecExport.mock.calls).toEqual([
      ['smart-parking-standard', 'terraform'],
      ['smart-parking-standard', 'kubernetes'],
    ]);
    await waitFor(() =>
      expect(downloads.map(d => d.fileName)).toEqual([
        'smart-parking-standard.tf.json',
        'smart-parking-standard.k8s.yaml',
      ]),
    );

    api.downloadSpecExport.mockRejectedValueOnce(
      new NotAllowedError('you may not read spec smart-parking-standard'),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Download Terraform JSON' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'you may not read spec smart-parking-standard',
    );
  });
});
