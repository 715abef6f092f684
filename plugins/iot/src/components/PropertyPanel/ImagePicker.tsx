import { Link } from '@backstage/core-components';
import { useRouteRef, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button, Flex, Text } from '@backstage/ui';
import TextField from '@material-ui/core/TextField';
import type {
  ImageKind,
  ImageListItem,
} from '@internal/backstage-plugin-iot-common';
import { useId } from 'react';
import { errorMessage } from '../../lib/errors';
import { imageKindLabel } from '../../lib/labels';
import { imagesRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { PropertyGroup } from './PropertyFields';

/** The caller's uploaded images, for the image pickers. */
export type ImageChoices = {
  images?: readonly ImageListItem[];
  loading: boolean;
  error?: Error;
  retry: () => void;
};

type ImageRef = { name?: unknown; version?: unknown };

/** Images of `kind` with their succeeded versions, newest first; only those can be deployed. */
function deployable(images: readonly ImageListItem[], kind: ImageKind) {
  return images
    .filter(image => image.kind === kind)
    .map(image => {
      const versions = image.versions
        .filter(version => version.status === 'succeeded')
        .map(version => version.version);
      const latest = image.latestVersion;
      return {
        name: image.name,
        versions:
          latest && versions.includes(latest)
            ? [latest, ...versions.filter(v => v !== latest)]
            : versions,
      };
    })
    .filter(image => image.versions.length > 0);
}

/**
 * The image and version a workload (Docker) or VM (VM image) runs: only the
 * caller's images of that kind, only versions whose upload succeeded. A
 * value that is not among them (deleted, failed) stays shown, marked.
 */
export function ImagePicker(props: {
  label: string;
  kind: ImageKind;
  value: unknown;
  onChange: (value: { name: string; version: string } | undefined) => void;
  error?: string;
  disabled: boolean;
  choices: ImageChoices;
}) {
  const { label, kind, value, onChange, error, disabled, choices } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const imagesRoute = useRouteRef(imagesRouteRef);
  const imageId = useId();
  const versionId = useId();
  const current = (value ?? {}) as ImageRef;
  const name = typeof current.name === 'string' ? current.name : '';
  const version = typeof current.version === 'string' ? current.version : '';
  const images = deployable(choices.images ?? [], kind);
  const chosen = images.find(image => image.name === name);
  const unavailable = (text: string) =>
    t('propertyPanel.unavailable', { value: text });

  return (
    <PropertyGroup label={label} error={error}>
      <Flex direction="column" gap="2">
        <TextField
          id={imageId}
          select
          label={t('propertyPanel.image')}
          variant="outlined"
          size="small"
          fullWidth
          required
          disabled={disabled || choices.loading}
          value={name}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={event => {
            const image = images.find(i => i.name === event.target.value);
            onChange(
              image
                ? { name: image.name, version: image.versions[0] }
                : undefined,
            );
          }}
        >
          <option value="">
            {choices.loading
              ? t('propertyPanel.loadingImages')
              : t('propertyPanel.chooseImage')}
          </option>
          {name && !chosen && <option value={name}>{unavailable(name)}</option>}
          {images.map(image => (
            <option key={image.name} value={image.name}>
              {image.name}
            </option>
          ))}
        </TextField>
        <TextField
          id={versionId}
          select
          label={t('propertyPanel.imageVersion')}
          variant="outlined"
          size="small"
          fullWidth
          required
          disabled={disabled || !name}
          value={version}
          SelectProps={{ native: true }}
          InputLabelProps={{ shrink: true }}
          onChange={event => onChange({ name, version: event.target.value })}
        >
          {!version && <option value="">{t('propertyPanel.choose')}</option>}
          {version && !chosen?.versions.includes(version) && (
            <option value={version}>{unavailable(version)}</option>
          )}
          {chosen?.versions.map(v => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </TextField>
        {choices.error && (
          <Alert
            role="alert"
            status="danger"
            title={t('propertyPanel.imagesFailed', {
              message: errorMessage(choices.error),
            })}
            customActions={
              <Button variant="secondary" size="small" onPress={choices.retry}>
                {t('dialogs.retry')}
              </Button>
            }
          />
        )}
        {!disabled && choices.images && images.length === 0 && (
          <Text as="p" variant="body-small" color="secondary">
            {t('propertyPanel.noImages', { kind: imageKindLabel(t, kind) })}{' '}
            {imagesRoute && (
              <Link to={imagesRoute()}>{t('propertyPanel.toImagesPage')}</Link>
            )}
          </Text>
        )}
      </Flex>
    </PropertyGroup>
  );
}
