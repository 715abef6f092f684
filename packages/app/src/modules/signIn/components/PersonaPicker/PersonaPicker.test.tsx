import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PersonaPicker } from './PersonaPicker';

describe('PersonaPicker', () => {
  it('shows a card per persona with name, role and what the role does', async () => {
    await renderInTestApp(<PersonaPicker onSelect={jest.fn()} />);

    const expected = [
      ['alice', 'Alice Andersen', 'ISV Acme IoT', /smart-city images/],
      ['bob', 'Bob Brandt', 'ISV Globex', /manufacturing and energy apps/],
      ['rita', 'Rita Rossi', 'Reviewer', /approves or rejects/],
      ['ada', 'Ada Alvarez', 'ISV Acme IoT and reviewer', /Acme's own apps/],
      ['sam', 'Sam Suzuki', 'SI Contoso', /city and campus projects/],
      ['sue', 'Sue Schmidt', 'SI Initech', /factory and utility projects/],
    ] as const;
    for (const [name, displayName, role, description] of expected) {
      const card = within(screen.getByTestId(`persona-${name}`));
      expect(
        card.getByRole('heading', { name: displayName }),
      ).toBeInTheDocument();
      expect(card.getByText(role)).toBeInTheDocument();
      expect(card.getByText(description)).toBeInTheDocument();
      expect(
        card.getByRole('button', { name: `Sign in as ${name}` }),
      ).toBeInTheDocument();
    }
    expect(screen.getAllByRole('button', { name: /^Sign in as / })).toHaveLength(
      6,
    );
  });

  it('reports the chosen persona', async () => {
    const onSelect = jest.fn();
    await renderInTestApp(<PersonaPicker onSelect={onSelect} />);

    await userEvent.click(screen.getByRole('button', { name: 'Sign in as bob' }));

    expect(onSelect).toHaveBeenCalledWith('bob');
  });
});
