import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
  Text,
} from '@backstage/ui';
import LinearProgress from '@material-ui/core/LinearProgress';
import type { IotSpecItem } from '@internal/backstage-plugin-iot-common';
import { useEffect, useRef, useState } from 'react';
import { iotApiRef } from '../../api';
import { errorMessage, isAbortError } from '../../lib/errors';
import { formatBytes } from '../../lib/format';
import { SPEC_ARCHIVE_ACCEPT, checkSpecArchive } from '../../lib/specArchive';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { FileDropZone } from '../FileDropZone';

type ImportState =
  | { phase: 'idle' }
  | { phase: 'refused'; fileName: string; message: string }
  | { phase: 'importing'; fileName: string; percent: number }
  | { phase: 'failed'; fileName: string; message: string };

export interface ImportSpecDialogProps {
  open: boolean;
  /** The app that receives the imported spec. */
  appId: string;
  appName: string;
  onClose: () => void;
  onImported: (spec: IotSpecItem) => void;
}

/**
 * Imports a spec archive exported by "Export" into an app (SPEC-2): drop or
 * pick a `.zip` of at most 500 KB, checked before it is sent.
 */
export function ImportSpecDialog(props: ImportSpecDialogProps) {
  const { open, appId, appName, onClose, onImported } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const iotApi = useApi(iotApiRef);
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const abortRef = useRef<AbortController>();
  const importing = state.phase === 'importing';

  useEffect(() => {
    if (open) {
      setState({ phase: 'idle' });
    } else {
      // Closing the dialog cancels an import under way.
      abortRef.current?.abort();
    }
  }, [open]);
  useEffect(() => () => abortRef.current?.abort(), []);

  const importFile = async (file: File) => {
    const problem = checkSpecArchive(file);
    if (problem) {
      setState({
        phase: 'refused',
        fileName: file.name,
        message:
          problem === 'not-zip'
            ? t('importDialog.notZip', { fileName: file.name })
            : t('importDialog.tooBig', {
                fileName: file.name,
                size: formatBytes(file.size, locale),
              }),
      });
      return;
    }
    const controller = new AbortController();
    abortRef.current = controller;
    setState({ phase: 'importing', fileName: file.name, percent: 0 });
    try {
      const spec = await iotApi.importSpec(appId, file, {
        signal: controller.signal,
        onProgress: ({ loaded, total }) =>
          setState({
            phase: 'importing',
            fileName: file.name,
            percent: total > 0 ? Math.min(100, (loaded / total) * 100) : 0,
          }),
      });
      setState({ phase: 'idle' });
      onImported(spec);
    } catch (error) {
      setState(
        isAbortError(error)
          ? { phase: 'idle' }
          : {
              phase: 'failed',
              fileName: file.name,
              message: errorMessage(error),
            },
      );
    } finally {
      abortRef.current = undefined;
    }
  };

  const onFiles = (files: FileList) => {
    if (files.length > 1) {
      setState({
        phase: 'refused',
        fileName: files[0].name,
        message: t('importDialog.oneFile', { files: String(files.length) }),
      });
      return;
    }
    importFile(files[0]);
  };

  return (
    <Dialog
      isOpen={open}
      width={560}
      onOpenChange={isOpen => {
        if (!isOpen) {
          onClose();
        }
      }}
    >
      <DialogHeader>{t('importDialog.title')}</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p">{t('importDialog.intro', { app: appName })}</Text>
          <FileDropZone
            label={t('importDialog.zoneLabel')}
            hint={t('importDialog.dropHint')}
            chooseLabel={t('importDialog.chooseFile')}
            inputLabel={t('importDialog.inputLabel')}
            accept={SPEC_ARCHIVE_ACCEPT}
            disabled={importing}
            onFiles={onFiles}
          >
            <Text as="span" variant="body-small" color="secondary">
              {t('importDialog.rule')}
            </Text>
          </FileDropZone>
          {state.phase === 'importing' && (
            <Flex direction="column" gap="2">
              <Text as="p">
                {t('importDialog.importing', {
                  fileName: state.fileName,
                  percent: String(Math.floor(state.percent)),
                })}
              </Text>
              <LinearProgress
                variant="determinate"
                value={state.percent}
                aria-label={t('importDialog.progressLabel')}
              />
            </Flex>
          )}
          {(state.phase === 'refused' || state.phase === 'failed') && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={
                state.phase === 'refused'
                  ? t('importDialog.refusedTitle', { fileName: state.fileName })
                  : t('importDialog.failedTitle', { fileName: state.fileName })
              }
              description={state.message}
            />
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose}>
          {importing ? t('importDialog.cancel') : t('dialogs.close')}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
