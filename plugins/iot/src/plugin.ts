import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import {
  iotAppEntityCard,
  iotImageEntityCard,
  iotSpecEntityCard,
} from './entityCards';
import { iotTranslationExtension } from './translations';

/**
 * The IoT portal's frontend: entity page cards for IotApp, IotSpec and
 * IotImage, in English and Chinese.
 *
 * @public
 */
export const iotPlugin = createFrontendPlugin({
  pluginId: 'iot',
  title: 'IoT',
  extensions: [
    iotAppEntityCard,
    iotSpecEntityCard,
    iotImageEntityCard,
    iotTranslationExtension,
  ],
});
