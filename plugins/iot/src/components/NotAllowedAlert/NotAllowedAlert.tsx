import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Alert, Flex } from '@backstage/ui';
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';

/**
 * The server refused to show something to this user (403): who may see it,
 * and what the server said.
 */
export function NotAllowedAlert(props: {
  title: string;
  /** Who may see it, and how to become one of them. */
  explanation: string;
  error: unknown;
}) {
  const { title, explanation, error } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  return (
    <Alert
      role="alert"
      status="warning"
      icon
      title={title}
      description={
        <Flex direction="column" gap="1">
          <span>{explanation}</span>
          <span>
            {t('reviewQueue.serverSaid', { message: errorMessage(error) })}
          </span>
        </Flex>
      }
    />
  );
}
