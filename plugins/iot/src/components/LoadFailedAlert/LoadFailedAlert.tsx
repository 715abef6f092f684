import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Button } from '@backstage/ui';
import { iotTranslationRef } from '../../translation';

/** Something could not be loaded: say what (with the server's message), and offer to try again. */
export function LoadFailedAlert(props: { title: string; onRetry: () => void }) {
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Alert
      role="alert"
      status="danger"
      icon
      title={props.title}
      customActions={
        <Button variant="secondary" onPress={props.onRetry}>
          {t('dialogs.retry')}
        </Button>
      }
    />
  );
}
