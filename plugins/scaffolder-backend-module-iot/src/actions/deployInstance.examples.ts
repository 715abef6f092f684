import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Test-install a spec and wait until it runs, its progress in the task log',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'iot:instance:deploy',
          name: 'Install the spec',
          input: { specId: 'smart-parking-standard' },
        },
      ],
    }),
  },
  {
    description: 'Start the install and go on without waiting for it',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'iot:instance:deploy',
          name: 'Start the install',
          input: {
            specId: 'smart-parking-standard',
            waitForCompletion: false,
          },
        },
      ],
    }),
  },
];
