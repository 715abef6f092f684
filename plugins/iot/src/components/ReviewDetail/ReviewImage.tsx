import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import { Skeleton, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  formatListingBytes,
  type ListingImageInfo,
} from '@internal/backstage-plugin-iot-common';
import useAsync from 'react-use/esm/useAsync';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import { readAsDataUrl } from '../../lib/dataUrl';
import { iotTranslationRef } from '../../translation';

const useStyles = makeStyles(theme => ({
  figure: {
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    maxWidth: 320,
  },
  picture: {
    maxWidth: '100%',
    maxHeight: 180,
    objectFit: 'contain',
    alignSelf: 'flex-start',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
  },
}));

export interface ReviewImageProps {
  /** The submission the image belongs to. */
  reviewId: string;
  round: number;
  image: ListingImageInfo;
  /** Hide the field's name, e.g. in a table row that names it. */
  hideLabel?: boolean;
}

/**
 * One image of a submission, fetched through the API client with the
 * caller's token, with its format, pixels and size (SPEC-9, REV-1).
 */
export function ReviewImage(props: ReviewImageProps) {
  const { reviewId, round, image, hideLabel } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const iotApi = useApi(iotApiRef);
  const fetched = useAsync(
    async () =>
      readAsDataUrl((await iotApi.getReviewImage(reviewId, image.field)).blob),
    [iotApi, reviewId, image.field, image.sha256],
  );
  const url = fetched.value;
  const label = t(`reviewField.${image.field}`);
  return (
    <figure className={classes.figure}>
      {url && (
        <img
          src={url}
          alt={t('reviewDetail.imageAlt', {
            field: label,
            round: String(round),
          })}
          className={classes.picture}
        />
      )}
      {fetched.loading && <Skeleton width={160} height={90} />}
      {fetched.error && (
        <Text variant="body-small" color="danger" role="alert">
          {t('reviewDetail.imageFailed', {
            field: label,
            message: errorMessage(fetched.error),
          })}
        </Text>
      )}
      <figcaption>
        {!hideLabel && (
          <Text as="div" variant="body-medium" weight="bold">
            {label}
          </Text>
        )}
        <Text as="div" variant="body-small" color="secondary">
          {t('reviewDetail.imageCaption', {
            format: image.format.toUpperCase(),
            width: String(image.width),
            height: String(image.height),
            size: formatListingBytes(image.sizeBytes),
          })}
        </Text>
      </figcaption>
    </figure>
  );
}
