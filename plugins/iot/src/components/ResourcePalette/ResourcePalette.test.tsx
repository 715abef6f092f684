import { appLanguageApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { listResourceTypes } from '@internal/backstage-plugin-iot-common';
import { fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { iotTranslationsModule } from '../../translations';
import { RESOURCE_TYPE_DRAG_TYPE, ResourcePalette } from './ResourcePalette';

const types = listResourceTypes().items;

/** The app's language API, fixed to `language`. */
function languageApi(language: string) {
  return {
    getAvailableLanguages: () => ({ languages: ['en', 'zh'] }),
    getLanguage: () => ({ language }),
    language$: () => ({
      subscribe: () => ({ unsubscribe: () => {}, closed: false }),
      [Symbol.observable]() {
        return this;
      },
    }),
    setLanguage: jest.fn(),
  };
}

const section = (name: string) => screen.getByRole('region', { name });

describe('ResourcePalette', () => {
  it('lists every resource type by category, each with an add button', async () => {
    const onAdd = jest.fn();
    renderInTestApp(<ResourcePalette types={types} onAdd={onAdd} />);
    await screen.findByRole('textbox', { name: 'Search resources' });

    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual([
      'Network',
      'Compute',
      'Containers',
      'Storage',
      'Databases',
      'IoT',
    ]);
    expect(within(section('Network')).getAllByRole('listitem')).toHaveLength(6);
    expect(
      within(section('Containers')).getByText('Container workload'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Add Subnet' }));
    expect(onAdd).toHaveBeenCalledWith('subnet');
  });

  it('finds types by part of their name and says when nothing matches', async () => {
    renderInTestApp(<ResourcePalette types={types} onAdd={jest.fn()} />);
    const search = await screen.findByRole('textbox', {
      name: 'Search resources',
    });

    await userEvent.type(search, 'sub');
    expect(
      screen.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual(['Subnet']);
    // Chinese labels match whatever the language
    await userEvent.clear(search);
    await userEvent.type(search, '数据库');
    expect(
      screen.getAllByRole('listitem').map(item => item.textContent),
    ).toEqual(['Relational database']);

    await userEvent.clear(search);
    await userEvent.type(search, 'mainframe');
    expect(
      screen.getByText("No resource type matches 'mainframe'."),
    ).toBeInTheDocument();
  });

  it('hands the type to a drag onto the canvas', async () => {
    renderInTestApp(<ResourcePalette types={types} onAdd={jest.fn()} />);
    await screen.findByText('VPC');
    const setData = jest.fn();
    const dataTransfer = { setData, effectAllowed: '' };
    fireEvent.dragStart(screen.getByText('VPC').closest('li')!, {
      dataTransfer,
    });
    expect(setData).toHaveBeenCalledWith(RESOURCE_TYPE_DRAG_TYPE, 'vpc');
    expect(dataTransfer.effectAllowed).toBe('copy');
  });

  it('speaks Chinese', async () => {
    renderInTestApp(<ResourcePalette types={types} onAdd={jest.fn()} />, {
      features: [iotTranslationsModule],
      apis: [[appLanguageApiRef, languageApi('zh')]],
    });
    expect(
      await screen.findByRole('region', { name: '网络' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: '添加虚拟私有云' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', { name: '搜索资源' }),
    ).toBeInTheDocument();
  });
});
