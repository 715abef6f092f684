import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { EventsService } from '@backstage/plugin-events-node';

/** Events topic of changes to the entities the iot database owns. */
export const IOT_CATALOG_TOPIC = 'iot.catalog';

/** Location of every entity the iot database owns. */
export const IOT_DATABASE_LOCATION = 'iot:database';

/** The location annotations of an entity the iot database owns. */
export const IOT_DATABASE_LOCATION_ANNOTATIONS = {
  [ANNOTATION_LOCATION]: IOT_DATABASE_LOCATION,
  [ANNOTATION_ORIGIN_LOCATION]: IOT_DATABASE_LOCATION,
};

/** Payload of an {@link IOT_CATALOG_TOPIC} event. */
export type CatalogDelta = {
  /** Entities created or changed, in full. */
  upserted: Entity[];
  /** Entity refs of entities that no longer exist. */
  removed: string[];
};

/**
 * Tells the catalog's IoT entity provider what changed. The provider also
 * syncs everything from `GET /catalog/entities` at start and periodically,
 * so a lost event delays a change; it never loses it.
 */
export class CatalogPublisher {
  constructor(
    private readonly events: EventsService,
    private readonly logger: LoggerService,
  ) {}

  async publish(delta: CatalogDelta): Promise<void> {
    if (delta.upserted.length === 0 && delta.removed.length === 0) {
      return;
    }
    try {
      await this.events.publish({
        topic: IOT_CATALOG_TOPIC,
        eventPayload: delta,
      });
    } catch (error) {
      // The change itself is done; the next full sync carries it.
      this.logger.warn(
        `Could not publish ${IOT_CATALOG_TOPIC} event; the catalog shows the change after its next full sync`,
        error as Error,
      );
    }
  }
}
