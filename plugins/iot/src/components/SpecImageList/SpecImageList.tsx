import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import {
  IOT_IMAGE_KIND,
  type SpecImageUse,
} from '@internal/backstage-plugin-iot-common';
import { iotTranslationRef } from '../../translation';

const useStyles = makeStyles({
  list: {
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
});

/** The image versions a spec deploys, each linking to its image's page. */
export function SpecImageList(props: { images: SpecImageUse[] }) {
  const { images } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(iotTranslationRef);
  if (images.length === 0) {
    return (
      <Text as="span" variant="body-small" color="secondary">
        {t('values.none')}
      </Text>
    );
  }
  return (
    <ul className={classes.list}>
      {images.map(image => (
        <li key={`${image.name}@${image.version}`}>
          <EntityRefLink
            entityRef={{
              kind: IOT_IMAGE_KIND,
              namespace: 'default',
              name: image.name,
            }}
            title={`${image.name} ${image.version}`}
          />
        </li>
      ))}
    </ul>
  );
}
