import { screen, within } from '@testing-library/react';
import { IotSpecEntity } from '@internal/backstage-plugin-iot-common';
import { field, renderEntityCard } from '../../__testUtils__/cards';
import { spec } from '../../__testUtils__/entities';
import { IotSpecCard } from './IotSpecCard';

function renderCard(entity: IotSpecEntity) {
  return renderEntityCard(<IotSpecCard />, entity);
}

describe('IotSpecCard', () => {
  it('shows the app, deployment fields and owner', () => {
    renderCard(spec);

    expect(
      screen.getByRole('heading', { name: 'IoT spec' }),
    ).toBeInTheDocument();
    expect(within(field('App')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/iotapp/smart-parking',
    );
    expect(field('Type')).toHaveTextContent('General');
    expect(field('Deploy location')).toHaveTextContent('Public cloud');
    expect(field('7-day trial')).toHaveTextContent('Yes');
    expect(within(field('Owner')).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/group/isv-acme',
    );
    expect(field('Description')).toHaveTextContent('5 000 parking bays');
  });

  it('says No for a spec without trial', () => {
    renderCard({
      ...spec,
      spec: { ...spec.spec, allowTrial: false, deployLocation: 'edge-site' },
    });

    expect(field('7-day trial')).toHaveTextContent('No');
    expect(field('Deploy location')).toHaveTextContent('Edge site');
  });

  it('links each image it uses, with the version', () => {
    renderCard(spec);

    const images = screen.getByRole('region', { name: 'Images' });
    const row = within(images).getByRole('row', { name: /parking-server/ });
    expect(within(row).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/iotimage/parking-server',
    );
    expect(row).toHaveTextContent('1.4.2');
  });

  it('says what to do when the spec uses no images', () => {
    renderCard({ ...spec, spec: { ...spec.spec, images: undefined } });

    expect(
      screen.getByText(/No images yet — add the images/),
    ).toBeInTheDocument();
  });
});
