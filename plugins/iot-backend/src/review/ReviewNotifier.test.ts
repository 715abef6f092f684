import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { ReviewNotice, ReviewNotifier } from './ReviewNotifier';

/** A Group with its members as the catalog relates them. */
function group(name: string, type: string, members: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type, children: [] },
    relations: members.map(member => ({
      type: 'hasMember',
      targetRef: `user:default/${member}`,
    })),
  };
}

// The demo org: ada is in Acme and in the reviewers.
const org = [
  group('isv-acme', 'isv', ['alice', 'ada']),
  group('reviewers', 'reviewers', ['rita', 'ada']),
];

function notifierSending(sent: NotificationSendOptions[], entities = org) {
  return new ReviewNotifier({
    notifications: {
      async send(options) {
        sent.push(options);
      },
    },
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  });
}

const submitted: ReviewNotice = {
  kind: 'submitted',
  appId: 'smart-parking',
  listingName: 'Smart Parking',
  reviewId: 'rev-0123456789abcdefghij',
  ownerRef: 'group:default/isv-acme',
  isUpdate: false,
  actorRef: 'user:default/alice',
};

describe('ReviewNotifier', () => {
  it("tells the reviewers of a submission, except the submitter and the owning group's members, linking to the Review tab", async () => {
    const sent: NotificationSendOptions[] = [];
    await notifierSending(sent).notify(submitted);

    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/reviewers'],
          // ada reviews, but not her own group's apps
          excludeEntityRef: ['user:default/alice', 'user:default/ada'],
        },
        payload: expect.objectContaining({
          title: 'New submission to review: Smart Parking',
          link: '/catalog/default/iotapp/smart-parking/review',
          topic: 'iot-review',
        }),
      },
    ]);
  });

  it('tells nobody when there is no reviewers group', async () => {
    const sent: NotificationSendOptions[] = [];
    await notifierSending(sent, [org[0]]).notify(submitted);
    expect(sent).toEqual([]);
  });

  it('tells the owning group of a rejection, except the reviewer, linking to the Listing tab', async () => {
    const sent: NotificationSendOptions[] = [];
    await notifierSending(sent).notify({
      kind: 'rejected',
      appId: 'smart-parking',
      listingName: 'Smart Parking',
      reviewId: 'rev-0123456789abcdefghij',
      ownerRef: 'group:default/isv-acme',
      reason: 'The logo is cut off',
      flaggedFields: ['logo'],
      actorRef: 'user:default/rita',
    });

    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'group:default/isv-acme',
          excludeEntityRef: 'user:default/rita',
        },
        payload: expect.objectContaining({
          title: 'Smart Parking was rejected',
          description: 'Reason: The logo is cut off — fields to fix: logo',
          link: '/catalog/default/iotapp/smart-parking/listing',
          severity: 'high',
        }),
      },
    ]);
  });

  it('tells the owning group which spec was unlisted, by its name, and why', async () => {
    const sent: NotificationSendOptions[] = [];
    await notifierSending(sent).notify({
      kind: 'unlisted',
      appId: 'smart-parking',
      appName: 'Smart Parking',
      ownerRef: 'group:default/isv-acme',
      spec: { id: 'smart-parking-edge', name: 'Smart Parking — edge' },
      reason: 'The edge gateway is discontinued',
      actorRef: 'user:default/rita',
    });

    expect(sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: 'group:default/isv-acme',
          excludeEntityRef: 'user:default/rita',
        },
        payload: expect.objectContaining({
          title: 'Spec Smart Parking — edge of Smart Parking was unlisted',
          description:
            'Taken off the marketplace by user:default/rita: The edge gateway is discontinued. Running trials and deployments are not affected.',
          link: '/catalog/default/iotapp/smart-parking/listing',
        }),
      },
    ]);
  });
});
