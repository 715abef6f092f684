import { useApi } from '@backstage/frontend-plugin-api';
import type { IotSpecItem } from '@internal/backstage-plugin-iot-common';
import { useCallback, useState } from 'react';
import { iotApiRef } from '../api';
import { saveFile } from './download';
import { errorMessage } from './errors';

export type SpecExportState = {
  /** Downloads the spec's archive as a file (SPEC-5). */
  exportSpec: (spec: IotSpecItem) => Promise<void>;
  /** Id of the spec being exported. */
  exporting?: string;
  /** The last export that failed, with the server's reason. */
  failure?: { name: string; message: string };
};

export function useSpecExport(): SpecExportState {
  const iotApi = useApi(iotApiRef);
  const [exporting, setExporting] = useState<string>();
  const [failure, setFailure] = useState<SpecExportState['failure']>();

  const exportSpec = useCallback(
    async (spec: IotSpecItem) => {
      setExporting(spec.id);
      setFailure(undefined);
      try {
        const { blob, fileName } = await iotApi.exportSpec(spec.id);
        saveFile(blob, fileName);
      } catch (e) {
        setFailure({ name: spec.name, message: errorMessage(e) });
      } finally {
        setExporting(undefined);
      }
    },
    [iotApi],
  );

  return { exportSpec, exporting, failure };
}
