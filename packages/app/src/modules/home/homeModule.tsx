import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Welcome to the IoT Stage portal

Vendors host IoT applications here, reviewers list them on the marketplace, and
system integrators try, deploy and connect them to their devices.

- **ISVs** model their apps, specs and images in the [catalog](/catalog?filters%5Bkind%5D=iotapp):
  every app shows its specs, every spec the images it deploys.
- **Reviewers** read submissions on the app's catalog page.
- **System integrators** browse apps and specs in the [catalog](/catalog?filters%5Bkind%5D=iotapp)
  and use the [templates](/create) to run them.

The catalog graph on each app's page shows app → spec → image at a glance.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    name: 'GettingStarted',
    title: 'Getting started',
    description: 'What the portal is for and where to begin',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
