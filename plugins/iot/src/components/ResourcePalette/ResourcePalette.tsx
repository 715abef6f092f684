import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Flex, Text } from '@backstage/ui';
import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import { makeStyles } from '@material-ui/core/styles';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import SearchIcon from '@material-ui/icons/Search';
import {
  RESOURCE_CATEGORIES,
  type ResourceTypeItem,
} from '@internal/backstage-plugin-iot-common';
import { DragEvent, memo, useId, useMemo, useState } from 'react';
import { labelIn } from '../../lib/labels';
import { useLocale } from '../../lib/useLocale';
import { iotTranslationRef } from '../../translation';
import { ResourceTypeIcon } from '../ResourceTypeIcon';

/** Drag data type of a palette item: the resource type id. */
export const RESOURCE_TYPE_DRAG_TYPE = 'application/x-iot-resource-type';

const useStyles = makeStyles(theme => ({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.25, 0.5, 0.25, 1),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    marginBottom: theme.spacing(0.5),
    backgroundColor: theme.palette.background.paper,
    cursor: 'grab',
    '&:hover': { backgroundColor: theme.palette.action.hover },
  },
  label: {
    flex: 1,
    fontSize: theme.typography.body2.fontSize,
  },
}));

export interface ResourcePaletteProps {
  types: readonly ResourceTypeItem[];
  /** Adds a node of the type where the canvas is looking: the palette's keyboard path. */
  onAdd: (typeId: string) => void;
}

/**
 * The node types by category (SPEC-7 area 1), searchable in either
 * language; an item is dragged onto the canvas or added with its button.
 */
export const ResourcePalette = memo(function ResourcePaletteView(
  props: ResourcePaletteProps,
) {
  const { types, onAdd } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const locale = useLocale();
  const classes = useStyles();
  const [query, setQuery] = useState('');
  const searchId = useId();

  const sections = useMemo(() => {
    const words = query.trim().toLocaleLowerCase(locale);
    const matches = (type: ResourceTypeItem) =>
      !words ||
      [type.label, type.labelZh, type.id].some(text =>
        text.toLocaleLowerCase(locale).includes(words),
      );
    return RESOURCE_CATEGORIES.map(category => ({
      category,
      types: types.filter(type => type.category === category && matches(type)),
    })).filter(section => section.types.length > 0);
  }, [types, query, locale]);

  const onDragStart = (event: DragEvent, typeId: string) => {
    event.dataTransfer.setData(RESOURCE_TYPE_DRAG_TYPE, typeId);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <Flex direction="column" gap="2">
      <TextField
        id={searchId}
        label={t('palette.searchLabel')}
        variant="outlined"
        size="small"
        value={query}
        onChange={event => setQuery(event.target.value)}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      {sections.length === 0 && (
        <Text as="p" variant="body-small" color="secondary">
          {t('palette.noMatch', { query: query.trim() })}
        </Text>
      )}
      {sections.map(section => {
        const headingId = `iot-palette-${section.category}`;
        return (
          <section key={section.category} aria-labelledby={headingId}>
            <Text
              as="h3"
              id={headingId}
              variant="body-small"
              weight="bold"
              color="secondary"
            >
              {t(`palette.categories.${section.category}`)}
            </Text>
            <ul className={classes.list}>
              {section.types.map(type => {
                const label = labelIn(type, locale);
                return (
                  <li
                    key={type.id}
                    className={classes.item}
                    draggable
                    onDragStart={event => onDragStart(event, type.id)}
                    title={t('palette.dragHint')}
                  >
                    <ResourceTypeIcon
                      icon={type.icon}
                      category={type.category}
                    />
                    <span className={classes.label}>{label}</span>
                    <IconButton
                      size="small"
                      aria-label={t('palette.add', { label })}
                      onClick={() => onAdd(type.id)}
                    >
                      <AddIcon fontSize="small" />
                    </IconButton>
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </Flex>
  );
});
