import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ButtonIcon, Flex, Text } from '@backstage/ui';
import Collapse from '@material-ui/core/Collapse';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import ComputerIcon from '@material-ui/icons/Computer';
import DeleteIcon from '@material-ui/icons/Delete';
import KeyboardArrowDownIcon from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRightIcon from '@material-ui/icons/KeyboardArrowRight';
import LayersIcon from '@material-ui/icons/Layers';
import {
  IOT_APP_KIND,
  ImageListItem,
  ImageVersionListItem,
} from '@internal/backstage-plugin-iot-common';
import { formatBytes, formatDateTime } from '../../lib/format';
import { sortVersionsNewestFirst } from '../../lib/images';
import { imageKindLabel, uploadStatusChip } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import type { VersionToDelete } from '../DeleteVersionDialog';
import { StatusChip } from '../StatusChip';

const useStyles = makeStyles(theme => ({
  imageRow: {
    '& > td': { borderBottom: 'unset' },
  },
  versionsCell: {
    paddingTop: 0,
    paddingBottom: 0,
  },
  versions: {
    margin: theme.spacing(0, 0, 2, 6),
  },
  usedBy: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
}));

export interface ImageTableProps {
  images: ImageListItem[];
  /** Names of the images whose versions are shown. */
  expanded: ReadonlySet<string>;
  onToggle: (name: string) => void;
  onDelete: (version: VersionToDelete) => void;
}

/** The ISV's images, each expandable to its versions (IMG-3). */
export function ImageTable(props: ImageTableProps) {
  const { images, expanded, onToggle, onDelete } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox" />
          <TableCell>{t('fields.name')}</TableCell>
          <TableCell>{t('fields.imageKind')}</TableCell>
          <TableCell>{t('fields.latestVersion')}</TableCell>
          <TableCell align="right">{t('fields.totalSize')}</TableCell>
          <TableCell>{t('fields.lastUpdate')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {images.map(image => (
          <ImageRows
            key={image.name}
            image={image}
            open={expanded.has(image.name)}
            onToggle={() => onToggle(image.name)}
            onDelete={onDelete}
          />
        ))}
      </TableBody>
    </Table>
  );
}

function ImageRows(props: {
  image: ImageListItem;
  open: boolean;
  onToggle: () => void;
  onDelete: (version: VersionToDelete) => void;
}) {
  const { image, open, onToggle, onDelete } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const KindIcon = image.kind === 'vm' ? ComputerIcon : LayersIcon;
  return (
    <>
      <TableRow className={classes.imageRow}>
        <TableCell padding="checkbox">
          <ButtonIcon
            size="small"
            variant="tertiary"
            aria-label={t('imageList.showVersions', { name: image.name })}
            aria-expanded={open}
            onPress={onToggle}
            icon={open ? <KeyboardArrowDownIcon /> : <KeyboardArrowRightIcon />}
          />
        </TableCell>
        <TableCell component="th" scope="row">
          <EntityRefLink entityRef={image.entityRef} title={image.name} />
        </TableCell>
        <TableCell>
          <Flex align="center" gap="1">
            <KindIcon fontSize="small" aria-hidden />
            {imageKindLabel(t, image.kind)}
          </Flex>
        </TableCell>
        <TableCell>{image.latestVersion ?? t('values.none')}</TableCell>
        <TableCell align="right">
          {formatBytes(image.totalSizeBytes, locale)}
        </TableCell>
        <TableCell>{formatDateTime(image.updatedAt, locale)}</TableCell>
      </TableRow>
      <TableRow>
        <TableCell className={classes.versionsCell} colSpan={6}>
          <Collapse in={open} timeout="auto" unmountOnExit>
            <div className={classes.versions}>
              <VersionTable image={image} onDelete={onDelete} />
            </div>
          </Collapse>
        </TableCell>
      </TableRow>
    </>
  );
}

function VersionTable(props: {
  image: ImageListItem;
  onDelete: (version: VersionToDelete) => void;
}) {
  const { image, onDelete } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Table
      size="small"
      aria-label={t('imageList.versionsOf', { name: image.name })}
    >
      <TableHead>
        <TableRow>
          <TableCell>{t('fields.version')}</TableCell>
          <TableCell>{t('fields.status')}</TableCell>
          <TableCell>{t('fields.usedBy')}</TableCell>
          <TableCell align="right">{t('fields.size')}</TableCell>
          <TableCell>{t('fields.uploadedAt')}</TableCell>
          <TableCell align="right">{t('fields.actions')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {sortVersionsNewestFirst(image.versions).map(version => (
          <VersionRow
            key={version.version}
            name={image.name}
            version={version}
            onDelete={onDelete}
          />
        ))}
      </TableBody>
    </Table>
  );
}

function VersionRow(props: {
  name: string;
  version: ImageVersionListItem;
  onDelete: (version: VersionToDelete) => void;
}) {
  const { name, version, onDelete } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const chip = uploadStatusChip(t, version.status);
  // A spec per row of usedBy; the list shows each app once.
  const apps = [
    ...new Map(version.usedBy.map(usage => [usage.app, usage])).values(),
  ];
  return (
    <TableRow>
      <TableCell component="th" scope="row">
        {version.version}
      </TableCell>
      <TableCell>
        <Flex direction="column" gap="1" align="start">
          <StatusChip label={chip.label} tone={chip.tone} />
          {version.failureReason && (
            <Text as="span" variant="body-small" color="danger">
              {version.failureReason}
            </Text>
          )}
        </Flex>
      </TableCell>
      <TableCell>
        {apps.length > 0 ? (
          <ul className={classes.usedBy}>
            {apps.map(usage => (
              <li key={usage.app}>
                <EntityRefLink
                  entityRef={usage.app}
                  defaultKind={IOT_APP_KIND}
                  title={usage.appTitle}
                />
              </li>
            ))}
          </ul>
        ) : (
          <Text as="span" variant="body-small" color="secondary">
            {t('imageList.notUsed')}
          </Text>
        )}
      </TableCell>
      <TableCell align="right">
        {formatBytes(version.sizeBytes, locale)}
      </TableCell>
      <TableCell>{formatDateTime(version.uploadedAt, locale)}</TableCell>
      <TableCell align="right">
        <ButtonIcon
          size="small"
          variant="tertiary"
          aria-label={t('imageList.deleteVersion', {
            name,
            version: version.version,
          })}
          onPress={() => onDelete({ name, version: version.version })}
          icon={<DeleteIcon fontSize="small" />}
        />
      </TableCell>
    </TableRow>
  );
}
