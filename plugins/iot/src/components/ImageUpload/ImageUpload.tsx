import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UploadedImage } from '@internal/backstage-plugin-iot-common';
import { iotApiRef } from '../../api';
import { errorMessage, isAbortError } from '../../lib/errors';
import { formatBytes } from '../../lib/format';
import { IMAGE_FILE_ACCEPT, checkImageFile } from '../../lib/imageFileName';
import { durationLabel } from '../../lib/labels';
import { UploadProgress, UploadSpeedMeter } from '../../lib/uploadProgress';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { FileDropZone } from '../FileDropZone';

const useStyles = makeStyles(theme => ({
  rules: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    textAlign: 'left',
    display: 'inline-block',
  },
  bar: {
    height: 8,
    borderRadius: 4,
  },
}));

type UploadState =
  | { phase: 'idle' }
  | { phase: 'refused'; fileName: string; message: string }
  | { phase: 'uploading'; fileName: string; progress: UploadProgress }
  | { phase: 'succeeded'; uploaded: UploadedImage }
  | { phase: 'failed'; fileName: string; message: string }
  | { phase: 'cancelled'; fileName: string };

export interface ImageUploadProps {
  /**
   * Called when an upload ends, with the stored version when it succeeded:
   * a refused or cancelled upload may still have left a failed version.
   */
  onUploadFinished?: (uploaded?: UploadedImage) => void;
}

/** Drag-and-drop zone and file picker that upload one image file (IMG-1). */
export function ImageUpload(props: ImageUploadProps) {
  const { onUploadFinished } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const iotApi = useApi(iotApiRef);
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const abortRef = useRef<AbortController>();
  const uploading = state.phase === 'uploading';

  // Leaving the page cancels the upload rather than letting it run unseen.
  useEffect(() => () => abortRef.current?.abort(), []);

  const upload = useCallback(
    async (file: File) => {
      const problem = checkImageFile(file);
      if (problem) {
        setState({
          phase: 'refused',
          fileName: file.name,
          message:
            problem === 'file-name'
              ? t('upload.badName', { fileName: file.name })
              : t('upload.tooBig', {
                  fileName: file.name,
                  size: formatBytes(file.size, locale),
                }),
        });
        return;
      }
      const controller = new AbortController();
      abortRef.current = controller;
      const meter = new UploadSpeedMeter();
      setState({
        phase: 'uploading',
        fileName: file.name,
        progress: meter.sample(0, file.size),
      });
      try {
        const uploaded = await iotApi.uploadImage(file, {
          signal: controller.signal,
          onProgress: ({ loaded, total }) =>
            setState({
              phase: 'uploading',
              fileName: file.name,
              progress: meter.sample(loaded, total),
            }),
        });
        setState({ phase: 'succeeded', uploaded });
        onUploadFinished?.(uploaded);
      } catch (error) {
        setState(
          isAbortError(error)
            ? { phase: 'cancelled', fileName: file.name }
            : {
                phase: 'failed',
                fileName: file.name,
                message: errorMessage(error),
              },
        );
        onUploadFinished?.();
      } finally {
        abortRef.current = undefined;
      }
    },
    [iotApi, locale, onUploadFinished, t],
  );

  const uploadFiles = (files: FileList) => {
    if (files.length > 1) {
      setState({
        phase: 'refused',
        fileName: files[0].name,
        message: t('upload.oneFile', { files: String(files.length) }),
      });
      return;
    }
    upload(files[0]);
  };

  return (
    <Flex direction="column" gap="3">
      <FileDropZone
        label={t('upload.zoneLabel')}
        hint={t('upload.dropHint')}
        chooseLabel={t('upload.chooseFile')}
        inputLabel={t('upload.inputLabel')}
        accept={IMAGE_FILE_ACCEPT}
        disabled={uploading}
        onFiles={uploadFiles}
      >
        <ul className={classes.rules}>
          <li>
            <Text as="span" variant="body-small" color="secondary">
              {t('upload.ruleDocker')}
            </Text>
          </li>
          <li>
            <Text as="span" variant="body-small" color="secondary">
              {t('upload.ruleVm')}
            </Text>
          </li>
          <li>
            <Text as="span" variant="body-small" color="secondary">
              {t('upload.ruleSize')}
            </Text>
          </li>
        </ul>
      </FileDropZone>
      {state.phase === 'uploading' && (
        <UploadProgressView
          fileName={state.fileName}
          progress={state.progress}
          onCancel={() => abortRef.current?.abort()}
        />
      )}
      {state.phase === 'succeeded' && (
        <Alert
          role="status"
          status="success"
          icon
          title={t('upload.succeeded', {
            name: state.uploaded.name,
            version: state.uploaded.version,
            size: formatBytes(state.uploaded.sizeBytes, locale),
          })}
        />
      )}
      {state.phase === 'cancelled' && (
        <Alert
          role="status"
          status="info"
          icon
          title={t('upload.cancelled', { fileName: state.fileName })}
        />
      )}
      {(state.phase === 'refused' || state.phase === 'failed') && (
        <Alert
          role="alert"
          status="danger"
          icon
          title={
            state.phase === 'refused'
              ? t('upload.refusedTitle', { fileName: state.fileName })
              : t('upload.failedTitle', { fileName: state.fileName })
          }
          description={state.message}
        />
      )}
    </Flex>
  );
}

function UploadProgressView(props: {
  fileName: string;
  progress: UploadProgress;
  onCancel: () => void;
}) {
  const { fileName, progress, onCancel } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const allSent = progress.total > 0 && progress.loaded >= progress.total;
  const details = [
    `${Math.floor(progress.percent)}%`,
    t('upload.sent', {
      sent: formatBytes(progress.loaded, locale),
      total: formatBytes(progress.total, locale),
    }),
  ];
  if (!allSent && progress.bytesPerSecond !== undefined) {
    details.push(
      t('upload.speed', {
        speed: formatBytes(progress.bytesPerSecond, locale),
      }),
    );
  }
  if (!allSent && progress.secondsLeft !== undefined) {
    details.push(
      t('upload.timeLeft', { time: durationLabel(t, progress.secondsLeft) }),
    );
  }
  return (
    <Flex direction="column" gap="2">
      <Flex justify="between" align="center" gap="2">
        <Text as="p" weight="bold">
          {t('upload.uploading', { fileName })}
        </Text>
        <Button variant="secondary" onPress={onCancel}>
          {t('upload.cancel')}
        </Button>
      </Flex>
      <LinearProgress
        variant="determinate"
        value={progress.percent}
        aria-label={t('upload.progressLabel')}
        className={classes.bar}
      />
      <Text as="p" variant="body-small" color="secondary">
        {details.join(' · ')}
      </Text>
      {allSent && (
        <Text as="p" variant="body-small">
          {t('upload.checking')}
        </Text>
      )}
    </Flex>
  );
}
