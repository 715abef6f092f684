import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  RELATION_HAS_MEMBER,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GROUP_TYPES } from '@internal/backstage-plugin-iot-common';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';

/** Topic of every notification about reviews and listings, for the user's notification settings. */
export const REVIEW_NOTIFICATION_TOPIC = 'iot-review';

/** A review event worth telling someone about. */
export type ReviewNotice =
  | {
      kind: 'submitted';
      appId: string;
      listingName: string;
      reviewId: string;
      ownerRef: string;
      isUpdate: boolean;
      actorRef: string;
    }
  | {
      kind: 'approved' | 'rejected';
      appId: string;
      listingName: string;
      reviewId: string;
      ownerRef: string;
      reason: string | null;
      flaggedFields: string[];
      actorRef: string;
    }
  | {
      kind: 'unlisted';
      appId: string;
      appName: string;
      ownerRef: string;
      /** The spec unlisted alone, by the name it has on the marketplace; null for the whole app. */
      spec: { id: string; name: string } | null;
      reason: string;
      actorRef: string;
    };

/**
 * A tab of the app's catalog page (the iot frontend's entity contents):
 * `review`, where a reviewer reads the submission and decides, or
 * `listing`, where the ISV reads the decision and submits again.
 */
function appTab(appId: string, tab: 'review' | 'listing'): string {
  return `/catalog/default/iotapp/${appId}/${tab}`;
}

/**
 * Sends review notifications through Backstage's notifications plugin
 * (issue 7): the reviewers (every catalog Group of type `reviewers`) on a
 * new submission, the owning ISV group on approval, rejection and
 * unlisting. The person who acted is not told of their own action, nor a
 * reviewer of a submission of their own group, which they may not decide. A
 * notification that cannot be sent is logged: the transition it reports
 * has happened, and the app's listing history shows it.
 */
export class ReviewNotifier {
  constructor(
    private readonly options: {
      notifications: Pick<NotificationService, 'send'>;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async notify(notice: ReviewNotice): Promise<void> {
    try {
      const message = await this.messageOf(notice);
      if (message) {
        await this.options.notifications.send(message);
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not send the '${notice.kind}' notification of app ${notice.appId}; the listing history has it`,
        error as Error,
      );
    }
  }

  private async messageOf(
    notice: ReviewNotice,
  ): Promise<NotificationSendOptions | undefined> {
    const to = (
      entityRef: string | string[],
      payload: Omit<NotificationSendOptions['payload'], 'topic' | 'link'>,
      alsoExclude: string[] = [],
    ): NotificationSendOptions => ({
      recipients: {
        type: 'entity',
        entityRef,
        excludeEntityRef: alsoExclude.length
          ? [notice.actorRef, ...alsoExclude]
          : notice.actorRef,
      },
      payload: {
        topic: REVIEW_NOTIFICATION_TOPIC,
        link: appTab(
          notice.appId,
          notice.kind === 'submitted' ? 'review' : 'listing',
        ),
        ...payload,
      },
    });
    switch (notice.kind) {
      case 'submitted': {
        const reviewers = await this.reviewerGroups();
        if (reviewers.length === 0) {
          return undefined;
        }
        const owners = (await this.membersOf(notice.ownerRef)).filter(
          user => user !== notice.actorRef,
        );
        return to(
          reviewers,
          {
            title: `${
              notice.isUpdate ? 'New version' : 'New submission'
            } to review: ${notice.listingName}`,
            description: `${notice.ownerRef} submitted ${notice.listingName} (${notice.appId}) for review and listing (${notice.reviewId}).`,
            severity: 'normal',
            scope: `${REVIEW_NOTIFICATION_TOPIC}:${notice.reviewId}`,
          },
          owners,
        );
      }
      case 'approved':
        return to(notice.ownerRef, {
          title: `${notice.listingName} is approved and listed`,
          description: `Your submission ${
            notice.reviewId
          } was approved; the app is on the marketplace with the specs you chose.${
            notice.reason ? ` Reviewer's note: ${notice.reason}` : ''
          }`,
          severity: 'normal',
          scope: `${REVIEW_NOTIFICATION_TOPIC}:${notice.reviewId}`,
        });
      case 'rejected':
        return to(notice.ownerRef, {
          title: `${notice.listingName} was rejected`,
          description: `Reason: ${notice.reason}${
            notice.flaggedFields.length
              ? ` — fields to fix: ${notice.flaggedFields.join(', ')}`
              : ''
          }`,
          severity: 'high',
          scope: `${REVIEW_NOTIFICATION_TOPIC}:${notice.reviewId}`,
        });
      case 'unlisted':
        return to(notice.ownerRef, {
          title: notice.spec
            ? `Spec ${notice.spec.name} of ${notice.appName} was unlisted`
            : `${notice.appName} was unlisted`,
          description: `Taken off the marketplace by ${notice.actorRef}: ${notice.reason}. Running trials and deployments are not affected.`,
          severity: 'high',
        });
      default:
        return undefined;
    }
  }

  /** Refs of the users who are members of a catalog Group. */
  private async membersOf(groupRef: string): Promise<string[]> {
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: [groupRef], fields: ['relations'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return (items[0]?.relations ?? [])
      .filter(
        relation =>
          relation.type === RELATION_HAS_MEMBER &&
          parseEntityRef(relation.targetRef).kind === 'user',
      )
      .map(relation => relation.targetRef);
  }

  /** Refs of the catalog Groups of type `reviewers`. */
  private async reviewerGroups(): Promise<string[]> {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: { kind: 'Group', 'spec.type': GROUP_TYPES.reviewers },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items.map(entity => stringifyEntityRef(entity));
  }
}
