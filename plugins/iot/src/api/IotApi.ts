import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  AppTaxonomy,
  ApproveReviewRequest,
  CreateAppRequest,
  CreateSpecRequest,
  IotAppItem,
  IotAppListing,
  IotInstanceItem,
  IotInstanceSummary,
  IotReviewItem,
  IotReviewSummary,
  IotSpecItem,
  ListAppsResponse,
  ListDeploymentTestsResponse,
  ListImagesResponse,
  ListInstanceEventsResponse,
  ListResourceTypesResponse,
  ListReviewsResponse,
  ListSpecsResponse,
  ListingImageField,
  RejectReviewRequest,
  SpecGraph,
  SpecPlan,
  UpdateAppRequest,
  UnlistRequest,
  UpdateSpecRequest,
  UploadedImage,
} from '@internal/backstage-plugin-iot-common';
import type {
  ExportedSpec,
  FetchedReviewImage,
  ImportSpecOptions,
  ListAppsRequest,
  ListDeploymentTestsRequest,
  ListImagesRequest,
  ListInstanceEventsRequest,
  ListReviewsRequest,
  ListSpecResourcesResponse,
  SpecExportFormat,
  SubmitListingRequest,
  TaggedSpecGraph,
  UploadImageOptions,
} from './types';

/**
 * The IoT backend's routes that the frontend uses.
 *
 * @public
 */
export interface IotApi {
  listImages(request?: ListImagesRequest): Promise<ListImagesResponse>;
  /** Refused with a 409 naming the apps while a spec uses the version. */
  deleteImageVersion(name: string, version: string): Promise<void>;
  /** Streams `file` to the backend, which validates and stores it (IMG-1, IMG-2). */
  uploadImage(file: File, options?: UploadImageOptions): Promise<UploadedImage>;

  /** The caller's apps (drafts of other groups stay hidden), one page (APP-3). */
  listApps(request?: ListAppsRequest): Promise<ListAppsResponse>;
  getApp(appId: string): Promise<IotAppItem>;
  /** Creates a draft app owned by the caller's ISV group (APP-1). */
  createApp(request: CreateAppRequest): Promise<IotAppItem>;
  updateApp(appId: string, request: UpdateAppRequest): Promise<IotAppItem>;
  /** Refused with a 409 once the app has been published (APP-4). */
  deleteApp(appId: string): Promise<void>;
  /** The industries and their scenarios that apps choose from (APP-1). */
  getAppTaxonomy(): Promise<AppTaxonomy>;

  listSpecs(appId: string): Promise<ListSpecsResponse>;
  getSpec(specId: string): Promise<IotSpecItem>;
  createSpec(appId: string, request: CreateSpecRequest): Promise<IotSpecItem>;
  updateSpec(specId: string, request: UpdateSpecRequest): Promise<IotSpecItem>;
  deleteSpec(specId: string): Promise<void>;
  /** A new spec with the fields and graph of `specId` (SPEC-6); the server names it when `name` is absent. */
  copySpec(specId: string, name?: string): Promise<IotSpecItem>;
  /** The spec as a `.zip` that `importSpec` accepts unchanged (SPEC-5). */
  exportSpec(specId: string): Promise<ExportedSpec>;
  /** Creates a spec of `appId` from an exported `.zip` (SPEC-2). */
  importSpec(
    appId: string,
    file: File,
    options?: ImportSpecOptions,
  ): Promise<IotSpecItem>;

  /** The node types of dependency graphs, their property schemas as JSON Schema (SPEC-7). */
  getResourceTypes(): Promise<ListResourceTypesResponse>;
  /** The spec's saved dependency graph with its entity tag. */
  getSpecGraph(specId: string): Promise<TaggedSpecGraph>;
  /**
   * Saves the spec's dependency graph. With `etag`, only if nobody saved
   * since that version (`SpecGraphChangedError` otherwise); a graph with
   * problems is refused with `SpecGraphInvalidError` listing every one; a
   * 409 `ResponseError` while the app is in review or published.
   */
  saveSpecGraph(
    specId: string,
    graph: SpecGraph,
    etag?: string,
  ): Promise<TaggedSpecGraph>;
  /** The deployment plan of the saved graph. */
  getSpecPlan(specId: string): Promise<SpecPlan>;
  /** The resource confirmation table (MKT-4) of the saved graph. */
  getSpecResources(specId: string): Promise<ListSpecResourcesResponse>;
  /** The saved graph as Terraform JSON or as Kubernetes manifests of its workloads. */
  downloadSpecExport(
    specId: string,
    format: SpecExportFormat,
  ): Promise<ExportedSpec>;

  /**
   * Starts a test install of the spec's saved graph (SPEC-8) and returns
   * the new instance's id; a 409 `ResponseError` names the problems of a
   * graph that is empty or not valid.
   */
  startDeploymentTest(specId: string): Promise<string>;
  /** The spec's test installs, newest first. */
  listDeploymentTests(
    specId: string,
    request?: ListDeploymentTestsRequest,
  ): Promise<ListDeploymentTestsResponse>;
  /** An instance with its resources, outputs (the password only for its owner) and latest events. */
  getInstance(instanceId: string): Promise<IotInstanceItem>;
  /** An instance's log lines after the event id `after`, oldest first. */
  listInstanceEvents(
    instanceId: string,
    request?: ListInstanceEventsRequest,
  ): Promise<ListInstanceEventsResponse>;
  /** Uninstalls an instance in reverse dependency order; nothing new when it is already uninstalling or deleted. */
  deleteInstance(instanceId: string): Promise<IotInstanceSummary>;

  /**
   * Submits the app for review and listing (SPEC-9): multipart with the
   * texts, one `specIds` field per spec and the images given.
   */
  submitListing(
    appId: string,
    request: SubmitListingRequest,
  ): Promise<IotReviewSummary>;
  /** The app's listing state, what the caller may do, the last rejection and the history (REV-1..3). */
  getListing(appId: string): Promise<IotAppListing>;
  /** Takes the app (or with `specId` one listed spec) off the marketplace (REV-3). */
  unlistApp(appId: string, request: UnlistRequest): Promise<IotAppListing>;
  /** Submissions, oldest first (REV-1). */
  listReviews(request?: ListReviewsRequest): Promise<ListReviewsResponse>;
  /** One submission with its specs as submitted and what changed since the previous one. */
  getReview(reviewId: string): Promise<IotReviewItem>;
  /** A submission image, fetched with the caller's token. */
  getReviewImage(
    reviewId: string,
    field: ListingImageField,
  ): Promise<FetchedReviewImage>;
  approveReview(
    reviewId: string,
    request?: ApproveReviewRequest,
  ): Promise<IotReviewSummary>;
  /** Rejects with a reason and the fields the ISV must fix (REV-1). */
  rejectReview(
    reviewId: string,
    request: RejectReviewRequest,
  ): Promise<IotReviewSummary>;
}

/** @public */
export const iotApiRef = createApiRef<IotApi>().with({
  id: 'plugin.iot.api',
  pluginId: 'iot',
});
