import { Link } from '@backstage/core-components';
import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
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
import Checkbox from '@material-ui/core/Checkbox';
import { makeStyles } from '@material-ui/core/styles';
import {
  LISTING_IMAGE_FIELDS,
  MAX_LISTING_NAME_LENGTH,
  MAX_LISTING_SUMMARY_LENGTH,
  MAX_SUBMITTED_SPECS,
  specReviewField,
  type IotAppListing,
  type IotReviewSummary,
  type IotSpecItem,
  type ListingImageField,
  type ReviewField,
} from '@internal/backstage-plugin-iot-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { iotApiRef } from '../../api';
import { errorMessage } from '../../lib/errors';
import {
  deployLocationLabel,
  specTypeLabel,
  yesNo,
  type IotTranslate,
} from '../../lib/labels';
import { specRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { CountedTextField } from '../CountedTextField';
import { ListingImagePicker, PickedImage } from './ListingImagePicker';

const useStyles = makeStyles(theme => ({
  spec: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'flex-start',
    padding: theme.spacing(1),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
  },
  flagged: {
    borderLeft: `3px solid ${theme.palette.error.main}`,
  },
}));

type Images = Partial<Record<ListingImageField, PickedImage>>;

/** The submission the form starts from: the latest the ISV made, if any. */
export function latestSubmission(
  listing: IotAppListing,
): IotReviewSummary | null {
  const candidates = [
    listing.pending,
    listing.lastRejection,
    listing.listed?.review ?? null,
  ].filter((review): review is IotReviewSummary => review !== null);
  return candidates.sort((a, b) => b.round - a.round)[0] ?? null;
}

/** Problem of a one-line listing text, in words; undefined when fine. */
function textProblem(
  t: IotTranslate,
  label: string,
  value: string,
  max: number,
): string | undefined {
  const trimmed = value.trim();
  if (!trimmed) {
    return t('submitDialog.required', { field: label });
  }
  if (trimmed.length > max) {
    return t('submitDialog.tooLong', { field: label, max: String(max) });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) {
    return t('submitDialog.controlCharacters', { field: label });
  }
  return undefined;
}

export interface SubmitListingDialogProps {
  open: boolean;
  appId: string;
  appName: string;
  listing: IotAppListing;
  onSubmitted: (review: IotReviewSummary) => void;
  onClose: () => void;
}

/**
 * "Submit for review" (SPEC-9), in two steps: the listing (name, summary
 * with its counter, logo, showcase and intro images checked in the browser
 * by the server's rules), then the specs to list — only those that passed
 * a deployment test can be chosen. The fields the last rejection flagged
 * are marked; the server's refusal is shown as it comes.
 */
export function SubmitListingDialog(props: SubmitListingDialogProps) {
  const { open, appId, appName, listing, onSubmitted, onClose } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const iotApi = useApi(iotApiRef);
  const specLink = useRouteRef(specRouteRef);
  const previous = latestSubmission(listing);
  const rejection = listing.lastRejection;
  const flagged = new Set<ReviewField>(rejection?.flaggedFields ?? []);
  const imagesOptional = previous !== null;

  const [step, setStep] = useState<1 | 2>(1);
  const [listingName, setListingName] = useState('');
  const [summary, setSummary] = useState('');
  const [images, setImages] = useState<Images>({});
  const [specIds, setSpecIds] = useState<string[]>([]);
  const [checked, setChecked] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setStep(1);
      setListingName(previous?.listingName ?? appName);
      setSummary(previous?.summary ?? '');
      setImages({});
      setSpecIds(previous?.specIds ?? []);
      setChecked(false);
      setSubmitting(false);
      setError(undefined);
    }
    // the form starts over each time it opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const specs = useAsync(
    async () => (open ? (await iotApi.listSpecs(appId)).items : []),
    [iotApi, appId, open],
  );
  const specItems: IotSpecItem[] = specs.value ?? [];
  const selectable = (spec: IotSpecItem) => spec.passedDeploymentTest === true;
  // Specs chosen before that can no longer be listed are dropped.
  const chosen = specIds.filter(id =>
    specItems.some(spec => spec.id === id && selectable(spec)),
  );

  const nameLabel = t('submitDialog.listingName');
  const summaryLabel = t('submitDialog.summary');
  const problems = {
    listingName: textProblem(
      t,
      nameLabel,
      listingName,
      MAX_LISTING_NAME_LENGTH,
    ),
    summary: textProblem(t, summaryLabel, summary, MAX_LISTING_SUMMARY_LENGTH),
  };
  const imageLabel = (field: ListingImageField) => t(`reviewField.${field}`);
  const missingImage = (field: ListingImageField) =>
    !imagesOptional && !images[field]
      ? t('submitDialog.required', { field: imageLabel(field) })
      : undefined;
  const stepOneValid =
    !problems.listingName &&
    !problems.summary &&
    LISTING_IMAGE_FIELDS.every(field => !missingImage(field));

  let specProblem: string | undefined;
  if (chosen.length === 0) {
    specProblem = t('submitDialog.noSpecChosen');
  } else if (chosen.length > MAX_SUBMITTED_SPECS) {
    specProblem = t('submitDialog.tooManySpecs', {
      max: String(MAX_SUBMITTED_SPECS),
    });
  }

  const next = () => {
    setChecked(true);
    if (stepOneValid) {
      setChecked(false);
      setStep(2);
    }
  };

  const submit = async () => {
    setChecked(true);
    if (specProblem) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      const review = await iotApi.submitListing(appId, {
        listingName: listingName.trim(),
        summary: summary.trim(),
        specIds: chosen,
        logo: images.logo?.file,
        showcaseImage: images.showcaseImage?.file,
        introImage: images.introImage?.file,
      });
      onSubmitted(review);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  const toggle = (specId: string, on: boolean) =>
    setSpecIds(ids =>
      on
        ? [...ids.filter(id => id !== specId), specId]
        : ids.filter(id => id !== specId),
    );

  const flaggedNote = (field: ReviewField) =>
    flagged.has(field) ? (
      <Text variant="body-small" color="danger">
        {t('submitDialog.flagged')}
      </Text>
    ) : null;

  /** The listing name or summary: counted, its problem shown once checked or too long, marked when flagged. */
  const textField = (
    field: 'listingName' | 'summary',
    label: string,
    value: string,
    onChange: (value: string) => void,
    max: number,
  ) => (
    <div data-flagged={flagged.has(field) || undefined}>
      {flaggedNote(field)}
      <CountedTextField
        label={label}
        value={value}
        onChange={onChange}
        max={max}
        problem={checked || value.length > max ? problems[field] : undefined}
        required
      />
    </div>
  );

  return (
    <Dialog
      isOpen={open}
      isDismissable={!submitting}
      width={720}
      onOpenChange={isOpen => {
        if (!isOpen) {
          onClose();
        }
      }}
    >
      <DialogHeader>{t('submitDialog.title', { app: appName })}</DialogHeader>
      <DialogBody>
        <Flex direction="column" gap="3">
          <Text as="p" variant="body-medium" weight="bold">
            {step === 1
              ? t('submitDialog.stepListing')
              : t('submitDialog.stepSpecs')}
          </Text>
          {rejection?.reason && (
            <Alert
              status="warning"
              icon
              title={t('submitDialog.rejectionNote', {
                reason: rejection.reason,
              })}
            />
          )}
          {step === 1 && (
            <Flex direction="column" gap="3">
              {textField(
                'listingName',
                nameLabel,
                listingName,
                setListingName,
                MAX_LISTING_NAME_LENGTH,
              )}
              {textField(
                'summary',
                summaryLabel,
                summary,
                setSummary,
                MAX_LISTING_SUMMARY_LENGTH,
              )}
              {LISTING_IMAGE_FIELDS.map(field => (
                <ListingImagePicker
                  key={field}
                  field={field}
                  label={imageLabel(field)}
                  value={images[field]}
                  onChange={image =>
                    setImages(current => ({ ...current, [field]: image }))
                  }
                  optional={imagesOptional}
                  flagged={flagged.has(field)}
                  problem={checked ? missingImage(field) : undefined}
                />
              ))}
            </Flex>
          )}
          {step === 2 && (
            <Flex direction="column" gap="2">
              <Text as="p" color="secondary">
                {t('submitDialog.chooseSpecs')}
              </Text>
              {flaggedNote('specs')}
              {specs.error && (
                <Alert
                  role="alert"
                  status="danger"
                  icon
                  title={t('submitDialog.specsLoadFailed')}
                  description={errorMessage(specs.error)}
                />
              )}
              {!specs.loading && !specs.error && specItems.length === 0 && (
                <Text as="p">{t('submitDialog.noSpecs')}</Text>
              )}
              {specItems.map(spec => {
                const field = specReviewField(spec.id);
                const isFlagged = flagged.has(field);
                const canChoose = selectable(spec);
                const labelId = `spec-${spec.id}`;
                return (
                  <div
                    key={spec.id}
                    className={`${classes.spec} ${
                      isFlagged ? classes.flagged : ''
                    }`}
                    data-testid={`spec-option-${spec.id}`}
                    data-flagged={isFlagged || undefined}
                  >
                    <Checkbox
                      checked={chosen.includes(spec.id)}
                      disabled={!canChoose || submitting}
                      onChange={event => toggle(spec.id, event.target.checked)}
                      inputProps={{ 'aria-labelledby': labelId }}
                    />
                    <Flex direction="column" gap="1">
                      <Text id={labelId} variant="body-medium" weight="bold">
                        {spec.name}
                      </Text>
                      <Text variant="body-small" color="secondary">
                        {[
                          `${t('fields.type')}: ${specTypeLabel(t, spec.type)}`,
                          `${t('fields.deployLocation')}: ${deployLocationLabel(
                            t,
                            spec.deployLocation,
                          )}`,
                          `${t('submitDialog.trial')}: ${yesNo(
                            t,
                            spec.allowTrial,
                          )}`,
                        ].join(' · ')}
                      </Text>
                      <Text variant="body-small">{spec.description}</Text>
                      {isFlagged && (
                        <Text variant="body-small" color="danger">
                          {t('submitDialog.flagged')}
                        </Text>
                      )}
                      {canChoose ? (
                        <Text variant="body-small" color="success">
                          {t('submitDialog.passed')}
                        </Text>
                      ) : (
                        specLink && (
                          <Link to={specLink({ specId: spec.id })}>
                            {t('submitDialog.notTested')}
                          </Link>
                        )
                      )}
                    </Flex>
                  </div>
                );
              })}
              {checked && specProblem && (
                <Text variant="body-small" color="danger" role="alert">
                  {specProblem}
                </Text>
              )}
            </Flex>
          )}
          {error && (
            <Alert
              role="alert"
              status="danger"
              icon
              title={t('submitDialog.failed')}
              description={error}
            />
          )}
        </Flex>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose} isDisabled={submitting}>
          {t('submitDialog.cancel')}
        </Button>
        {step === 2 && (
          <Button
            variant="secondary"
            onPress={() => setStep(1)}
            isDisabled={submitting}
          >
            {t('submitDialog.back')}
          </Button>
        )}
        {step === 1 ? (
          <Button variant="primary" onPress={next}>
            {t('submitDialog.next')}
          </Button>
        ) : (
          <Button variant="primary" onPress={submit} isPending={submitting}>
            {t('submitDialog.submit')}
          </Button>
        )}
      </DialogFooter>
    </Dialog>
  );
}
