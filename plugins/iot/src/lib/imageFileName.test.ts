import {
  MAX_IMAGE_BYTES,
  checkImageFile,
  parseImageFileName,
} from './imageFileName';

describe('parseImageFileName', () => {
  it.each([
    [
      'docker_parking-server_1.4.2.tar.gz',
      'docker',
      'parking-server',
      '1.4.2',
      'tar.gz',
    ],
    ['docker_name_v1.0.tar', 'docker', 'name', 'v1.0', 'tar'],
    ['vm_gateway_2.0+build.7.qcow2', 'vm', 'gateway', '2.0+build.7', 'qcow2'],
    ['vm_edge_1.iso', 'vm', 'edge', '1', 'iso'],
  ])('reads %s', (fileName, kind, name, version, extension) => {
    expect(parseImageFileName(fileName)).toEqual({
      kind,
      name,
      version,
      extension,
    });
  });

  it.each([
    'parking-server.tar.gz',
    'docker_parking-server.tar.gz',
    'docker_Parking_1.0.tar',
    'docker_app_1.0.tgz',
    'docker_app_1.0.qcow2',
    'vm_app_1.0.tar',
    'docker_app_1_0.tar',
    'docker_app_.tar',
  ])('refuses %s', fileName => {
    expect(parseImageFileName(fileName)).toBeUndefined();
  });
});

describe('checkImageFile', () => {
  it('accepts a well named file up to the limit', () => {
    expect(
      checkImageFile({ name: 'vm_edge_1.raw', size: MAX_IMAGE_BYTES }),
    ).toBeUndefined();
  });

  it('names the rule a file breaks', () => {
    expect(checkImageFile({ name: 'edge.raw', size: 1 })).toBe('file-name');
    expect(
      checkImageFile({ name: 'vm_edge_1.raw', size: MAX_IMAGE_BYTES + 1 }),
    ).toBe('too-big');
  });
});
