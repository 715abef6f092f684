import { z } from 'zod/v4';
import { IMAGE_NAME_PATTERN, IMAGE_VERSION_PATTERN } from '../images';
import { PROPERTY_FORMATS } from './problems';
import { BillingMode, Flavour } from './types';

/** Title and Chinese title of a property, for the generated property panel. */
export function titled<T extends z.ZodType>(
  schema: T,
  title: string,
  titleZh: string,
): T {
  return schema.meta({ title, titleZh });
}

/** Names of most cloud resources (VPC, security group, ELB, RDS, ...). */
export function cloudName() {
  return titled(
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, PROPERTY_FORMATS['cloud-name']),
    'Name',
    '名称',
  );
}

/** Names that end up in Kubernetes (clusters, node pools, workloads): DNS-1123 labels. */
export function kubernetesName() {
  return titled(
    z
      .string()
      .regex(
        /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        PROPERTY_FORMATS['kubernetes-name'],
      ),
    'Name',
    '名称',
  );
}

export function cidrBlock(defaultValue: string) {
  return titled(
    z.cidrv4({ error: PROPERTY_FORMATS.cidr }).default(defaultValue),
    'CIDR block',
    '网段',
  );
}

export function ipv4Address() {
  return z.ipv4({ error: PROPERTY_FORMATS.ipv4 });
}

export function port() {
  return z.number().int().min(1).max(65535);
}

/** `billingMode`, one of the type's modes, the first by default. */
export function billingModeField(modes: readonly BillingMode[]) {
  return titled(
    z.enum(modes as [BillingMode, ...BillingMode[]]).default(modes[0]),
    'Billing mode',
    '计费模式',
  );
}

/** `flavour` (or another property holding a flavour id), one of the type's flavours. */
export function flavourField(
  flavours: readonly Flavour[],
  defaultId: string,
  title = 'Flavour',
  titleZh = '规格',
) {
  const ids = flavours.map(f => f.id) as [string, ...string[]];
  return titled(z.enum(ids).default(defaultId), title, titleZh);
}

/** `image`: an uploaded image version, `{ name, version }` (the convention `imagesOfGraph` reads). */
export function imageRef(title: string, titleZh: string) {
  return titled(
    z
      .object({
        name: z
          .string()
          .regex(IMAGE_NAME_PATTERN, PROPERTY_FORMATS['image-name']),
        version: z
          .string()
          .regex(IMAGE_VERSION_PATTERN, PROPERTY_FORMATS['image-version']),
      })
      .strict(),
    title,
    titleZh,
  );
}
