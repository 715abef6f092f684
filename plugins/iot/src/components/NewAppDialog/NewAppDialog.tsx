import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import {
  catalogApiRef,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { IotAppItem } from '@internal/backstage-plugin-iot-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { iotApiRef } from '../../api';
import type { AppFormValues } from '../../lib/forms';
import { waitForEntity } from '../../lib/waitForEntity';
import { iotTranslationRef } from '../../translation';
import { AppFormDialog } from '../AppFormDialog';

export interface NewAppDialogProps {
  open: boolean;
  onClose: () => void;
  /**
   * The app was created but the catalog did not list it in time; the
   * caller says so instead of opening a page that does not exist yet.
   */
  onNotYetListed: (app: IotAppItem) => void;
}

/**
 * "New app" (APP-1): creates the app, waits until the catalog lists it and
 * opens its catalog page, the app's detail page (APP-5).
 */
export function NewAppDialog(props: NewAppDialogProps) {
  const { open, onClose, onNotYetListed } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const iotApi = useApi(iotApiRef);
  const catalogApi = useApi(catalogApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  const navigate = useNavigate();
  const [publishing, setPublishing] = useState(false);
  const waiting = useRef<AbortController>();

  // Leaving the page stops the polling.
  useEffect(() => () => waiting.current?.abort(), []);

  const create = useCallback(
    async (values: AppFormValues) => {
      const app = await iotApi.createApp(values);
      const controller = new AbortController();
      waiting.current = controller;
      setPublishing(true);
      try {
        const listed = await waitForEntity(catalogApi, app.entityRef, {
          signal: controller.signal,
        });
        if (controller.signal.aborted) {
          return;
        }
        if (listed && entityRoute) {
          navigate(entityRoute(entityRouteParams(app.entityRef)));
        } else {
          onNotYetListed(app);
        }
      } finally {
        setPublishing(false);
      }
    },
    [iotApi, catalogApi, entityRoute, navigate, onNotYetListed],
  );

  return (
    <AppFormDialog
      open={open}
      title={t('appForm.createTitle')}
      submitLabel={t('dialogs.create')}
      failedTitle={t('appForm.createFailed')}
      progress={publishing ? t('appForm.publishing') : undefined}
      onSubmit={create}
      onClose={onClose}
    />
  );
}
