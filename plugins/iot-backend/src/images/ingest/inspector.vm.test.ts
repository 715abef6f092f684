import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import {
  createDockerSaveArchive,
  createRandomBytes,
  createVmImage,
  VmSample,
} from './__testUtils__/archives';
import { inspect } from './__testUtils__/inspect';
import { ImageRuleError } from './errors';
import { detectVmFormat, VM_FORMATS } from './vmFormat';

describe('createImageInspector for VM images', () => {
  it.each([
    ['qcow2', 'vm_gateway_1.0.qcow2', 'qcow2'],
    ['vmdk', 'vm_gateway_1.0.vmdk', 'vmdk'],
    ['vmdk-descriptor', 'vm_gateway_1.0.vmdk', 'vmdk'],
    ['vhd-dynamic', 'vm_gateway_1.0.vhd', 'vhd'],
    ['vhd-fixed', 'vm_gateway_1.0.vhd', 'vhd'],
    ['iso', 'vm_gateway_1.0.iso', 'iso'],
    ['raw-mbr', 'vm_gateway_1.0.img', 'raw'],
    ['raw-gpt', 'vm_gateway_1.0.raw', 'raw'],
  ] as Array<[VmSample, string, string]>)(
    'recognises %s by its content',
    async (sample, fileName, format) => {
      const content = createVmImage(sample, 200 * 1024);
      const outcome = await inspect(fileName, content, { chunkSize: 1000 });
      expect(outcome.error).toBeUndefined();
      expect(outcome.result).toEqual({
        kind: 'vm',
        format,
        sha256: createHash('sha256').update(content).digest('hex'),
        sizeBytes: content.length,
        unpackedBytes: content.length,
      });
      expect(outcome.writerSawEnd).toBe(true);
      expect(outcome.written).toBe(content.length);
    },
  );

  it('goes by the content, not the extension', async () => {
    const outcome = await inspect('vm_gateway_1.iso', createVmImage('qcow2'));
    expect(outcome.result?.format).toBe('qcow2');
  });

  it('reads the fixed VHD footer whatever the chunks look like', async () => {
    const content = createVmImage('vhd-fixed', 70_000);
    for (const chunkSize of [1, 100, 511, 512, 513, 65_536]) {
      const outcome = await inspect('vm_gateway_1.vhd', content, { chunkSize });
      expect(outcome.result?.format).toBe('vhd');
    }
  });

  it.each([
    ['random bytes', createRandomBytes(100_000, 3), 'it starts with '],
    ['a Docker archive', createDockerSaveArchive(), 'it starts with '],
    ['gzip', gzipSync(createVmImage('qcow2')), 'it starts with 1f 8b 08'],
    [
      'an empty file',
      Buffer.alloc(0),
      'it starts with nothing: the file is empty',
    ],
    ['a bare footer-sized file', Buffer.alloc(511), 'it starts with 00 00'],
  ])(
    'refuses %s with a 415 listing the recognised formats',
    async (_, content, start) => {
      const outcome = await inspect('vm_gateway_1.qcow2', content);
      expect(outcome.error).toBeInstanceOf(ImageRuleError);
      expect(outcome.error).toMatchObject({ status: 415, rule: 'vm-format' });
      const message = outcome.error!.message;
      expect(message).toMatch(
        /^the content is not a recognised VM image: it has none of the signatures of qcow2 \('QFI\\xfb' at 0\), vmdk /,
      );
      for (const format of ['qcow2', 'vmdk', 'vhd', 'iso', 'raw disk']) {
        expect(message).toContain(format);
      }
      expect(message).toContain(start);
      expect(message).toMatch(/\(rule: vm-format\)$/);
      expect(outcome.writerSawEnd).toBe(false);
    },
  );

  it('refuses an upload past the limit as soon as it gets there', async () => {
    const content = createVmImage('qcow2', 1024 * 1024);
    const outcome = await inspect('vm_gateway_1.qcow2', content, {
      maxBytes: 512 * 1024,
      chunkSize: 64 * 1024,
    });
    expect(outcome.error).toMatchObject({ status: 413, rule: 'max-size' });
    expect(outcome.error!.message).toBe(
      'upload exceeds 512 KiB: 576 KiB received so far (rule: max-size)',
    );
    expect(outcome.written).toBe(512 * 1024);
    expect(outcome.writerSawEnd).toBe(false);
  });
});

describe('detectVmFormat', () => {
  const empty = Buffer.alloc(0);

  it('lists the formats it knows', () => {
    expect(VM_FORMATS).toEqual(['qcow2', 'vmdk', 'vhd', 'iso', 'raw']);
  });

  it('takes a GPT header without a protective MBR as a raw disk', () => {
    const head = Buffer.alloc(1024);
    head.write('EFI PART', 512, 'latin1');
    expect(detectVmFormat(head, empty)).toBe('raw');
  });

  it('prefers the ISO volume descriptor over the MBR of a hybrid ISO', () => {
    const iso = createVmImage('iso');
    iso[510] = 0x55;
    iso[511] = 0xaa;
    expect(detectVmFormat(iso, iso.subarray(-512))).toBe('iso');
  });

  it('prefers the VHD footer over the MBR of the disk it wraps', () => {
    const vhd = createVmImage('vhd-fixed');
    expect(vhd[510]).toBe(0x55);
    expect(detectVmFormat(vhd.subarray(0, 34816), vhd.subarray(-512))).toBe(
      'vhd',
    );
  });

  it('does not take a short tail for a VHD footer', () => {
    const small = Buffer.alloc(300);
    small.write('conectix', 0, 'latin1');
    expect(detectVmFormat(Buffer.alloc(300), small)).toBeUndefined();
  });
});
