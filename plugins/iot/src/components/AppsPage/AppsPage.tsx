import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  Container,
  Flex,
  Text,
} from '@backstage/ui';
import AddIcon from '@material-ui/icons/Add';
import {
  iotAppCreatePermission,
  type IotAppItem,
} from '@internal/backstage-plugin-iot-common';
import { useCallback, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { errorMessage } from '../../lib/errors';
import { useAppTaxonomy } from '../../lib/useAppTaxonomy';
import { iotTranslationRef } from '../../translation';
import { AppFilterValues, AppFilters } from '../AppFilters';
import { AppTable } from '../AppTable';
import { NewAppDialog } from '../NewAppDialog';
import { useAppList } from './useAppList';
import { LoadFailedAlert } from '../LoadFailedAlert';
import { PagedList } from '../PagedList';

/** Typing in the search box queries the server once the user pauses. */
const SEARCH_DELAY_MS = 300;

/**
 * The ISV's apps: list with industry, scenario and review status, search by
 * name and review status (APP-3), "New app" (APP-1).
 */
export function AppsPage() {
  const { t } = useTranslationRef(iotTranslationRef);
  const [filters, setFilters] = useState<AppFilterValues>({ name: '' });
  const [query, setQuery] = useState<AppFilterValues>(filters);
  const [creating, setCreating] = useState(false);
  const [notYetListed, setNotYetListed] = useState<IotAppItem>();
  const list = useAppList({
    name: query.name.trim(),
    reviewStatus: query.reviewStatus,
  });
  const { labels } = useAppTaxonomy();
  // The server decides; this only spares non-ISVs a form they cannot send.
  const canCreate = usePermission({ permission: iotAppCreatePermission });
  const { reload } = list;

  useDebounce(
    () => setQuery(filters),
    filters.name === query.name ? 0 : SEARCH_DELAY_MS,
    [filters],
  );

  const onNotYetListed = useCallback(
    (app: IotAppItem) => {
      setCreating(false);
      setNotYetListed(app);
      reload();
    },
    [reload],
  );

  const filtered = query.name.trim() !== '' || query.reviewStatus !== undefined;
  const mayCreate = !canCreate.loading && canCreate.allowed;

  let emptyText: string = t('appsPage.emptyReadOnly');
  if (filtered) {
    emptyText = t('appsPage.noMatch');
  } else if (mayCreate) {
    emptyText = t('appsPage.empty');
  }

  return (
    <Container my="4">
      <Card>
        <CardHeader>
          <Flex justify="between" align="center" gap="3">
            <Text as="h2" variant="title-small">
              {t('appsPage.listTitle')}
            </Text>
            {mayCreate && (
              <Button
                variant="primary"
                iconStart={<AddIcon fontSize="small" />}
                onPress={() => setCreating(true)}
              >
                {t('appsPage.newApp')}
              </Button>
            )}
          </Flex>
        </CardHeader>
        <CardBody>
          <Flex direction="column" gap="3">
            {!canCreate.loading && !canCreate.allowed && (
              <Text as="p" color="secondary">
                {t('appsPage.createNotAllowed')}
              </Text>
            )}
            <AppFilters value={filters} onChange={setFilters} />
            {notYetListed && (
              <Alert
                role="status"
                status="info"
                icon
                title={t('appsPage.notYetListed', {
                  name: notYetListed.name,
                })}
                customActions={
                  <EntityRefLink
                    entityRef={notYetListed.entityRef}
                    title={t('appsPage.openApp')}
                  />
                }
              />
            )}
            {list.error !== undefined && (
              <LoadFailedAlert
                title={t('appsPage.loadFailed', {
                  message: errorMessage(list.error),
                })}
                onRetry={reload}
              />
            )}
            <PagedList
              list={list}
              empty={emptyText}
              loadMoreLabel={t('appsPage.loadMore')}
            >
              <AppTable apps={list.items} labels={labels} />
            </PagedList>
          </Flex>
        </CardBody>
      </Card>
      <NewAppDialog
        open={creating}
        onClose={() => setCreating(false)}
        onNotYetListed={onNotYetListed}
      />
    </Container>
  );
}
