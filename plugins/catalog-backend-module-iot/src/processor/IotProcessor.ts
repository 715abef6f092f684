import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  LocationSpec,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  IOT_APP_KIND,
  IOT_IMAGE_KIND,
  isIotEntity,
  isIotSpecEntity,
  validateIotEntity,
} from '@internal/backstage-plugin-iot-common';

/**
 * Validates the IoT kinds (IotApp, IotSpec, IotImage) and emits their
 * relations in both directions: owner, spec ↔ app, spec ↔ images.
 */
export class IotProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'IotProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    return validateIotEntity(entity);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isIotEntity(entity)) {
      return entity;
    }
    const self = getCompoundEntityRef(entity);
    const namespace = self.namespace;
    const both = (
      target: { kind: string; namespace: string; name: string },
      forward: string,
      backward: string,
    ) => {
      emit(processingResult.relation({ source: self, type: forward, target }));
      emit(
        processingResult.relation({
          source: target,
          type: backward,
          target: self,
        }),
      );
    };

    const owner = parseEntityRef(entity.spec.owner, {
      defaultKind: 'Group',
      defaultNamespace: namespace,
    });
    both(owner, RELATION_OWNED_BY, RELATION_OWNER_OF);

    if (isIotSpecEntity(entity)) {
      const app = parseEntityRef(entity.spec.app, {
        defaultKind: IOT_APP_KIND,
        defaultNamespace: namespace,
      });
      both(app, RELATION_PART_OF, RELATION_HAS_PART);
      for (const { image } of entity.spec.images ?? []) {
        const target = parseEntityRef(image, {
          defaultKind: IOT_IMAGE_KIND,
          defaultNamespace: namespace,
        });
        both(target, RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF);
      }
    }
    return entity;
  }
}
