/** The VM image formats recognised by their content. */
export const VM_FORMATS = ['qcow2', 'vmdk', 'vhd', 'iso', 'raw'] as const;

export type VmFormat = (typeof VM_FORMATS)[number];

/** Bytes read from the start: through the ISO 9660 primary volume descriptor (sector 16). */
export const VM_HEAD_BYTES = 32 * 1024 + 2048;
/** Bytes read from the end: the footer of a fixed VHD. */
export const VM_TAIL_BYTES = 512;

/** The signatures looked for, as told to an uploader whose file has none. */
export const VM_SIGNATURES =
  "qcow2 ('QFI\\xfb' at 0), vmdk ('KDMV' at 0, or a text descriptor starting '# Disk DescriptorFile'), " +
  "vhd ('conectix' at 0, or in the 512-byte footer of a fixed disk), iso ('CD001' at 32769), " +
  "raw disk (MBR signature 55 AA at 510, or 'EFI PART' at 512)";

/**
 * Recognises a VM image from its first {@link VM_HEAD_BYTES} and last
 * {@link VM_TAIL_BYTES} bytes (fewer when the file is smaller).
 */
export function detectVmFormat(
  head: Buffer,
  tail: Buffer,
): VmFormat | undefined {
  if (at(head, 0, 'QFI\xfb')) {
    return 'qcow2';
  }
  if (at(head, 0, 'KDMV') || at(head, 0, '# Disk DescriptorFile')) {
    return 'vmdk';
  }
  // A fixed VHD is a raw disk plus a footer, so the footer wins over the MBR.
  if (
    at(head, 0, 'conectix') ||
    (tail.length === VM_TAIL_BYTES && at(tail, 0, 'conectix'))
  ) {
    return 'vhd';
  }
  // Hybrid ISOs carry an MBR too; the volume descriptor is the stronger sign.
  if (at(head, 32769, 'CD001')) {
    return 'iso';
  }
  if ((head[510] === 0x55 && head[511] === 0xaa) || at(head, 512, 'EFI PART')) {
    return 'raw';
  }
  return undefined;
}

function at(buffer: Buffer, offset: number, signature: string): boolean {
  return (
    buffer.length >= offset + signature.length &&
    buffer.toString('latin1', offset, offset + signature.length) === signature
  );
}
