import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Every text the IoT plugin shows. English is the default; other languages
 * are registered as translation resources (see `translations/`).
 *
 * @public
 */
export const iotTranslationRef = createTranslationRef({
  id: 'iot',
  messages: {
    appCard: {
      title: 'IoT app',
      specsTitle: 'Specs',
      noSpecs:
        'No specs yet — add a spec to choose where this app deploys and which images it runs. An app needs at least one spec before it can be submitted for review.',
    },
    specCard: {
      title: 'IoT spec',
      imagesTitle: 'Images',
      noImages:
        'No images yet — add the images this spec deploys in its dependency editor.',
    },
    imageCard: {
      title: 'IoT image',
      versionsTitle: 'Versions',
      noVersions:
        'No versions yet — upload a version of this image so that specs can use it.',
      usedByTitle: 'Used by',
      notUsed:
        'No spec uses this image yet — add it to a spec in the dependency editor.',
    },
    fields: {
      owner: 'Owner',
      description: 'Description',
      industry: 'Industry',
      scenario: 'Scenario',
      reviewStatus: 'Review status',
      app: 'App',
      type: 'Type',
      deployLocation: 'Deploy location',
      trial: '7-day trial',
      imageKind: 'Image kind',
      latestVersion: 'Latest version',
      totalSize: 'Total size',
      lastUpload: 'Last upload',
      name: 'Name',
      image: 'Image',
      version: 'Version',
      status: 'Status',
      size: 'Size',
      uploadedAt: 'Uploaded at',
      sha256: 'SHA-256',
      spec: 'Spec',
      lastUpdate: 'Last update',
      usedBy: 'Used by',
      actions: 'Actions',
    },
    imagesPage: {
      uploadTitle: 'Upload an image',
      listTitle: 'Your images',
      uploadNotAllowed:
        'Uploading images is for members of an ISV group. Sign in as an ISV (e.g. alice) to upload; reviewers can still browse every image here.',
    },
    upload: {
      zoneLabel: 'Drop an image file to upload it',
      dropHint: 'Drag an image file here, or',
      chooseFile: 'Choose file',
      inputLabel: 'Choose image file',
      ruleDocker:
        'Docker image: docker_{name}_{version}.tar or .tar.gz, as written by docker save',
      ruleVm:
        'VM image: vm_{name}_{version}.qcow2, .vmdk, .vhd, .img, .raw or .iso',
      ruleSize: 'At most 2 GB, decompressed content included',
      badName:
        "Image file name must look like docker_{name}_{version}.tar.gz (or .tar) or vm_{name}_{version}.qcow2 (or .vmdk, .vhd, .img, .raw, .iso); got '{{fileName}}'",
      tooBig:
        "Image files can be at most 2 GB, decompressed content included; '{{fileName}}' is {{size}}",
      oneFile: 'Drop one image file at a time; got {{files}} files',
      uploading: 'Uploading {{fileName}}',
      progressLabel: 'Upload progress',
      sent: '{{sent}} of {{total}}',
      speed: '{{speed}}/s',
      timeLeft: '{{time}} left',
      checking: 'All bytes sent — the portal is checking the image…',
      cancel: 'Cancel upload',
      cancelled: 'The upload of {{fileName}} was cancelled.',
      succeeded: 'Uploaded {{name}} version {{version}} ({{size}}).',
      failedTitle: 'The portal refused {{fileName}}',
      refusedTitle: '{{fileName}} cannot be uploaded',
    },
    imageList: {
      searchLabel: 'Search by name',
      statusLabel: 'Upload status',
      allStatuses: 'All',
      empty:
        'No images yet — upload a docker_{name}_{version}.tar.gz or a VM image to get started',
      noMatch:
        'No images match these filters — clear the search or pick another status.',
      loadFailed: 'Could not load your images: {{message}}',
      retry: 'Retry',
      loadMore: 'Load more',
      showVersions: 'Show versions of {{name}}',
      versionsOf: 'Versions of {{name}}',
      notUsed: 'Not used',
      deleteVersion: 'Delete version {{version}} of {{name}}',
      deleted: 'Deleted version {{version}} of {{name}}.',
    },
    deleteDialog: {
      title: 'Delete image version',
      body: 'Delete version {{version}} of {{name}}? This cannot be undone.',
      cancel: 'Cancel',
      confirm: 'Delete',
      failed: 'Could not delete the version',
    },
    duration: {
      seconds: '{{seconds}} s',
      minutes: '{{minutes}} min {{seconds}} s',
      hours: '{{hours}} h {{minutes}} min',
    },
    values: {
      yes: 'Yes',
      no: 'No',
      none: 'None',
      loadFailed: 'Could not load from the catalog: {{message}}',
    },
    reviewStatus: {
      draft: 'Draft',
      'in-review': 'In review',
      approved: 'Approved',
      rejected: 'Rejected',
      unlisted: 'Unlisted',
    },
    uploadStatus: {
      uploading: 'Uploading',
      succeeded: 'Succeeded',
      failed: 'Failed',
    },
    specType: {
      general: 'General',
      custom: 'Custom',
      experience: 'Experience',
    },
    deployLocation: {
      'public-cloud': 'Public cloud',
      'edge-site': 'Edge site',
      'private-cloud': 'Private cloud',
    },
    imageKind: {
      docker: 'Docker',
      vm: 'VM',
    },
  },
});
