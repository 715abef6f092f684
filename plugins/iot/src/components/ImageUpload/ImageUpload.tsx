import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import LinearProgress from '@material-ui/core/LinearProgress';
import { makeStyles } from '@material-ui/core/styles';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import {
  ChangeEvent,
  DragEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { UploadedImage } from '@internal/backstage-plugin-iot-common';
import { iotApiRef } from '../../api';
import { errorMessage, isAbortError } from '../../lib/errors';
import { formatBytes } from '../../lib/format';
import { IMAGE_FILE_ACCEPT, checkImageFile } from '../../lib/imageFileName';
import { durationLabel } from '../../lib/labels';
import { UploadProgress, UploadSpeedMeter } from '../../lib/uploadProgress';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  zone: {
    border: `2px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(3),
    textAlign: 'center',
    transition: theme.transitions.create(['border-color', 'background-color']),
  },
  dragging: {
    borderColor: theme.palette.primary.main,
    backgroundColor: theme.palette.action.hover,
  },
  icon: {
    fontSize: 40,
    color: theme.palette.text.secondary,
  },
  input: {
    // Visually hidden but reachable for assistive technology and tests.
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
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
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
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

  const uploadFiles = (files: FileList | null) => {
    if (!files || files.length === 0 || uploading) {
      return;
    }
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

  const onInputChange = (event: ChangeEvent<HTMLInputElement>) => {
    uploadFiles(event.target.files);
    // Choosing the same file again after a failure must fire a change.
    event.target.value = '';
  };

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = uploading ? 'none' : 'copy';
    setDragging(!uploading);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    uploadFiles(event.dataTransfer.files);
  };

  return (
    <Flex direction="column" gap="3">
      <div
        role="region"
        aria-label={t('upload.zoneLabel')}
        className={`${classes.zone} ${dragging ? classes.dragging : ''}`}
        onDragOver={onDragOver}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Flex direction="column" align="center" gap="2">
          <CloudUploadIcon className={classes.icon} aria-hidden />
          <Flex align="center" gap="2">
            <Text as="span">{t('upload.dropHint')}</Text>
            <Button
              variant="secondary"
              isDisabled={uploading}
              onPress={() => inputRef.current?.click()}
            >
              {t('upload.chooseFile')}
            </Button>
          </Flex>
          <input
            ref={inputRef}
            type="file"
            accept={IMAGE_FILE_ACCEPT}
            aria-label={t('upload.inputLabel')}
            className={classes.input}
            disabled={uploading}
            onChange={onInputChange}
            tabIndex={-1}
          />
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
        </Flex>
      </div>
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
