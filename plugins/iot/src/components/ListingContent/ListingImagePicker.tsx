import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Button, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  LISTING_IMAGE_RULES,
  checkListingImage,
  formatListingBytes,
  type ListingImageField,
} from '@internal/backstage-plugin-iot-common';
import { useId, useRef, useState } from 'react';
import { readAsDataUrl } from '../../lib/dataUrl';
import { iotTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  preview: {
    width: 96,
    height: 96,
    objectFit: 'contain',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
  },
  flagged: {
    borderLeft: `3px solid ${theme.palette.error.main}`,
    paddingLeft: theme.spacing(1),
  },
  hidden: { display: 'none' },
}));

/** A chosen image that passed the browser's check. */
export type PickedImage = {
  file: File;
  width: number;
  height: number;
  /** For the preview. */
  dataUrl: string;
};

export interface ListingImagePickerProps {
  field: ListingImageField;
  label: string;
  value?: PickedImage;
  onChange: (image: PickedImage | undefined) => void;
  /** Whether leaving it empty keeps the previous submission's image. */
  optional: boolean;
  /** The last rejection flagged this image. */
  flagged: boolean;
  /** Shown when the form is checked and no image was chosen. */
  problem?: string;
  disabled?: boolean;
}

/** Reads `file` into bytes; jsdom's File lacks arrayBuffer(), FileReader works everywhere. */
function readBytes(file: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

/**
 * Picks one listing image (SPEC-9) and checks its bytes with the server's
 * own rules (`checkListingImage`) before anything is uploaded; a refused
 * file is not kept and the rule's message is shown.
 */
export function ListingImagePicker(props: ListingImagePickerProps) {
  const {
    field,
    label,
    value,
    onChange,
    optional,
    flagged,
    problem,
    disabled,
  } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const rule = LISTING_IMAGE_RULES[field];
  const [refusal, setRefusal] = useState<string>();

  const pick = async (file: File | undefined) => {
    if (!file) {
      return;
    }
    // Only the start is needed when the file is too large anyway.
    const tooLarge = file.size > rule.maxBytes;
    const bytes = await readBytes(tooLarge ? file.slice(0, 64 * 1024) : file);
    const check = checkListingImage(field, {
      bytes,
      fileName: file.name,
      sizeBytes: file.size,
    });
    if (check.ok) {
      setRefusal(undefined);
      onChange({
        file,
        width: check.width,
        height: check.height,
        dataUrl: await readAsDataUrl(file),
      });
    } else {
      setRefusal(check.message);
      onChange(undefined);
    }
  };

  const formats = rule.formats.map(format => format.toUpperCase()).join(', ');
  const shownProblem = refusal ?? problem;
  return (
    <div
      className={flagged ? classes.flagged : undefined}
      data-flagged={flagged || undefined}
    >
      <Flex direction="column" gap="1">
        <label htmlFor={inputId}>
          <Text variant="body-medium" weight="bold">
            {label}
            {optional ? '' : ' *'}
          </Text>
        </label>
        {flagged && (
          <Text variant="body-small" color="danger">
            {t('submitDialog.flagged')}
          </Text>
        )}
        <Text variant="body-small" color="secondary">
          {t('submitDialog.imageRule', {
            formats,
            size: formatListingBytes(rule.maxBytes),
          })}
          {optional ? ` ${t('submitDialog.keepsImage')}` : ''}
        </Text>
        <Flex align="center" gap="2">
          {value && (
            <img
              src={value.dataUrl}
              alt={t('submitDialog.preview', { field: label })}
              className={classes.preview}
            />
          )}
          <input
            id={inputId}
            ref={input}
            type="file"
            accept={rule.accept}
            className={classes.hidden}
            disabled={disabled}
            aria-invalid={Boolean(shownProblem)}
            onChange={event => {
              const file = event.target.files?.[0];
              // the same file again must fire a change again
              event.target.value = '';
              void pick(file);
            }}
          />
          <Button
            variant="secondary"
            size="small"
            isDisabled={disabled}
            onPress={() => input.current?.click()}
            aria-label={`${
              value
                ? t('submitDialog.replaceImage')
                : t('submitDialog.chooseImage')
            }: ${label}`}
          >
            {value
              ? t('submitDialog.replaceImage')
              : t('submitDialog.chooseImage')}
          </Button>
          {value && (
            <Text variant="body-small">
              {t('submitDialog.imageInfo', {
                name: value.file.name,
                width: String(value.width),
                height: String(value.height),
                size: formatListingBytes(value.file.size),
              })}
            </Text>
          )}
        </Flex>
        {shownProblem && (
          <Text variant="body-small" color="danger" role="alert">
            {shownProblem}
          </Text>
        )}
      </Flex>
    </div>
  );
}
