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
