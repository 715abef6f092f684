import { useApi } from '@backstage/frontend-plugin-api';
import { useMemo } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { AppTaxonomy } from '@internal/backstage-plugin-iot-common';
import { IotApi, iotApiRef } from '../api';
import { TaxonomyLabels, taxonomyLabels } from './taxonomy';
import { useLocale } from './useLocale';

export type AppTaxonomyState = {
  taxonomy?: AppTaxonomy;
  loading: boolean;
  error?: Error;
  retry: () => void;
  /** Labels in the app's language, humanised ids until the taxonomy is there. */
  labels: TaxonomyLabels;
};

// The taxonomy is configuration: the page, its dialogs and the app card
// share one request. A failed request is forgotten so that a retry asks again.
const requests = new WeakMap<IotApi, Promise<AppTaxonomy>>();

function fetchTaxonomy(iotApi: IotApi): Promise<AppTaxonomy> {
  let request = requests.get(iotApi);
  if (!request) {
    request = iotApi.getAppTaxonomy();
    requests.set(iotApi, request);
    request.catch(() => requests.delete(iotApi));
  }
  return request;
}

/** `GET /app-taxonomy`: the industries and scenarios apps choose from (APP-1). */
export function useAppTaxonomy(): AppTaxonomyState {
  const iotApi = useApi(iotApiRef);
  const locale = useLocale();
  const { value, loading, error, retry } = useAsyncRetry(
    () => fetchTaxonomy(iotApi),
    [iotApi],
  );
  const labels = useMemo(() => taxonomyLabels(value, locale), [value, locale]);
  return { taxonomy: value, loading, error, retry, labels };
}
