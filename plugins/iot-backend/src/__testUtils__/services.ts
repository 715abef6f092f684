import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventParams } from '@backstage/plugin-events-node';
import { Knex } from 'knex';
import { DEFAULT_INDUSTRIES } from '../apps/taxonomy';
import { AppsService } from '../apps/AppsService';
import { AppsStore } from '../apps/AppsStore';
import { AuditStore } from '../audit/AuditStore';
import { CatalogPublisher } from '../catalog/CatalogPublisher';
import { IsvGroups } from '../catalog/IsvGroups';
import { InstancesStore } from '../instances/InstancesStore';
import { SpecsService } from '../specs/SpecsService';
import { SpecsStore } from '../specs/SpecsStore';
import { testGroups } from './testOrg';

/**
 * The apps and specs services on a test database, as plugin.ts wires them
 * (with the instances store they ask before deleting specs),
 * with the catalog's groups of the test org and `iot.catalog` events
 * collected in `events`.
 */
export async function createAppServices(knex: Knex) {
  const database = mockServices.database({ knex });
  const events: EventParams[] = [];
  const audit = await AuditStore.create({ database });
  const publisher = new CatalogPublisher(
    {
      publish: async event => {
        events.push(event);
      },
      subscribe: async () => {},
    },
    mockServices.logger.mock(),
  );
  const appsStore = await AppsStore.create({ database });
  const instancesStore = await InstancesStore.create({ database });
  const apps = new AppsService({
    apps: appsStore,
    isvGroups: new IsvGroups(
      catalogServiceMock({ entities: testGroups }),
      mockServices.auth(),
    ),
    taxonomy: { industries: DEFAULT_INDUSTRIES },
    audit,
    publisher,
    instances: instancesStore,
  });
  const specs = new SpecsService({
    specs: await SpecsStore.create({ database }),
    apps,
    audit,
    publisher,
    instances: instancesStore,
  });
  /** The payloads of the events published so far, and forget them. */
  const takeDeltas = () => events.splice(0).map(event => event.eventPayload);
  return {
    apps,
    appsStore,
    specs,
    instancesStore,
    audit,
    events,
    takeDeltas,
  };
}
