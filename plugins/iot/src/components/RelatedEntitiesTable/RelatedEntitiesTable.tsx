import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useRelatedEntities } from '@backstage/plugin-catalog-react';
import { Alert, ColumnConfig } from '@backstage/ui';
import { useMemo } from 'react';
import { iotTranslationRef } from '../../translation';
import { CardTable } from '../CardTable';

/** The row of a related entity: what `toRow` makes of it, keyed by its ref. */
export type RelatedEntityRow<R> = R & { id: string };

export interface RelatedEntitiesTableProps<E extends Entity, R> {
  /** The entity whose relations are followed. */
  entity: Entity;
  /** The type of the relations to follow, such as `hasPart`. */
  relation: string;
  /** The kind of the related entities to list. */
  kind: string;
  /** Keeps the related entities that are of that kind. */
  isKind: (related: Entity) => related is E;
  /**
   * Makes the row of a related entity. Keep it stable (module level or
   * `useCallback`): the rows are made again whenever it changes.
   */
  toRow: (related: E) => R;
  columns: ColumnConfig<RelatedEntityRow<R>>[];
  /** Shown when the entity has no such relations. */
  emptyText: string;
}

/**
 * The entities related to `entity` by one type of relation, loaded from the
 * catalog: placeholder rows while loading, an alert if loading fails.
 */
export function RelatedEntitiesTable<E extends Entity, R>(
  props: RelatedEntitiesTableProps<E, R>,
) {
  const { entity, relation, kind, isKind, toRow, columns, emptyText } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const { entities, loading, error } = useRelatedEntities(entity, {
    type: relation,
    kind,
  });
  const rows = useMemo(
    () =>
      (entities ?? []).filter(isKind).map(related => ({
        ...toRow(related),
        id: stringifyEntityRef(related),
      })),
    [entities, isKind, toRow],
  );

  if (error) {
    return (
      <Alert
        status="danger"
        icon
        title={t('values.loadFailed', { message: error.message })}
      />
    );
  }
  return (
    <CardTable
      columns={columns}
      data={rows}
      loading={loading}
      emptyText={emptyText}
    />
  );
}
