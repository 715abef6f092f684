import { Entity, entityKindSchemaValidator } from '@backstage/catalog-model';
import {
  IOT_API_VERSION,
  IOT_APP_KIND,
  IOT_IMAGE_KIND,
  IOT_SPEC_KIND,
} from './constants';
import { iotAppSchema, iotImageSchema, iotSpecSchema } from './schemas';
import type {
  IotAppEntity,
  IotEntity,
  IotImageEntity,
  IotSpecEntity,
} from './types';

/**
 * Validators in the catalog's convention: `false` when the entity is not of
 * the kind, the entity when it is valid, and a thrown error naming the
 * failing field when it is of the kind but invalid.
 */
export const iotAppEntityValidator =
  entityKindSchemaValidator<IotAppEntity>(iotAppSchema);
/** @public */
export const iotSpecEntityValidator =
  entityKindSchemaValidator<IotSpecEntity>(iotSpecSchema);
/** @public */
export const iotImageEntityValidator =
  entityKindSchemaValidator<IotImageEntity>(iotImageSchema);

const validators: Record<string, (data: unknown) => Entity | false> = {
  [IOT_APP_KIND]: iotAppEntityValidator,
  [IOT_SPEC_KIND]: iotSpecEntityValidator,
  [IOT_IMAGE_KIND]: iotImageEntityValidator,
};

/**
 * Validates an entity of one of the IoT kinds. Returns false for other
 * kinds and throws a TypeError saying what is wrong for invalid ones.
 */
export function validateIotEntity(entity: Entity): entity is IotEntity {
  if (entity.apiVersion !== IOT_API_VERSION) return false;
  const validator = validators[entity.kind];
  return validator ? validator(entity) !== false : false;
}

const hasKind =
  <T extends Entity>(kind: string) =>
  (entity: Entity): entity is T =>
    entity.apiVersion === IOT_API_VERSION && entity.kind === kind;

/** Type guards by kind (no schema check; use the validators for that). */
export const isIotAppEntity = hasKind<IotAppEntity>(IOT_APP_KIND);
/** @public */
export const isIotSpecEntity = hasKind<IotSpecEntity>(IOT_SPEC_KIND);
/** @public */
export const isIotImageEntity = hasKind<IotImageEntity>(IOT_IMAGE_KIND);
/** @public */
export const isIotEntity = (entity: Entity): entity is IotEntity =>
  isIotAppEntity(entity) || isIotSpecEntity(entity) || isIotImageEntity(entity);
