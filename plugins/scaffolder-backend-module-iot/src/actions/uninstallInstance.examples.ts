import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Uninstall an instance (every resource, in reverse dependency order) and wait until it is deleted',
    example: yaml.stringify({
      steps: [
        {
          id: 'uninstall',
          action: 'iot:instance:uninstall',
          name: 'Uninstall',
          input: { instanceId: 'inst-3k9x0q2m7b1c5d8e4f6a' },
        },
      ],
    }),
  },
];
