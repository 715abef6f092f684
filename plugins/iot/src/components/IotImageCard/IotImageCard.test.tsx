import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { IotImageEntity } from '@internal/backstage-plugin-iot-common';
import { image, spec } from '../../testUtils/entities';
import { IotImageCard } from './IotImageCard';

function renderCard(
  entity: IotImageEntity,
  catalog = catalogApiMock({ entities: [spec] }),
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <IotImageCard />
    </EntityProvider>,
    {
      apis: [catalog],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

function field(label: string) {
  return screen.getByText(label, { selector: 'dt' })
    .nextElementSibling as HTMLElement;
}

const usedByLoaded = () =>
  screen.findByRole('link', { name: 'Smart Parking — standard' });

describe('IotImageCard', () => {
  it('summarises the image', async () => {
    renderCard(image);
    await usedByLoaded();

    expect(
      screen.getByRole('heading', { name: 'IoT image' }),
    ).toBeInTheDocument();
    expect(field('Image kind')).toHaveTextContent('Docker');
    expect(within(field('Owner')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/isv-acme',
    );
    expect(field('Latest version')).toHaveTextContent('1.4.2');
    expect(field('Total size')).toHaveTextContent('180 MiB');
    expect(field('Last upload')).toHaveTextContent(/Oct .*2026/);
  });

  it('lists the versions newest first with status, size and short digest', async () => {
    renderCard(image);
    await usedByLoaded();

    const versions = screen.getByRole('region', { name: 'Versions' });
    const [, newest, older] = within(versions).getAllByRole('row');
    expect(newest).toHaveTextContent('1.4.2');
    expect(within(newest).getByText('Succeeded')).toBeInTheDocument();
    expect(newest).toHaveTextContent('179 MiB');
    expect(within(newest).getByText('4f1c9e3a0d5b')).toBeInTheDocument();
    expect(older).toHaveTextContent('1.4.1');
    expect(
      within(older).getByText('Failed').closest('[data-tone]'),
    ).toHaveAttribute('data-tone', 'danger');
    expect(older).toHaveTextContent('1 MiB');
  });

  it('shows a VM image with its own label', async () => {
    renderCard({ ...image, spec: { ...image.spec, imageKind: 'vm' } });
    await usedByLoaded();

    expect(field('Image kind')).toHaveTextContent('VM');
  });

  it('lists the specs that use the image, with their app and version', async () => {
    renderCard(image);

    const usedBy = screen.getByRole('region', { name: 'Used by' });
    const row = await within(usedBy).findByRole('row', {
      name: /Smart Parking — standard/,
    });
    expect(
      within(row).getByRole('link', { name: 'Smart Parking — standard' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/iotspec/smart-parking-standard',
    );
    expect(
      within(row).getByRole('link', { name: /smart-parking$/ }),
    ).toHaveAttribute('href', '/catalog/default/iotapp/smart-parking');
    expect(row).toHaveTextContent('1.4.2');
  });

  it('says what to do when there are no versions and no users', async () => {
    renderCard({
      ...image,
      spec: { ...image.spec, versions: [] },
      relations: image.relations!.slice(0, 1),
    });

    expect(
      await screen.findByText(/No spec uses this image yet/),
    ).toBeInTheDocument();
    expect(screen.getByText(/No versions yet — upload/)).toBeInTheDocument();
    expect(field('Latest version')).toHaveTextContent('None');
    expect(field('Total size')).toHaveTextContent('0 B');
    expect(field('Last upload')).toHaveTextContent('None');
  });
});
