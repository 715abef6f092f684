import { ReactNode, useId } from 'react';
import { Flex, Text } from '@backstage/ui';

/** A titled block inside an entity card, e.g. the app's list of specs. */
export function CardSection(props: { title: string; children: ReactNode }) {
  const { title, children } = props;
  const headingId = useId();
  return (
    <Flex
      direction="column"
      gap="2"
      mt="4"
      role="region"
      aria-labelledby={headingId}
    >
      <Text as="h4" variant="title-x-small" weight="bold" id={headingId}>
        {title}
      </Text>
      {children}
    </Flex>
  );
}
