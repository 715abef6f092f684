import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { iotApi } from './apis';
import {
  iotAppEntityCard,
  iotImageEntityCard,
  iotSpecEntityCard,
} from './entityCards';
import { imagesPage } from './pages';
import { imagesRouteRef } from './routes';
import { iotTranslationExtension } from './translations';

/**
 * The IoT portal's frontend: the ISV's Images page and entity page cards for
 * IotApp, IotSpec and IotImage, in English and Chinese.
 *
 * @public
 */
export const iotPlugin = createFrontendPlugin({
  pluginId: 'iot',
  title: 'IoT',
  routes: { images: imagesRouteRef },
  extensions: [
    iotApi,
    imagesPage,
    iotAppEntityCard,
    iotSpecEntityCard,
    iotImageEntityCard,
    iotTranslationExtension,
  ],
});
