import { memo } from 'react';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Button, Flex, Text } from '@backstage/ui';
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import DeleteOutlineIcon from '@material-ui/icons/DeleteOutline';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import RedoIcon from '@material-ui/icons/Redo';
import SaveIcon from '@material-ui/icons/Save';
import UndoIcon from '@material-ui/icons/Undo';
import ZoomOutMapIcon from '@material-ui/icons/ZoomOutMap';
import { iotTranslationRef } from '../../translation';

export interface EditorToolbarProps {
  readOnly: boolean;
  canUndo: boolean;
  canRedo: boolean;
  hasSelection: boolean;
  problemCount: number;
  unsaved: boolean;
  canSave: boolean;
  saving: boolean;
  onUndo: () => void;
  onRedo: () => void;
  onDelete: () => void;
  onDuplicate: () => void;
  onLayout: () => void;
  onFitView: () => void;
  onSave: () => void;
}

/** Edit commands (with their keys in the tooltips), the graph's status and Save. */
export const EditorToolbar = memo(function EditorToolbarView(
  props: EditorToolbarProps,
) {
  const { readOnly, problemCount, unsaved } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const command = (
    label: string,
    icon: JSX.Element,
    onPress: () => void,
    enabled: boolean,
    keys?: string,
  ) => (
    <span title={keys ? `${label} (${keys.replace(/\+/g, ' + ')})` : label}>
      <Button
        variant="secondary"
        size="small"
        iconStart={icon}
        isDisabled={!enabled}
        onPress={onPress}
        aria-keyshortcuts={keys}
      >
        {label}
      </Button>
    </span>
  );

  return (
    <Flex
      align="center"
      justify="between"
      gap="2"
      style={{ flexWrap: 'wrap' }}
      role="toolbar"
      aria-label={t('specEditor.toolbar')}
    >
      <Flex gap="2" style={{ flexWrap: 'wrap' }}>
        {!readOnly && (
          <>
            {command(
              t('specEditor.undo'),
              <UndoIcon fontSize="small" />,
              props.onUndo,
              props.canUndo,
              'Control+Z',
            )}
            {command(
              t('specEditor.redo'),
              <RedoIcon fontSize="small" />,
              props.onRedo,
              props.canRedo,
              'Control+Shift+Z',
            )}
            {command(
              t('specEditor.delete'),
              <DeleteOutlineIcon fontSize="small" />,
              props.onDelete,
              props.hasSelection,
              'Delete',
            )}
            {command(
              t('specEditor.duplicate'),
              <FileCopyIcon fontSize="small" />,
              props.onDuplicate,
              props.hasSelection,
              'Control+D',
            )}
            {command(
              t('specEditor.layout'),
              <AccountTreeIcon fontSize="small" />,
              props.onLayout,
              true,
            )}
          </>
        )}
        {command(
          t('specEditor.fitView'),
          <ZoomOutMapIcon fontSize="small" />,
          props.onFitView,
          true,
        )}
      </Flex>
      <Flex align="center" gap="3">
        <Text
          role="status"
          variant="body-small"
          weight="bold"
          color={problemCount > 0 ? 'danger' : 'success'}
        >
          {problemCount > 0
            ? t('specEditor.problems', { count: problemCount })
            : t('specEditor.valid')}
          {unsaved && ` · ${t('specEditor.unsaved')}`}
        </Text>
        {!readOnly && (
          <span title={`${t('specEditor.save')} (Control + S)`}>
            <Button
              variant="primary"
              size="small"
              iconStart={<SaveIcon fontSize="small" />}
              isDisabled={!props.canSave}
              isPending={props.saving}
              onPress={props.onSave}
              aria-keyshortcuts="Control+S"
            >
              {t('specEditor.save')}
            </Button>
          </span>
        )}
      </Flex>
    </Flex>
  );
});
