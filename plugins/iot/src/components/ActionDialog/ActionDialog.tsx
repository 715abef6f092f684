import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Alert,
  Button,
  Dialog,
  DialogBody,
  DialogFooter,
  DialogHeader,
  Flex,
} from '@backstage/ui';
import {
  FormEvent,
  ReactNode,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';

export interface ActionDialogProps {
  open: boolean;
  title: ReactNode;
  /**
   * What the dialog asks or the form it holds (a function gets whether the
   * action is running, e.g. to disable fields); the last content shown
   * while open stays on screen as the dialog fades out.
   */
  children: ReactNode | ((state: { pending: boolean }) => ReactNode);
  /** Label of the button that runs the action. */
  submitLabel: string;
  /** Marks the action as destructive (delete, reject, unlist). */
  destructive?: boolean;
  /** Heading of the server's refusal. */
  failedTitle: string;
  /**
   * Called first when the user submits; false stops the submission, e.g.
   * while a form has problems (the form shows them).
   */
  canSubmit?: () => boolean;
  /** Runs the action; a rejection is shown in the dialog, which stays open. */
  onSubmit: () => Promise<void>;
  onClose: () => void;
  /**
   * Set while work that follows the action runs outside the dialog (e.g.
   * waiting for the catalog): the dialog stays pending as it does while
   * `onSubmit` runs.
   */
  busy?: boolean;
  width?: number;
}

/**
 * The portal's dialog for one action that asks the server: its content in a
 * form (Enter submits), Cancel and the action's button, the button pending
 * and the dialog not dismissable while the request runs, and the server's
 * refusal shown in the dialog, which stays open so nothing typed is lost.
 */
export function ActionDialog(props: ActionDialogProps) {
  const {
    open,
    title,
    children,
    submitLabel,
    destructive,
    failedTitle,
    canSubmit,
    onSubmit,
    onClose,
    busy,
    width,
  } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const formId = useId();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();
  const pending = submitting || Boolean(busy);
  const content =
    typeof children === 'function' ? children({ pending }) : children;
  const shown = useRef({ title, content });
  if (open) {
    shown.current = { title, content };
  }

  useEffect(() => {
    if (open) {
      setError(undefined);
      setSubmitting(false);
    }
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || (canSubmit && !canSubmit())) {
      return;
    }
    setSubmitting(true);
    setError(undefined);
    try {
      await onSubmit();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      isOpen={open}
      isDismissable={!pending}
      width={width}
      onOpenChange={isOpen => {
        if (!isOpen) {
          onClose();
        }
      }}
    >
      <DialogHeader>{shown.current.title}</DialogHeader>
      <DialogBody>
        <form id={formId} onSubmit={submit} noValidate>
          <Flex direction="column" gap="3">
            {shown.current.content}
            {error && (
              <Alert
                role="alert"
                status="danger"
                icon
                title={failedTitle}
                description={error}
              />
            )}
          </Flex>
        </form>
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onPress={onClose} isDisabled={pending}>
          {t('dialogs.cancel')}
        </Button>
        <Button
          variant="primary"
          destructive={destructive}
          type="submit"
          form={formId}
          isPending={pending}
        >
          {submitLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
