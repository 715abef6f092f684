import { LoggerService } from '@backstage/backend-plugin-api';
import { Readable } from 'node:stream';
import { ImagesService } from './ImagesService';
import { createDockerSaveArchive, createVmImage } from './ingest/samples';

/** Who the audit log and the versions name as uploader of the demo images. */
export const DEMO_SEED_ACTOR = 'plugin:iot/demo-seed';

/**
 * The images the demo specs deploy (seedDemoApps): small but real
 * files, uploaded through the service like any other upload.
 */
function demoUploads() {
  return [
    {
      ownerRef: 'group:default/isv-acme',
      fileName: 'docker_parking-server_1.4.2.tar',
      bytes: createDockerSaveArchive({
        repository: 'acme/parking-server',
        tag: '1.4.2',
        layers: 3,
        layerBytes: 64 * 1024,
      }),
    },
    {
      ownerRef: 'group:default/isv-globex',
      fileName: 'vm_energy-collector_2.0.0.qcow2',
      bytes: createVmImage('qcow2', 256 * 1024),
    },
  ];
}

/**
 * Seeds the demo images into an empty database, so that a newcomer's portal
 * shows images the Images page can manage. Does nothing once any image
 * exists (also one the user uploaded).
 */
export async function seedDemoImages(options: {
  images: Pick<ImagesService, 'isEmpty' | 'uploadAsGroup'>;
  logger: LoggerService;
}): Promise<void> {
  const { images, logger } = options;
  if (!(await images.isEmpty())) {
    return;
  }
  for (const upload of demoUploads()) {
    const { image, version } = await images.uploadAsGroup(
      Readable.from([upload.bytes]),
      upload.fileName,
      { ownerRef: upload.ownerRef, actorRef: DEMO_SEED_ACTOR },
    );
    logger.info(
      `Seeded demo image ${image.name} ${version.version} for ${image.ownerRef}`,
    );
  }
}
