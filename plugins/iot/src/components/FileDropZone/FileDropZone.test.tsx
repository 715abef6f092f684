import { renderInTestApp } from '@backstage/frontend-test-utils';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeFile } from '../../__testUtils__/images';
import { FileDropZone, FileDropZoneProps } from './FileDropZone';

async function renderZone(props: Partial<FileDropZoneProps> = {}) {
  const onFiles = jest.fn();
  await renderInTestApp(
    <FileDropZone
      label="Drop a file"
      hint="Drag a file here, or"
      chooseLabel="Choose file"
      inputLabel="File"
      accept=".zip"
      onFiles={onFiles}
      {...props}
    >
      <span>Rules</span>
    </FileDropZone>,
  );
  return { onFiles, zone: screen.getByRole('region', { name: 'Drop a file' }) };
}

describe('FileDropZone', () => {
  it('passes on dropped and picked files', async () => {
    const { onFiles, zone } = await renderZone();
    expect(zone).toHaveTextContent('Drag a file here, or');
    expect(zone).toHaveTextContent('Rules');

    fireEvent.drop(zone, { dataTransfer: { files: [fakeFile('a.zip')] } });
    await userEvent.upload(screen.getByLabelText('File'), fakeFile('b.zip'));

    expect(onFiles.mock.calls.map(([files]) => files[0].name)).toEqual([
      'a.zip',
      'b.zip',
    ]);
  });

  it('takes no files while disabled', async () => {
    const { onFiles, zone } = await renderZone({ disabled: true });

    fireEvent.drop(zone, { dataTransfer: { files: [fakeFile('a.zip')] } });

    expect(screen.getByRole('button', { name: 'Choose file' })).toBeDisabled();
    expect(onFiles).not.toHaveBeenCalled();
  });
});
