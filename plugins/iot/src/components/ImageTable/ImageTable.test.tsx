import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { edgeGateway, parkingServer } from '../../__testUtils__/images';
import { ImageTable } from './ImageTable';

function ExpandableTable(props: { onDelete: jest.Mock }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  return (
    <ImageTable
      images={[parkingServer, edgeGateway]}
      expanded={expanded}
      onToggle={name =>
        setExpanded(previous =>
          previous.has(name) ? new Set() : new Set([name]),
        )
      }
      onDelete={props.onDelete}
    />
  );
}

async function renderTable(onDelete = jest.fn()) {
  renderInTestApp(<ExpandableTable onDelete={onDelete} />, {
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });
  await screen.findByRole('link', { name: 'parking-server' });
  return onDelete;
}

const imageRow = (name: string) =>
  screen
    .getAllByRole('row')
    .find(row => within(row).queryByRole('link', { name }))!;

describe('ImageTable', () => {
  it('lists name, kind, latest version, total size and last update', async () => {
    await renderTable();

    const parking = imageRow('parking-server');
    expect(
      within(parking).getByRole('link', { name: 'parking-server' }),
    ).toHaveAttribute('href', '/catalog/default/iotimage/parking-server');
    expect(parking).toHaveTextContent('Docker');
    expect(parking).toHaveTextContent('1.4.2');
    expect(parking).toHaveTextContent('180 MiB');
    expect(parking).toHaveTextContent(/Oct .*2026/);

    const gateway = imageRow('edge-gateway');
    expect(gateway).toHaveTextContent('VM');
    expect(gateway).toHaveTextContent('None');
    expect(gateway).toHaveTextContent('0 B');
  });

  it('expands an image to its versions, newest first', async () => {
    await renderTable();
    const expand = screen.getByRole('button', {
      name: 'Show versions of parking-server',
    });
    expect(expand).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByRole('table', { name: 'Versions of parking-server' }),
    ).toBeNull();

    await userEvent.click(expand);

    expect(expand).toHaveAttribute('aria-expanded', 'true');
    const versions = screen.getByRole('table', {
      name: 'Versions of parking-server',
    });
    const [, newest, older] = within(versions).getAllByRole('row');
    expect(newest).toHaveTextContent('1.4.2');
    expect(within(newest).getByText('Succeeded')).toBeInTheDocument();
    expect(newest).toHaveTextContent('179 MiB');
    // two specs of the same app: the app is listed once
    const apps = within(newest).getAllByRole('link');
    expect(apps).toHaveLength(1);
    expect(apps[0]).toHaveTextContent('Smart Parking');
    expect(apps[0]).toHaveAttribute(
      'href',
      '/catalog/default/iotapp/smart-parking',
    );

    expect(older).toHaveTextContent('1.4.1');
    expect(within(older).getByText('Failed')).toBeInTheDocument();
    expect(older).toHaveTextContent(
      "layer 'abc/layer.tar' listed in manifest.json is missing",
    );
    expect(older).toHaveTextContent('Not used');
  });

  it('asks to delete the version of the button pressed', async () => {
    const onDelete = await renderTable();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show versions of parking-server' }),
    );

    await userEvent.click(
      screen.getByRole('button', {
        name: 'Delete version 1.4.1 of parking-server',
      }),
    );

    expect(onDelete).toHaveBeenCalledWith({
      name: 'parking-server',
      version: '1.4.1',
    });
  });
});
