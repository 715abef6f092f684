import { formatBytes, ImageRuleError, MAX_IMAGE_BYTES } from './errors';
import { parseImageFileName } from './fileName';

describe('parseImageFileName', () => {
  it.each([
    [
      'docker_parking-server_1.0.0.tar',
      'docker',
      'parking-server',
      '1.0.0',
      'tar',
    ],
    ['docker_name_v1.0.tar.gz', 'docker', 'name', 'v1.0', 'tar.gz'],
    ['docker_a_1.tar.tar', 'docker', 'a', '1.tar', 'tar'],
    [
      'docker_x9_2.1.0-rc.1+build.5.tar.gz',
      'docker',
      'x9',
      '2.1.0-rc.1+build.5',
      'tar.gz',
    ],
    ['vm_gateway_2024.1.qcow2', 'vm', 'gateway', '2024.1', 'qcow2'],
    ['vm_gateway_1.img', 'vm', 'gateway', '1', 'img'],
    ['vm_edge-os_3.iso', 'vm', 'edge-os', '3', 'iso'],
  ])('reads %s', (fileName, kind, name, version, extension) => {
    expect(parseImageFileName(fileName)).toEqual({
      kind,
      name,
      version,
      extension,
    });
  });

  it.each([
    ['foo.tgz', 'docker_{name}_{version}.tar or .tar.gz, or vm_'],
    ['docker_Name_1.tar', 'docker_{name}_{version}.tar or .tar.gz ('],
    ['docker_name_1.tgz', 'docker_{name}_{version}.tar or .tar.gz ('],
    ['docker_name.tar', 'docker_{name}_{version}'],
    ['docker_na_me_1.tar', 'docker_{name}_{version}'],
    ['docker_-name_1.tar', 'docker_{name}_{version}'],
    ['vm_gateway_1.vdi', 'vm_{name}_{version}.qcow2'],
    ['../docker_name_1.tar', 'docker_{name}_{version}.tar or .tar.gz, or vm_'],
    [`docker_${'a'.repeat(64)}_1.tar`, 'docker_{name}_{version}'],
  ])(
    'refuses %s with a 400 that names the rule and the value',
    (fileName, shape) => {
      const error = captureError(() => parseImageFileName(fileName));
      expect(error).toBeInstanceOf(ImageRuleError);
      expect(error).toMatchObject({ status: 400, rule: 'file-name' });
      expect(error.message).toContain(`file name must look like ${shape}`);
      expect(error.message).toContain(`got '${fileName}'`);
      expect(error.message).toContain('(rule: file-name)');
    },
  );

  it('shows control characters of a name rather than printing them', () => {
    const error = captureError(() => parseImageFileName('docker_a\n_1.tar'));
    expect(error.message).toContain("got 'docker_a\\x0a_1.tar'");
  });
});

describe('formatBytes', () => {
  it.each([
    [0, '0 bytes'],
    [512, '512 bytes'],
    [64 * 1024, '64 KiB'],
    [1536, '1.5 KiB'],
    [MAX_IMAGE_BYTES, '2 GiB'],
    [3 * 1024 ** 3 + 5, '3.0 GiB'],
  ])('formats %d as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});

function captureError(fn: () => unknown): ImageRuleError {
  try {
    fn();
  } catch (error) {
    return error as ImageRuleError;
  }
  throw new Error('expected an error');
}
