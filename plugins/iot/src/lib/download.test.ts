import { recordDownloads } from '../__testUtils__/download';
import { saveFile } from './download';

describe('saveFile', () => {
  afterEach(() => jest.restoreAllMocks());

  it('downloads the blob under the file name and cleans up', async () => {
    const downloads = recordDownloads();
    const blob = new Blob(['PK']);

    saveFile(blob, 'smart-parking-edge.zip');

    expect(downloads).toEqual([{ fileName: 'smart-parking-edge.zip', blob }]);
    expect(document.querySelector('a[download]')).toBeNull();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:test/0');
  });
});
