import {
  useApi,
  useRouteRef,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import type {
  CreateSpecRequest,
  IotSpecItem,
} from '@internal/backstage-plugin-iot-common';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { iotApiRef } from '../../api';
import type { SpecFormValues } from '../../lib/forms';
import { specRouteRef } from '../../routes';
import { iotTranslationRef } from '../../translation';
import { CopySpecDialog } from '../CopySpecDialog';
import { DeleteDialog } from '../DeleteDialog';
import { SpecFormDialog } from '../SpecFormDialog';

/** A spec someone asked to edit, copy or delete. */
export type SpecAction = {
  kind: 'edit' | 'copy' | 'delete';
  spec: IotSpecItem;
};

export interface SpecActionDialogsProps {
  /** The dialog to show; all are closed while undefined. */
  action?: SpecAction;
  onClose: () => void;
  onUpdated: (spec: IotSpecItem) => void;
  onDeleted: (spec: IotSpecItem) => void;
}

const formValuesOf = (spec: IotSpecItem): SpecFormValues => ({
  type: spec.type,
  deployLocation: spec.deployLocation,
  name: spec.name,
  description: spec.description,
  allowTrial: spec.allowTrial,
});

/**
 * The dialogs of a spec's actions, shared by the Specs tab and the spec
 * page: edit (SPEC-3), copy (SPEC-6, then the copy's page opens) and
 * delete (SPEC-4).
 */
export function SpecActionDialogs(props: SpecActionDialogsProps) {
  const { action, onClose, onUpdated, onDeleted } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const iotApi = useApi(iotApiRef);
  const specLink = useRouteRef(specRouteRef);
  const navigate = useNavigate();
  const editing = action?.kind === 'edit' ? action.spec : undefined;
  const initial = useMemo(
    () => (editing ? formValuesOf(editing) : undefined),
    [editing],
  );

  const update = async (request: CreateSpecRequest) => {
    if (editing) {
      onUpdated(await iotApi.updateSpec(editing.id, request));
    }
  };

  const copy = async (name: string) => {
    if (action?.kind === 'copy') {
      const created = await iotApi.copySpec(action.spec.id, name);
      onClose();
      if (specLink) {
        navigate(specLink({ specId: created.id }));
      }
    }
  };

  const remove = async () => {
    if (action?.kind === 'delete') {
      await iotApi.deleteSpec(action.spec.id);
      onDeleted(action.spec);
    }
  };

  return (
    <>
      <SpecFormDialog
        open={Boolean(editing)}
        title={t('specForm.editTitle')}
        submitLabel={t('dialogs.save')}
        failedTitle={t('specForm.saveFailed')}
        initial={initial}
        onSubmit={update}
        onClose={onClose}
      />
      <CopySpecDialog
        spec={action?.kind === 'copy' ? action.spec : undefined}
        onSubmit={copy}
        onClose={onClose}
      />
      <DeleteDialog
        open={action?.kind === 'delete'}
        title={t('deleteSpec.title')}
        body={
          action?.kind === 'delete'
            ? t('deleteSpec.body', { name: action.spec.name })
            : ''
        }
        failedTitle={t('deleteSpec.failed')}
        onConfirm={remove}
        onClose={onClose}
      />
    </>
  );
}
