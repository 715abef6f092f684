import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, within } from '@testing-library/react';
import { IotImageEntity } from '@internal/backstage-plugin-iot-common';
import {
  field,
  findSpecRow,
  relatedSpecLoaded,
  renderEntityCard,
} from '../../__testUtils__/cards';
import { image, spec } from '../../__testUtils__/entities';
import { IotImageCard } from './IotImageCard';

function renderCard(
  entity: IotImageEntity,
  catalog = catalogApiMock({ entities: [spec] }),
) {
  return renderEntityCard(<IotImageCard />, entity, catalog);
}

describe('IotImageCard', () => {
  it('summarises the image', async () => {
    renderCard(image);
    await relatedSpecLoaded();

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
    await relatedSpecLoaded();

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
    await relatedSpecLoaded();

    expect(field('Image kind')).toHaveTextContent('VM');
  });

  it('lists the specs that use the image, with their app and version', async () => {
    renderCard(image);

    const row = await findSpecRow('Used by');
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
