import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { field } from '../../__testUtils__/cards';
import { InstanceOutputs } from './InstanceOutputs';

const PASSWORD = 'Xk2#pL9qW4mZ7rT1vB8n';

describe('InstanceOutputs', () => {
  it('masks the password until revealed, and copies it', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <InstanceOutputs
        outputs={{
          accessAddress: 'http://198.18.7.9',
          account: 'admin',
          password: PASSWORD,
        }}
      />,
    );

    expect(field('Access address')).toHaveTextContent('http://198.18.7.9');
    expect(field('Account')).toHaveTextContent('admin');
    expect(field('Password')).not.toHaveTextContent(PASSWORD);

    await user.click(screen.getByRole('button', { name: 'Show password' }));
    expect(field('Password')).toHaveTextContent(PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Hide password' }));
    expect(field('Password')).not.toHaveTextContent(PASSWORD);

    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy password' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Copied the password.',
    );
    expect(writeText).toHaveBeenCalledWith(PASSWORD);
  });

  it('says when the password cannot be copied', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <InstanceOutputs
        outputs={{ accessAddress: null, account: 'admin', password: PASSWORD }}
      />,
    );
    jest
      .spyOn(navigator.clipboard, 'writeText')
      .mockRejectedValue(new Error('Document is not focused.'));

    await user.click(screen.getByRole('button', { name: 'Copy password' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Could not copy the password: Document is not focused.',
    );
    expect(field('Access address')).toHaveTextContent('No public address');
  });

  it('tells others that only the owners see the password', async () => {
    await renderInTestApp(
      <InstanceOutputs
        outputs={{ accessAddress: 'http://198.18.7.9', account: 'admin' }}
      />,
    );
    expect(field('Password')).toHaveTextContent(
      "Only members of the app's owner group see it",
    );
    expect(screen.queryByRole('button', { name: 'Copy password' })).toBeNull();
  });
});
