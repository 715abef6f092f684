import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Cell, ColumnConfig, Table, TableItem, Text } from '@backstage/ui';

export interface CardTableProps<T extends TableItem> {
  columns: ColumnConfig<T>[];
  data: T[];
  /** Shown as a sentence in place of the rows when there are none. */
  emptyText: string;
  /** The rows are still coming: placeholder rows, and no empty state yet. */
  loading?: boolean;
}

/** A table inside an entity card: all rows on one page, a sentence when empty. */
export function CardTable<T extends TableItem>(props: CardTableProps<T>) {
  const { columns, data, emptyText, loading = false } = props;
  return (
    <Table
      columnConfig={columns}
      // No data while loading, so the empty state does not flash first.
      data={loading ? undefined : data}
      isPending={loading}
      pagination={{ type: 'none' }}
      emptyState={<Text as="p">{emptyText}</Text>}
    />
  );
}

/** A cell that links to the entity of its row, by the entity's title. */
export function entityTitleCell(entity: Entity) {
  return (
    <Cell>
      <EntityRefLink
        entityRef={entity}
        title={entity.metadata.title ?? entity.metadata.name}
      />
    </Cell>
  );
}
