import { Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ButtonIcon, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import FileCopyIcon from '@material-ui/icons/FileCopy';
import VisibilityIcon from '@material-ui/icons/Visibility';
import VisibilityOffIcon from '@material-ui/icons/VisibilityOff';
import type { IotInstanceOutputs } from '@internal/backstage-plugin-iot-common';
import { useState } from 'react';
import { errorMessage } from '../../lib/errors';
import { iotTranslationRef } from '../../translation';
import { Field, FieldList } from '../FieldList';

/** As many dots whatever the password, so that its length does not show either. */
const MASK = '••••••••••••';

const useStyles = makeStyles({
  secret: {
    fontFamily: 'monospace',
    whiteSpace: 'nowrap',
  },
});

/**
 * The access information of an installed instance (SPEC-8): address,
 * account and, for the owner group, the generated password, masked until
 * revealed, with a copy button.
 */
export function InstanceOutputs(props: { outputs: IotInstanceOutputs }) {
  const { outputs } = props;
  const { t } = useTranslationRef(iotTranslationRef);
  const classes = useStyles();
  const [revealed, setRevealed] = useState(false);
  const [copyNotice, setCopyNotice] = useState<string>();
  const { accessAddress, account, password } = outputs;

  const copy = async () => {
    if (password === undefined) return;
    try {
      await navigator.clipboard.writeText(password);
      setCopyNotice(t('deploymentTest.copied'));
    } catch (e) {
      setCopyNotice(
        t('deploymentTest.copyFailed', { message: errorMessage(e) }),
      );
    }
  };

  return (
    <FieldList>
      <Field label={t('deploymentTest.accessAddress')}>
        {accessAddress ? (
          <Link to={accessAddress} target="_blank" rel="noopener noreferrer">
            {accessAddress}
          </Link>
        ) : (
          t('deploymentTest.noAddress')
        )}
      </Field>
      <Field label={t('deploymentTest.account')}>{account}</Field>
      <Field label={t('deploymentTest.password')}>
        {password === undefined ? (
          <Text as="span" color="secondary">
            {t('deploymentTest.passwordOwnersOnly')}
          </Text>
        ) : (
          <Flex direction="column" gap="1">
            <Flex align="center" gap="1">
              <span className={classes.secret}>
                {revealed ? password : MASK}
              </span>
              <ButtonIcon
                size="small"
                variant="tertiary"
                aria-label={
                  revealed
                    ? t('deploymentTest.hidePassword')
                    : t('deploymentTest.showPassword')
                }
                icon={
                  revealed ? (
                    <VisibilityOffIcon fontSize="small" />
                  ) : (
                    <VisibilityIcon fontSize="small" />
                  )
                }
                onPress={() => setRevealed(shown => !shown)}
              />
              <ButtonIcon
                size="small"
                variant="tertiary"
                aria-label={t('deploymentTest.copyPassword')}
                icon={<FileCopyIcon fontSize="small" />}
                onPress={copy}
              />
            </Flex>
            {copyNotice && (
              <Text as="span" variant="body-small" role="status">
                {copyNotice}
              </Text>
            )}
          </Flex>
        )}
      </Field>
    </FieldList>
  );
}
