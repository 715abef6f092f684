import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Progress } from '@backstage/core-components';
import {
  Alert,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Text,
} from '@backstage/ui';
import { useCallback, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  iotImageCreatePermission,
  type UploadedImage,
} from '@internal/backstage-plugin-iot-common';
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';
import { DeleteVersionDialog, VersionToDelete } from '../DeleteVersionDialog';
import { ImageFilterValues, ImageFilters } from '../ImageFilters';
import { ImageTable } from '../ImageTable';
import { ImageUpload } from '../ImageUpload';
import { useImageList } from './useImageList';
import { LoadFailedAlert } from '../LoadFailedAlert';
import { PagedList } from '../PagedList';

/** Typing in the search box queries the server once the user pauses. */
const SEARCH_DELAY_MS = 300;

/**
 * The ISV's images: upload (IMG-1), list with versions (IMG-3), search
 * (IMG-4) and delete (IMG-5).
 */
export function ImagesPage() {
  const { t } = useTranslationRef(iotTranslationRef);
  const [filters, setFilters] = useState<ImageFilterValues>({ name: '' });
  const [query, setQuery] = useState<ImageFilterValues>(filters);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [toDelete, setToDelete] = useState<VersionToDelete>();
  const [deleted, setDeleted] = useState<VersionToDelete>();
  const list = useImageList({ name: query.name.trim(), status: query.status });
  // The server decides; this only spares non-ISVs an upload they cannot do.
  const canUpload = usePermission({ permission: iotImageCreatePermission });
  const { reload } = list;

  useDebounce(
    () => setQuery(filters),
    filters.name === query.name ? 0 : SEARCH_DELAY_MS,
    [filters],
  );

  const toggle = useCallback(
    (name: string) =>
      setExpanded(previous => {
        const next = new Set(previous);
        if (!next.delete(name)) {
          next.add(name);
        }
        return next;
      }),
    [],
  );

  const onUploadFinished = useCallback(
    (uploaded?: UploadedImage) => {
      if (uploaded) {
        // Open the image so that the new version is in sight.
        setExpanded(previous => new Set(previous).add(uploaded.name));
      }
      setDeleted(undefined);
      reload();
    },
    [reload],
  );

  const onDeleted = (version: VersionToDelete) => {
    setToDelete(undefined);
    setDeleted(version);
    reload();
  };

  const filtered = query.name.trim() !== '' || query.status !== undefined;

  return (
    <Container my="4">
      <Flex direction="column" gap="4">
        <Card>
          <CardHeader>
            <Text as="h2" variant="title-small">
              {t('imagesPage.uploadTitle')}
            </Text>
          </CardHeader>
          <CardBody>
            {canUpload.loading && <Progress />}
            {!canUpload.loading && canUpload.allowed && (
              <ImageUpload onUploadFinished={onUploadFinished} />
            )}
            {!canUpload.loading && !canUpload.allowed && (
              <Text as="p" color="secondary">
                {t('imagesPage.uploadNotAllowed')}
              </Text>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader>
            <Text as="h2" variant="title-small">
              {t('imagesPage.listTitle')}
            </Text>
          </CardHeader>
          <CardBody>
            <Flex direction="column" gap="3">
              <ImageFilters value={filters} onChange={setFilters} />
              {deleted && (
                <Alert
                  role="status"
                  status="success"
                  icon
                  title={t('imageList.deleted', {
                    name: deleted.name,
                    version: deleted.version,
                  })}
                />
              )}
              {list.error !== undefined && (
                <LoadFailedAlert
                  title={t('imageList.loadFailed', {
                    message: errorMessage(list.error),
                  })}
                  onRetry={reload}
                />
              )}
              <PagedList
                list={list}
                empty={filtered ? t('imageList.noMatch') : t('imageList.empty')}
                loadMoreLabel={t('imageList.loadMore')}
              >
                <ImageTable
                  images={list.items}
                  expanded={expanded}
                  onToggle={toggle}
                  onDelete={setToDelete}
                />
              </PagedList>
            </Flex>
          </CardBody>
        </Card>
      </Flex>
      <DeleteVersionDialog
        target={toDelete}
        onClose={() => setToDelete(undefined)}
        onDeleted={onDeleted}
      />
    </Container>
  );
}
